package org.ntpclock.codec.transport;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import org.ntpclock.core.Ticker;
import org.ntpclock.core.logging.RateLimitedLogger;

/**
 * How the workers of either transport report an error they survive: a WARNING with the exception
 * to {@link System.Logger} {@code org.ntpclock.codec.transport.NtpServer}, at most
 * {@link #LOG_BURST} per {@link #LOG_WINDOW}, and every error to the server's
 * {@link ServerErrorListener}, if any. Counting stays with the transport. Thread-safe; off the
 * steady path, so it may allocate.
 */
final class WorkerErrors {
  /** At most this many worker errors are logged per {@link #LOG_WINDOW}, so a flood cannot fill a disk. */
  static final int LOG_BURST = 10;
  /** The window of {@link #LOG_BURST}. */
  static final Duration LOG_WINDOW = Duration.ofMinutes(1);

  private final RateLimitedLogger log;
  private final ServerErrorListener listener;

  private WorkerErrors(RateLimitedLogger log, ServerErrorListener listener) {
    this.log = log;
    this.listener = listener;
  }

  /**
   * A reporter logging on the given monotonic time.
   *
   * @param listener told about every error; null for none
   * @param ticker the time the log's rate limit runs on
   */
  static WorkerErrors of(ServerErrorListener listener, Ticker ticker) {
    return new WorkerErrors(RateLimitedLogger.of(System.getLogger(NtpServer.class.getName()), LOG_BURST, LOG_WINDOW,
        ticker), listener);
  }

  /** A reporter that logs (on the system ticker) and has no listener. */
  static WorkerErrors logOnly() {
    return of(null, Ticker.system());
  }

  /**
   * Reports one error of the calling worker thread.
   *
   * @param server the server's bound address
   * @param kind where in the worker it happened
   * @param error the exception
   */
  void report(InetSocketAddress server, ServerErrorListener.Kind kind, Throwable error) {
    log.log(Level.WARNING, "NTP server " + server + ": " + kind.name().toLowerCase(Locale.ROOT) + " error in "
        + Thread.currentThread().getName() + ": " + error, error);
    if (listener != null) {
      try {
        listener.onError(server, kind, error);
      } catch (RuntimeException listenerFailure) {
        // The listener's own failure must not stop the worker; there is nobody else to tell.
      }
    }
  }

  /**
   * Waits for worker threads to end, at most {@code timeout} in all; an interrupt ends the wait
   * early and stays set on the calling thread.
   *
   * @return true when every thread has ended
   */
  static boolean join(Iterable<Thread> threads, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean allStopped = true;
    boolean interrupted = false;
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      if (!interrupted && left > 0) {
        try {
          thread.join(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          interrupted = true;
          Thread.currentThread().interrupt();
        }
      }
      allStopped &= !thread.isAlive();
    }
    return allStopped;
  }
}
