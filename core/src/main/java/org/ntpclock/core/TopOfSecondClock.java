package org.ntpclock.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that tells the time from second edges, the pulse-per-second method (the time is the
 * second an edge began plus the time elapsed since that edge):
 * an edge source (a GPS PPS line, or the DS3231's 1 Hz square wave) calls {@link #markEdge} with
 * the monotonic ticker reading at the edge and the UTC second the edge begins; a reader takes the
 * time since the last edge from the same ticker and turns it into the NTP fraction.
 *
 * <p>Status of a reading:
 * <ul>
 *   <li>{@link Status#LOCKED}: the last edge is less than {@code edgeTimeout} old (default 1.5 s,
 *       so one late pulse is tolerated);
 *   <li>{@link Status#HOLDOVER}: edges stopped arriving; the time is extrapolated from the ticker
 *       and still served, until the last edge is {@code holdoverLimit} old (default 60 s);
 *   <li>{@link Status#UNSYNCHRONIZED}: no edge yet, the holdover limit passed, or the ticker reads
 *       earlier than the last edge (it ran backwards). No time is given.
 * </ul>
 *
 * <p>Thread-safe: {@link #markEdge} may run on an interrupt or GPIO thread while server threads
 * read. Reading allocates nothing through {@link #readBits()}.
 */
public final class TopOfSecondClock {
  /** Default age after which a missing edge moves the clock into holdover. */
  public static final Duration DEFAULT_EDGE_TIMEOUT = Duration.ofMillis(1500);
  /** Default age after which holdover ends and the clock is unsynchronized. */
  public static final Duration DEFAULT_HOLDOVER_LIMIT = Duration.ofSeconds(60);

  private final Ticker ticker;
  private final long edgeTimeoutNanos;
  private final long holdoverLimitNanos;
  private volatile Edge edge;

  private TopOfSecondClock(Ticker ticker, long edgeTimeoutNanos, long holdoverLimitNanos) {
    this.ticker = ticker;
    this.edgeTimeoutNanos = edgeTimeoutNanos;
    this.holdoverLimitNanos = holdoverLimitNanos;
  }

  /**
   * A clock with the default edge timeout and holdover limit.
   *
   * @param ticker the monotonic ticker both edges and readings use
   * @return the clock, unsynchronized until the first edge
   */
  public static TopOfSecondClock create(Ticker ticker) {
    return create(ticker, DEFAULT_EDGE_TIMEOUT, DEFAULT_HOLDOVER_LIMIT);
  }

  /**
   * A clock with explicit limits.
   *
   * @param ticker the monotonic ticker both edges and readings use
   * @param edgeTimeout edge age from which the clock is in holdover; more than one second
   * @param holdoverLimit edge age from which the clock is unsynchronized; at least {@code edgeTimeout}
   * @return the clock, unsynchronized until the first edge
   * @throws IllegalArgumentException if the limits are out of order
   */
  public static TopOfSecondClock create(Ticker ticker, Duration edgeTimeout, Duration holdoverLimit) {
    checkNotNull(ticker, "ticker");
    checkArgument(edgeTimeout.compareTo(Duration.ofSeconds(1)) > 0, "edge timeout must exceed 1 s: %s", edgeTimeout);
    checkArgument(holdoverLimit.compareTo(edgeTimeout) >= 0, "holdover limit %s below edge timeout %s", holdoverLimit, edgeTimeout);
    return new TopOfSecondClock(ticker, edgeTimeout.toNanos(), holdoverLimit.toNanos());
  }

  /**
   * Records a second edge.
   *
   * @param tick the ticker reading at the edge
   * @param utcSecond the POSIX second that starts at the edge
   * @throws IllegalArgumentException if the edge is not after the previous one, in ticks and in seconds
   */
  public void markEdge(long tick, long utcSecond) {
    Edge last = edge;
    if (last != null) {
      checkArgument(tick - last.tick > 0, "edge tick %s not after the previous edge %s", tick, last.tick);
      checkArgument(utcSecond > last.utcSecond, "edge second %s not after the previous edge %s", utcSecond, last.utcSecond);
    }
    edge = new Edge(tick, utcSecond);
  }

  /**
   * Records a second edge at the current ticker reading.
   *
   * @param utcSecond the instant of the edge; must be a whole second
   * @throws IllegalArgumentException if {@code utcSecond} has a sub-second part or is not after the
   *     previous edge
   */
  public void markEdge(Instant utcSecond) {
    checkArgument(utcSecond.getNano() == 0, "an edge marks a whole second: %s", utcSecond);
    markEdge(ticker.read(), utcSecond.getEpochSecond());
  }

  /**
   * The status a reading taken now would have.
   *
   * @return the status
   */
  public Status status() {
    Edge e = edge;
    return e == null ? Status.UNSYNCHRONIZED : statusOf(ticker.read() - e.tick);
  }

  /**
   * The current time as raw NTP timestamp bits, or 0 ("unknown") when unsynchronized. Allocates
   * nothing.
   *
   * @return the raw timestamp, or 0
   */
  public long readBits() {
    Edge e = edge;
    if (e == null) {
      return 0;
    }
    long elapsed = ticker.read() - e.tick;
    if (statusOf(elapsed) == Status.UNSYNCHRONIZED) {
      return 0;
    }
    return bitsAt(e.utcSecond, elapsed);
  }

  /**
   * Reads the clock.
   *
   * @return the reading with its status
   */
  public Reading read() {
    Edge e = edge;
    if (e == null) {
      return new Reading(Status.UNSYNCHRONIZED, NtpTimestamp.UNKNOWN, Duration.ZERO);
    }
    long elapsed = ticker.read() - e.tick;
    Status status = statusOf(elapsed);
    if (status == Status.UNSYNCHRONIZED) {
      return new Reading(status, NtpTimestamp.UNKNOWN, Duration.ofNanos(elapsed));
    }
    return new Reading(status, NtpTimestamp.ofBits(bitsAt(e.utcSecond, elapsed)), Duration.ofNanos(elapsed));
  }

  private Status statusOf(long elapsed) {
    if (elapsed < 0 || elapsed >= holdoverLimitNanos) {
      return Status.UNSYNCHRONIZED;
    }
    return elapsed < edgeTimeoutNanos ? Status.LOCKED : Status.HOLDOVER;
  }

  private static long bitsAt(long utcSecond, long elapsedNanos) {
    long whole = elapsedNanos / 1_000_000_000L;
    long sub = elapsedNanos - whole * 1_000_000_000L;
    return NtpTimestamp.bitsOf(utcSecond + whole, sub);
  }

  /** The quality of a reading. */
  public enum Status {
    /** Edges are arriving; the time is measured from the last one. */
    LOCKED,
    /** Edges stopped; the time is extrapolated on the ticker. */
    HOLDOVER,
    /** No usable edge; no time. */
    UNSYNCHRONIZED
  }

  /**
   * One reading of the clock.
   *
   * @param status the quality
   * @param timestamp the time, or {@link NtpTimestamp#UNKNOWN} when unsynchronized
   * @param sinceEdge ticker time since the last edge (zero before the first)
   */
  public record Reading(Status status, NtpTimestamp timestamp, Duration sinceEdge) {}

  private record Edge(long tick, long utcSecond) {}
}
