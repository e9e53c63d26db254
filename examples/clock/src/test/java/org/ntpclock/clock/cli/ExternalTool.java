package org.ntpclock.clock.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs an external program with a hard timeout, killing it and its children when it expires. */
final class ExternalTool {
  private ExternalTool() {}

  /**
   * What a program did.
   *
   * @param exitCode the exit code, or -1 if it was killed at the timeout
   * @param output stdout and stderr, merged
   */
  record Result(int exitCode, String output) {}

  static Result run(Duration timeout, List<String> command) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(output unreadable: " + e + ")";
      }
    });
    try {
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        kill(p);
      }
      String text = output.get(5, TimeUnit.SECONDS);
      return new Result(done ? p.exitValue() : -1, text);
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    } catch (ExecutionException | TimeoutException e) {
      kill(p);
      throw new AssertionError("no output from " + command, e);
    }
  }

  static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
