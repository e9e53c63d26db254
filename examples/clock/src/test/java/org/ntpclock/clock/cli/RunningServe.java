package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.ntpclock.clock.app.NtpClock;
import org.ntpclock.clock.app.RtcChoice;

/**
 * {@code ntpclock serve} running in-process on ephemeral loopback ports, on a thread of its own;
 * {@link #close()} interrupts it (the in-process equivalent of Ctrl-C) and checks it stopped.
 */
final class RunningServe implements AutoCloseable {
  private final Thread thread;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CompletableFuture<ServeCommand.Started> started = new CompletableFuture<>();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  private RunningServe(String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("serve", "--ntp-port", "0", "--http-port", "0", "--bind", "127.0.0.1"));
    args.addAll(List.of(extraArgs));
    thread = new Thread(() -> {
      try {
        exit.complete(Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new)));
      } catch (Throwable t) {
        exit.completeExceptionally(t);
      } finally {
        started.completeExceptionally(new AssertionError("serve ended before starting; stderr: " + err));
      }
    }, "test-serve");
    thread.setDaemon(true);
  }

  /**
   * Starts serve and waits (at most 30 s) until it is up.
   *
   * @param extraArgs further options, e.g. {@code --display terminal}
   * @return the running serve
   */
  static synchronized RunningServe start(String... extraArgs) throws Exception {
    RunningServe serve = new RunningServe(extraArgs);
    ServeCommand.onStarted = serve.started::complete;
    try {
      serve.thread.start();
      serve.started.get(30, TimeUnit.SECONDS);
      return serve;
    } finally {
      ServeCommand.onStarted = s -> {};
    }
  }

  NtpClock clock() {
    return started.join().clock();
  }

  RtcChoice rtc() {
    return started.join().rtc();
  }

  int ntpPort() {
    return clock().ntpAddress().getPort();
  }

  int httpPort() {
    return clock().httpAddress().getPort();
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    thread.interrupt();
    int code;
    try {
      code = exit.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while stopping serve", e);
    }
    assertThat(code).as("serve exit code; stderr: %s", err).isZero();
    assertThat(out()).contains("ntpclock stopped");
  }
}
