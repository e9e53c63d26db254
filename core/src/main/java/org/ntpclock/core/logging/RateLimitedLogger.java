package org.ntpclock.core.logging;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.ntpclock.core.Ticker;

/**
 * A {@link System.Logger} front that lets at most {@code burst} messages through per
 * {@code window}, so that a flood of identical failures (a datagram storm that makes every receive
 * fail, a time source that throws on every read) cannot fill a disk. Messages over the limit are
 * counted and dropped; the next message let through says how many were suppressed before it.
 *
 * <p>The limit is a token bucket on an injected monotonic {@link Ticker}: it holds up to
 * {@code burst} tokens, refilled at {@code burst} per {@code window}; every message that is logged
 * takes one. Messages below the logger's level cost neither a token nor a count. Thread-safe.
 *
 * <pre>{@code
 * RateLimitedLogger errors = RateLimitedLogger.of(System.getLogger("org.example.Server"),
 *     10, Duration.ofMinutes(1), Ticker.system());
 * errors.log(Level.WARNING, "receive failed on port 123", exception);
 * }</pre>
 */
public final class RateLimitedLogger {
  private final Logger logger;
  private final int burst;
  private final long nanosPerToken;
  private final Ticker ticker;
  private final Object lock = new Object();
  private long tokenNanos;
  private long pendingSuppressed;
  private long totalSuppressed;

  private RateLimitedLogger(Logger logger, int burst, Duration window, Ticker ticker) {
    this.logger = logger;
    this.burst = burst;
    this.nanosPerToken = Math.max(1, window.toNanos() / burst);
    this.ticker = ticker;
    // A full bucket: "now" minus the time it takes to earn burst tokens.
    this.tokenNanos = ticker.read() - nanosPerToken * burst;
  }

  /**
   * A rate-limited front for a logger.
   *
   * @param logger the logger messages go to
   * @param burst how many messages may be logged in a row, 1..1000
   * @param window the time over which {@code burst} messages are allowed, 1 ms .. 1 day
   * @param ticker the monotonic time the limit is measured on
   * @return the front
   * @throws IllegalArgumentException if {@code burst} or {@code window} is out of range
   */
  public static RateLimitedLogger of(Logger logger, int burst, Duration window, Ticker ticker) {
    checkNotNull(logger, "logger");
    checkNotNull(window, "window");
    checkNotNull(ticker, "ticker");
    checkArgument(burst >= 1 && burst <= 1000, "burst out of range 1..1000: %s", burst);
    checkArgument(window.compareTo(Duration.ofMillis(1)) >= 0 && window.compareTo(Duration.ofDays(1)) <= 0,
        "window out of range 1 ms .. 1 day: %s", window);
    return new RateLimitedLogger(logger, burst, window, ticker);
  }

  /**
   * The logger messages go to.
   *
   * @return the logger
   */
  public Logger logger() {
    return logger;
  }

  /**
   * Logs a message with its exception, unless the limit has been reached.
   *
   * @param level the level
   * @param message the message
   * @param thrown the exception, or null
   * @return true if the message was handed to the logger, false if suppressed or below its level
   */
  public boolean log(Level level, String message, Throwable thrown) {
    checkNotNull(level, "level");
    checkNotNull(message, "message");
    if (!logger.isLoggable(level)) {
      return false;
    }
    long suppressedBefore;
    synchronized (lock) {
      long now = ticker.read();
      long earliest = now - nanosPerToken * burst;
      if (tokenNanos - earliest < 0) {
        tokenNanos = earliest;
      }
      if (now - tokenNanos < nanosPerToken) {
        pendingSuppressed++;
        totalSuppressed++;
        return false;
      }
      tokenNanos += nanosPerToken;
      suppressedBefore = pendingSuppressed;
      pendingSuppressed = 0;
    }
    String text = suppressedBefore == 0 ? message
        : message + " (" + suppressedBefore + " similar message" + (suppressedBefore == 1 ? "" : "s")
            + " suppressed before this one)";
    if (thrown == null) {
      logger.log(level, text);
    } else {
      logger.log(level, text, thrown);
    }
    return true;
  }

  /**
   * How many messages have been suppressed since this front was created.
   *
   * @return the count
   */
  public long suppressed() {
    synchronized (lock) {
      return totalSuppressed;
    }
  }

  @Override
  public String toString() {
    return "RateLimitedLogger{" + logger.getName() + ", burst=" + burst + ", perToken="
        + Duration.ofNanos(nanosPerToken) + "}";
  }
}
