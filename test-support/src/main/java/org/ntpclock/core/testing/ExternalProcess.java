package org.ntpclock.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs an external program with a hard timeout and collects its output (stdout and stderr
 * merged). A program still running at the timeout is killed, with its descendants, so interop
 * tests always stop by themselves. Shared by the interop tests of every module.
 */
public final class ExternalProcess {
  private ExternalProcess() {}

  /**
   * What a finished program left behind.
   *
   * @param exitCode the exit code, or -1 if it was killed at the timeout
   * @param output stdout and stderr, merged
   */
  public record Result(int exitCode, String output) {}

  /**
   * Runs a program to completion or until the timeout.
   *
   * @param timeout how long to wait before killing it
   * @param command the program and its arguments
   * @return its exit code and output
   */
  public static Result run(Duration timeout, List<String> command) {
    return run(timeout, command, output -> false);
  }

  /**
   * Runs a program to completion, until the timeout, or until its output shows that it cannot
   * succeed (a daemon it started could not bind its port, say), killing it in the last two cases.
   *
   * @param timeout how long to wait before killing it
   * @param command the program and its arguments
   * @param giveUpWhen true for output after which the run is hopeless; checked as output arrives
   * @return its exit code (-1 if it was killed) and output
   */
  public static Result run(Duration timeout, List<String> command, Predicate<String> giveUpWhen) {
    return run(timeout, new ProcessBuilder(command), null, giveUpWhen);
  }

  /**
   * Runs a prepared program (its environment or working directory set) with the given standard
   * input, to completion or until the timeout. Its output is read while it runs, so a program that
   * writes more than a pipe holds cannot block, and the timeout holds whatever it does.
   *
   * @param timeout how long to wait before killing it
   * @param builder the program; its stderr is merged into stdout
   * @param input written to its standard input, which is then closed
   * @return its exit code (-1 if it was killed) and output
   */
  public static Result run(Duration timeout, ProcessBuilder builder, byte[] input) {
    return run(timeout, builder, Objects.requireNonNull(input, "input"), output -> false);
  }

  /** The common path; a null input leaves the program's standard input an open pipe, as before. */
  private static Result run(Duration timeout, ProcessBuilder builder, byte[] input, Predicate<String> giveUpWhen) {
    String name = builder.command().get(0);
    Process p;
    try {
      p = builder.redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + builder.command(), e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(p.getInputStream(), out), "reader-" + name);
    reader.setDaemon(true);
    reader.start();
    try {
      if (input != null) {
        try (OutputStream stdin = p.getOutputStream()) {
          stdin.write(input);
        } catch (IOException e) {
          // The program exited or closed its input without reading it all: its output says why.
        }
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      boolean done = false;
      while (!done && System.nanoTime() - deadline < 0) {
        done = p.waitFor(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
        if (!done && giveUpWhen.test(snapshot(out))) {
          break;
        }
      }
      if (!done) {
        kill(p);
      }
      reader.join(2000);
      return new Result(done ? p.exitValue() : -1, snapshot(out));
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + builder.command(), e);
    }
  }

  private static String snapshot(ByteArrayOutputStream out) {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * Kills a process and everything it started, waiting briefly for it to go.
   *
   * @param p the process
   */
  public static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[4096];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (out) {
          out.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // The process went away; what was read is kept.
    }
  }
}
