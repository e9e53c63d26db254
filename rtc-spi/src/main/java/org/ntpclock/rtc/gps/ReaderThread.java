package org.ntpclock.rtc.gps;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.Optional;
import org.ntpclock.core.Ticker;

/**
 * The thread a receiver reads on: started once, it opens the input, hands it on line by line
 * (bounded, each with the ticker reading of its first byte), and opens it again with back-off when
 * it ends or fails, until the input is gone for good or the receiver is closed. Closing closes what
 * it blocks on and interrupts it; the last error is kept for callers.
 */
abstract class ReaderThread implements AutoCloseable {
  private final Thread thread;
  private final Ticker ticker;
  private final int maxLine;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private volatile Closeable blocking;
  private volatile boolean closed;
  private volatile Optional<Exception> lastError = Optional.empty();

  /**
   * @param name the thread's name
   * @param ticker the ticker each line's arrival is read on
   * @param maxLine the longest line accepted, counting CR LF
   * @param firstBackoff the wait before the first reopening, and again after a session that
   *     delivered data
   * @param maxBackoff the longest wait, which the doubling back-off stops at
   */
  ReaderThread(String name, Ticker ticker, int maxLine, Duration firstBackoff, Duration maxBackoff) {
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
    this.ticker = checkNotNull(ticker, "ticker");
    this.maxLine = maxLine;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * Opens the input for one session. A step that may block before the channel exists (a connect)
   * registers what it blocks on with {@link #blockingOn} first, so that closing can unblock it.
   */
  abstract ReadableByteChannel open() throws IOException;

  /**
   * Handles one line, or {@link LineReader#OVERLONG} for one that exceeded the limit.
   *
   * @return whether the line carried data, which resets the back-off
   */
  abstract boolean onLine(String line, long tick);

  /**
   * Called when a session ends (the input ended or failed) while the receiver is open.
   *
   * @return whether to open the input again after the back-off
   */
  abstract boolean sessionEnded();

  /** The reading loop; returns when {@link #isClosed()} or the input ends for good. */
  private void run() {
    Duration backoff = firstBackoff;
    while (backoff != null && !isClosed()) {
      try (ReadableByteChannel ch = open()) {
        blockingOn(ch);
        if (isClosed()) {
          return;
        }
        LineReader lines = new LineReader(ch, ticker, maxLine);
        for (String line = lines.next(); line != null && !isClosed(); line = lines.next()) {
          if (onLine(line, lines.lineTick())) {
            backoff = firstBackoff;
          }
        }
      } catch (IOException e) {
        failed(e);
      }
      if (isClosed() || !sessionEnded()) {
        return;
      }
      backoff = sleep(backoff, maxBackoff);
    }
  }

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
  private static Duration sleep(Duration backoff, Duration max) {
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
