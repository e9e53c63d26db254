package org.ntpclock.rtc.gps;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The thread a receiver reads on: started once, closed by closing what it blocks on and
 * interrupting it, with the last error kept for callers and a back-off between reconnections.
 */
abstract class ReaderThread implements AutoCloseable {
  private final Thread thread;
  private volatile Closeable blocking;
  private volatile boolean closed;
  private volatile Optional<Exception> lastError = Optional.empty();

  ReaderThread(String name) {
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  /** The reading loop; returns when {@link #isClosed()} or the input ends for good. */
  abstract void run();

  final void start() {
    thread.start();
  }

  /** Remembers what the loop blocks on now, so that closing can unblock it. */
  final void blockingOn(Closeable resource) {
    blocking = resource;
  }

  final boolean isClosed() {
    return closed;
  }

  final void failed(Exception e) {
    lastError = Optional.of(e);
  }

  /**
   * Sleeps for the back-off and returns the next one (doubled, at most {@code max}).
   *
   * @return the next back-off, or null if interrupted (closing)
   */
  static Duration sleep(Duration backoff, Duration max) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      return null;
    }
    Duration next = backoff.multipliedBy(2);
    return next.compareTo(max) > 0 ? max : next;
  }

  /**
   * The last error the receiver met (a malformed message, a device or connection that failed).
   *
   * @return the error, or empty
   */
  public final Optional<Exception> lastError() {
    return lastError;
  }

  /**
   * Whether the reading thread has ended (its input ended for good, or it was closed).
   *
   * @return true once ended
   */
  public final boolean isDone() {
    return !thread.isAlive();
  }

  /** Stops reading and waits (at most 2 s) for the thread to end. */
  @Override
  public final void close() {
    closed = true;
    Closeable c = blocking;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // closing only to unblock the reader
      }
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
