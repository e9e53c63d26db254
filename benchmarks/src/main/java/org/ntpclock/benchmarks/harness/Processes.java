package org.ntpclock.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every external process the harness starts, so that all of them are stopped on close, on a
 * failure, on the watchdog and on JVM shutdown. Only processes started here are ever signalled.
 */
final class Processes implements AutoCloseable {
  private final List<Process> started = new ArrayList<>();

  /** Starts a process with stdout and stderr merged into {@code log}. */
  synchronized Process start(List<String> command, Path log) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(p);
    return p;
  }

  /** Starts a process with piped stdin and stdout and stderr going to {@code log}. */
  synchronized Process startPiped(List<String> command, Path log) throws IOException {
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    started.add(p);
    return p;
  }

  /**
   * Runs a process to completion within a hard timeout and returns its output.
   *
   * @throws IOException if it cannot start, times out (it is then killed) or exits non-zero
   */
  String run(List<String> command, Path log, long timeoutSeconds) throws IOException, InterruptedException {
    Process p = start(command, log);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      stop(p);
      throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("exit " + p.exitValue() + ": " + command + "\n" + out);
    }
    return out;
  }

  /** Stops one process: SIGTERM, then SIGKILL after two seconds. */
  static void stop(Process p) {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Stops every process started here (watchdog and shutdown hook use this). */
  synchronized void stopAll() {
    for (Process p : started) {
      stop(p);
    }
    started.clear();
  }

  @Override
  public void close() {
    stopAll();
  }
}
