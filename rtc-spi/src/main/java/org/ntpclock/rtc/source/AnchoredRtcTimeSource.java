package org.ntpclock.rtc.source;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RtcReading;

/**
 * An {@link RtcTimeSource} that extrapolates from anchors: each {@link #refresh()} pins the RTC's
 * time to a ticker reading (an <em>anchor</em>), and {@link #nowBits()} is the anchor time plus the
 * ticker time since.
 *
 * <p>How the whole second is pinned is the {@link Alignment}: {@link Alignment#MIDPOINT} reads once
 * and assumes the middle of the second (error up to half the RTC's resolution, 0.5 s for a DS3231);
 * {@link Alignment#EDGE_SEARCH} reads repeatedly until the seconds change, the way {@code hwclock}
 * waits for an update, and pins that change (error about one bus read, but a refresh may poll the
 * bus for up to a second; a search whose seconds do not advance within the limit fails with
 * {@link org.ntpclock.rtc.DeviceException.Reason#TIME_INVALID}). The anchor is served for at most {@code maxAge} (default 15 min) after
 * the last good refresh, so the application calls {@link #refresh()} periodically (for example
 * every 64 s with {@link #schedule(ScheduledExecutorService, Duration)}). Ticker and RTC drift
 * apart by their combined frequency errors (tens of ppm: milliseconds per minute) between
 * refreshes.
 *
 * <p>The root dispersion served is the alignment error bound of the last refresh (0.5 s plus half
 * the read time for a DS3231 in {@link Alignment#MIDPOINT}). Thread-safe; {@link #nowBits()} and
 * {@link #status()} allocate nothing.
 */
public final class AnchoredRtcTimeSource extends RtcTrust {
  /** Default time an anchor is served after the refresh that set it. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(15);
  /** Default bound on {@link Alignment#EDGE_SEARCH}: give up if the seconds do not change in this time. */
  public static final Duration DEFAULT_EDGE_SEARCH_LIMIT = Duration.ofMillis(2500);

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int MAX_STALLED_SAMPLES = 1_000_000;
  private static final long NOT_AN_EDGE = -1;

  /** How {@link #refresh()} pins the RTC's whole second onto the ticker. */
  public enum Alignment {
    /** One read; the reading is taken as the middle of its second. */
    MIDPOINT,
    /** Read until the seconds change and pin the change; falls back to midpoint for fine clocks. */
    EDGE_SEARCH
  }

  private final long maxAgeNanos;
  private final Alignment alignment;
  private final long edgeSearchLimitNanos;

  private volatile Anchor anchor;

  private AnchoredRtcTimeSource(Builder b) {
    super(b);
    this.maxAgeNanos = b.maxAge.toNanos();
    this.alignment = b.alignment;
    this.edgeSearchLimitNanos = b.edgeSearchLimit.toNanos();
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
   * The current time, or 0 when unsynchronized. Allocates nothing.
   *
   * @return raw NTP timestamp bits, never 0 while synchronized
   */
  @Override
  public long nowBits() {
    if (!trusted) {
      return 0;
    }
    Anchor a = anchor;
    if (a == null) {
      return 0;
    }
    long elapsed = ticker.read() - a.tick;
    if (elapsed < 0 || elapsed >= maxAgeNanos) {
      return 0;
    }
    long nanos = a.nanos + elapsed;
    long bits = NtpTimestamp.bitsOf(a.second + nanos / NANOS_PER_SECOND, nanos % NANOS_PER_SECOND);
    // Exactly at an era boundary the wire value would read "unknown": step one unit (233 ps) on.
    return bits == 0 ? 1 : bits;
  }

  /**
   * The current status: synchronized with the configured stratum and reference id while the RTC is
   * trusted and the anchor younger than the maximum age, else
   * {@link TimeSourceStatus#unsynchronized(int)}. Allocates nothing.
   *
   * @return the status
   */
  @Override
  public TimeSourceStatus status() {
    if (!trusted) {
      return unsynchronized;
    }
    Anchor a = anchor;
    if (a == null) {
      return unsynchronized;
    }
    long elapsed = ticker.read() - a.tick;
    return elapsed >= 0 && elapsed < maxAgeNanos ? a.status : unsynchronized;
  }

  @Override
  RtcReading update() throws DeviceException {
    long resolution = rtc.resolution().toNanos();
    Sample s = sample();
    if (!s.reading().isTrusted()) {
      trust(false, untrustedReason(s.reading()));
      return s.reading();
    }
    long tick;
    long uncertainty;
    Instant time;
    if (alignment == Alignment.EDGE_SEARCH && resolution >= NANOS_PER_SECOND) {
      Sample first = s;
      Sample prev = s;
      // Only the time limit ends a search on a working ticker; the sample count only guards against
      // a ticker that does not move at all (a fast bus makes a million reads in under a second).
      for (int stalled = 0; ; ) {
        s = sample();
        stalled = s.after() == prev.after() ? stalled + 1 : 0;
        if (!s.reading().isTrusted()) {
          trust(false, untrustedReason(s.reading()));
          return s.reading();
        }
        Duration step = Duration.between(prev.reading().time(), s.reading().time());
        if (step.toNanos() == resolution) {
          // prev latched before the change, s at or after it: the change lies in (prev.before, s.after].
          tick = prev.before() + (s.after() - prev.before()) / 2;
          uncertainty = (s.after() - prev.before() + 1) / 2;
          time = s.reading().time();
          break;
        }
        if (!step.isZero()) {
          first = s; // the clock jumped (someone set it): search again from here
        } else if (s.after() - first.before() > edgeSearchLimitNanos || stalled >= MAX_STALLED_SAMPLES) {
          // refresh() logs the loss of trust with this message
          throw new DeviceException(DeviceException.Reason.TIME_INVALID,
              "the RTC's seconds did not advance within " + Duration.ofNanos(s.after() - first.before())
                  + "; oscillator stopped?");
        }
        prev = s;
      }
    } else {
      tick = s.before() + (s.after() - s.before()) / 2;
      uncertainty = resolution / 2 + (s.after() - s.before() + 1) / 2;
      time = s.reading().time().plusNanos(resolution / 2);
    }
    TimeSourceStatus status = synchronizedStatus(time, uncertainty);
    // Only an edge search's anchor lies on a second edge, within its bracket, for alignToEdge.
    long edgeHalfWidth = alignment == Alignment.EDGE_SEARCH && resolution >= NANOS_PER_SECOND ? uncertainty : NOT_AN_EDGE;
    anchor = new Anchor(tick, time.getEpochSecond(), time.getNano(), status, edgeHalfWidth);
    trust(true, "the RTC reads a valid " + s.reading().time());
    return s.reading();
  }

  /**
   * Moves the anchor onto an exactly known edge of the RTC's 1 Hz square wave: the ticker reading
   * at which its seconds counter increments (the DS3231's INT/SQW falling edge captured by a GPIO
   * interrupt, or a simulated chip's own edge). An edge search pins the change of second only to
   * somewhere in its bracket of two bus reads (and a slow read, cold code or a busy machine widens
   * that to tens of microseconds); the edge gives the phase, the search still gives the label.
   *
   * <p>The edge may be any edge of the wave: it is shifted by whole seconds to the one nearest the
   * anchor, and accepted only if that lies within the last edge search's bracket. So an edge can
   * never relabel the seconds, and an edge that belongs to another clock or came from a glitch
   * (not a whole number of seconds from the change the search saw) leaves the anchor as it was.
   * Only an anchor set by {@link Alignment#EDGE_SEARCH} on a whole-second RTC can be aligned; the
   * dispersion served becomes {@code edgeUncertainty}.
   *
   * @param edgeTick the ticker reading at an edge where the RTC's seconds increment
   * @param edgeUncertainty how far the edge reading may be from the true edge (zero for a
   *     simulation, the interrupt latency for a GPIO), zero or positive
   * @return whether the anchor moved onto the edge
   * @throws IllegalArgumentException if the uncertainty is negative
   */
  public boolean alignToEdge(long edgeTick, Duration edgeUncertainty) {
    checkArgument(!edgeUncertainty.isNegative(), "negative edge uncertainty: %s", edgeUncertainty);
    long uncertainty = edgeUncertainty.toNanos();
    // Under the RTC lock: a refresh running now must not be overwritten by its predecessor, aligned.
    synchronized (rtcLock) {
      Anchor a = anchor;
      if (!trusted || a == null || a.edgeHalfWidth == NOT_AN_EDGE) {
        return false;
      }
      long edge = edgeTick + Math.floorDiv(a.tick - edgeTick + NANOS_PER_SECOND / 2, NANOS_PER_SECOND) * NANOS_PER_SECOND;
      if (Math.abs(edge - a.tick) > a.edgeHalfWidth) {
        return false;
      }
      Instant time = Instant.ofEpochSecond(a.second, a.nanos);
      anchor = new Anchor(edge, a.second, a.nanos, synchronizedStatus(time, uncertainty), uncertainty);
      return true;
    }
  }

  @Override
  public String toString() {
    return "AnchoredRtcTimeSource[" + rtc + ", " + alignment + ", stratum " + stratum + "]";
  }

  /** {@code edgeHalfWidth}: how far the true second edge may lie from {@code tick}, or {@link #NOT_AN_EDGE}. */
  private record Anchor(long tick, long second, int nanos, TimeSourceStatus status, long edgeHalfWidth) {}

  /** Configures an {@link AnchoredRtcTimeSource}. */
  public static final class Builder extends RtcSourceBuilder<Builder> {
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Alignment alignment = Alignment.MIDPOINT;
    private Duration edgeSearchLimit = DEFAULT_EDGE_SEARCH_LIMIT;

    private Builder(RealTimeClock rtc) {
      super(rtc);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * How long an anchor is served after the refresh that set it (default 15 min).
     *
     * @param maxAge positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxAge(Duration maxAge) {
      checkArgument(!maxAge.isNegative() && !maxAge.isZero(), "max age must be positive: %s", maxAge);
      this.maxAge = maxAge;
      return this;
    }

    /**
     * How a refresh pins the RTC's second (default {@link Alignment#MIDPOINT}).
     *
     * @param alignment the alignment
     * @return this builder
     */
    public Builder alignment(Alignment alignment) {
      this.alignment = checkNotNull(alignment, "alignment");
      return this;
    }

    /**
     * The longest an {@link Alignment#EDGE_SEARCH} polls before declaring the RTC stopped
     * (default 2.5 s).
     *
     * @param limit more than one second
     * @return this builder
     * @throws IllegalArgumentException if one second or less
     */
    public Builder edgeSearchLimit(Duration limit) {
      checkArgument(limit.compareTo(Duration.ofSeconds(1)) > 0, "edge search limit must exceed 1 s: %s", limit);
      this.edgeSearchLimit = limit;
      return this;
    }

    /**
     * The source, unsynchronized until the first successful {@link #refresh()}.
     *
     * @return the source
     */
    public AnchoredRtcTimeSource build() {
      return new AnchoredRtcTimeSource(this);
    }
  }
}
