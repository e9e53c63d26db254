package org.ntpclock.rtc.source;

import static org.ntpclock.core.internal.Preconditions.checkArgument;

import java.time.Duration;
import java.time.Instant;
import org.ntpclock.core.Ticker;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.core.TopOfSecondClock;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RtcReading;

/**
 * An {@link RtcTimeSource} that follows the RTC's 1 Hz square wave: the wave (DS3231 INT/SQW) is
 * wired to a GPIO whose handler calls {@link #onSecondEdge(long)} with the ticker reading at the
 * edge where the seconds counter increments.
 *
 * <p>The edges feed a core {@link TopOfSecondClock}; {@link #refresh()} reads the RTC to label the
 * edges with their second and to cross-check them (a changed RTC relabels them). Edges alone carry
 * the phase, so the error is the edge latency, served as the root dispersion; after edges stop the
 * clock holds over and then becomes unsynchronized as {@link TopOfSecondClock} documents.
 *
 * <p>Thread-safe. {@link #nowBits()} and {@link #status()} allocate nothing;
 * {@link #onSecondEdge(long)} may run on an interrupt thread.
 */
public final class EdgeDrivenRtcTimeSource extends RtcTrust {
  /** Default dispersion claimed for a second edge (GPIO latency). */
  public static final Duration DEFAULT_EDGE_DISPERSION = Duration.ofMillis(1);

  /** How far (ns) an edge may be from a whole number of seconds after the previous one. */
  static final long EDGE_TOLERANCE_NANOS = 100_000_000L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Duration edgeTimeout;
  private final Duration holdoverLimit;
  private final long edgeDispersionNanos;
  private final Object edgeLock = new Object();

  // Guarded by edgeLock, published through volatiles for readers.
  private volatile TopOfSecondClock edges;
  private volatile TimeSourceStatus edgeStatus;
  private Hint hint;
  private Edge lastEdge;

  private EdgeDrivenRtcTimeSource(Builder b) {
    super(b);
    this.edgeTimeout = b.edgeTimeout;
    this.holdoverLimit = b.holdoverLimit;
    this.edgeDispersionNanos = b.edgeDispersion.toNanos();
    this.edges = TopOfSecondClock.create(ticker, edgeTimeout, holdoverLimit);
  }

  /**
   * A builder for a source over the given clock.
   *
   * @param rtc the clock; the source reads it only in {@link #refresh()}
   * @return the builder
   */
  public static Builder builder(RealTimeClock rtc) {
    return new Builder(rtc);
  }

  /**
   * The current time from the labelled edges, or 0 when unsynchronized. Allocates nothing.
   *
   * @return raw NTP timestamp bits, never 0 while synchronized
   */
  @Override
  public long nowBits() {
    if (!trusted) {
      return 0;
    }
    return edges.readBits();
  }

  /**
   * The current status: synchronized with the configured stratum and reference id while the RTC is
   * trusted and the edges have not stopped beyond the holdover limit, else
   * {@link TimeSourceStatus#unsynchronized(int)}. Allocates nothing.
   *
   * @return the status
   */
  @Override
  public TimeSourceStatus status() {
    if (!trusted) {
      return unsynchronized;
    }
    TimeSourceStatus s = edgeStatus;
    return s != null && edges.status() != TopOfSecondClock.Status.UNSYNCHRONIZED ? s : unsynchronized;
  }

  @Override
  RtcReading update() throws DeviceException {
    Sample s = sample();
    if (!s.reading().isTrusted()) {
      trust(false, untrustedReason(s.reading()));
      return s.reading();
    }
    Instant time = s.reading().time();
    Hint h = new Hint(s.before() + (s.after() - s.before()) / 2, (s.after() - s.before() + 1) / 2, s.after(),
        time.getEpochSecond());
    synchronized (edgeLock) {
      hint = h;
      Edge e = lastEdge;
      if (e != null && h.mid - e.tick > 0) {
        long since = h.mid - e.tick;
        long r = since % NANOS_PER_SECOND;
        boolean ambiguous = r <= h.half + EDGE_TOLERANCE_NANOS || r >= NANOS_PER_SECOND - h.half - EDGE_TOLERANCE_NANOS;
        if (!ambiguous && e.second + since / NANOS_PER_SECOND != h.second) {
          // The RTC disagrees with the labels (it was set, or an edge was lost): start over.
          lastEdge = null;
          edges = TopOfSecondClock.create(ticker, edgeTimeout, holdoverLimit);
        }
      }
      edgeStatus = synchronizedStatus(time, edgeDispersionNanos);
    }
    trust(true, "the RTC reads a valid " + time);
    return s.reading();
  }

  /**
   * Reports an edge of the RTC's 1 Hz square wave: the edge at which the RTC's seconds counter
   * increments (for the DS3231, the falling edge of INT/SQW).
   *
   * <p>While the previous edge is recent (younger than the holdover limit), an edge is labelled
   * from it and must lie a whole number of seconds later, within 100 ms, or it is dropped as a
   * glitch. Otherwise it is labelled from the last {@link #refresh()}, and dropped when that is
   * ambiguous: an edge a whole number of seconds (± the read time and 100 ms) after the read
   * cannot tell whether the read latched just before or just after an increment.
   *
   * @param tick the ticker reading at the edge
   * @return whether the edge was used
   */
  public boolean onSecondEdge(long tick) {
    synchronized (edgeLock) {
      long label;
      Edge e = lastEdge;
      if (e != null && tick - e.tick > 0 && tick - e.tick < holdoverLimit.toNanos()) {
        // While edges are recent they define the grid: an edge off it is a glitch.
        long n = wholeSecondsNear(tick - e.tick);
        if (n < 1) {
          return false;
        }
        label = e.second + n;
      } else if (hint != null && tick - hint.after > 0) {
        long x = tick - hint.mid;
        long r = x % NANOS_PER_SECOND;
        if (r <= hint.half + EDGE_TOLERANCE_NANOS || r >= NANOS_PER_SECOND - hint.half - EDGE_TOLERANCE_NANOS) {
          return false;
        }
        // The reading latched inside second S; the k-th edge after it starts second S + k.
        label = hint.second + x / NANOS_PER_SECOND + 1;
      } else {
        return false;
      }
      if (e != null && (label <= e.second || tick - e.tick <= 0)) {
        edges = TopOfSecondClock.create(ticker, edgeTimeout, holdoverLimit);
      }
      edges.markEdge(tick, label);
      lastEdge = new Edge(tick, label);
      return true;
    }
  }

  private static long wholeSecondsNear(long nanos) {
    if (nanos <= 0) {
      return 0;
    }
    long n = (nanos + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
    return Math.abs(nanos - n * NANOS_PER_SECOND) <= EDGE_TOLERANCE_NANOS ? n : 0;
  }

  @Override
  public String toString() {
    return "EdgeDrivenRtcTimeSource[" + rtc + ", second edges, stratum " + stratum + "]";
  }

  private record Hint(long mid, long half, long after, long second) {}

  private record Edge(long tick, long second) {}

  /** Configures an {@link EdgeDrivenRtcTimeSource}. */
  public static final class Builder extends RtcSourceBuilder<Builder> {
    private Duration edgeTimeout = TopOfSecondClock.DEFAULT_EDGE_TIMEOUT;
    private Duration holdoverLimit = TopOfSecondClock.DEFAULT_HOLDOVER_LIMIT;
    private Duration edgeDispersion = DEFAULT_EDGE_DISPERSION;

    private Builder(RealTimeClock rtc) {
      super(rtc);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Explicit limits for following the edges (see
     * {@link TopOfSecondClock#create(Ticker, Duration, Duration)}); the defaults are
     * {@link TopOfSecondClock}'s and {@link #DEFAULT_EDGE_DISPERSION}.
     *
     * @param edgeTimeout edge age from which the clock is in holdover, more than 1 s
     * @param holdoverLimit edge age from which it is unsynchronized, at least {@code edgeTimeout}
     * @param edgeDispersion dispersion claimed for an edge (its latency), zero or more
     * @return this builder
     * @throws IllegalArgumentException if a limit is out of range
     */
    public Builder edgeLimits(Duration edgeTimeout, Duration holdoverLimit, Duration edgeDispersion) {
      checkArgument(edgeTimeout.compareTo(Duration.ofSeconds(1)) > 0, "edge timeout must exceed 1 s: %s", edgeTimeout);
      checkArgument(holdoverLimit.compareTo(edgeTimeout) >= 0, "holdover limit %s below edge timeout %s", holdoverLimit, edgeTimeout);
      checkArgument(!edgeDispersion.isNegative(), "negative edge dispersion: %s", edgeDispersion);
      this.edgeTimeout = edgeTimeout;
      this.holdoverLimit = holdoverLimit;
      this.edgeDispersion = edgeDispersion;
      return this;
    }

    /**
     * The source, unsynchronized until the first successful {@link #refresh()} and the first
     * labelled edge.
     *
     * @return the source
     */
    public EdgeDrivenRtcTimeSource build() {
      return new EdgeDrivenRtcTimeSource(this);
    }
  }
}
