package org.ntpclock.rtc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.Ticker;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.core.TopOfSecondClock;

/**
 * Serves a {@link RealTimeClock}'s time as a core {@link TimeSource}, so an NTP server can answer
 * from a battery-backed RTC after a power cut, before any upstream server is reachable.
 *
 * <h2>Trust</h2>
 * The source is synchronized only while the last reading of the RTC was
 * {@linkplain RtcReading#isTrusted() trusted} and the time it serves is fresh (below). Otherwise
 * {@link #status()} is {@link TimeSourceStatus#unsynchronized(int)} (LI 3, stratum 16) and
 * {@link #nowBits()} is 0 ("unknown"): a clock whose oscillator stopped is never served as good,
 * and neither is a guess. A {@link #refresh()} that fails on the bus keeps the previous state, so
 * a single I2C glitch does not drop synchronization; a reading that says the oscillator stopped,
 * or a clock that holds no valid date at all, drops it at once.
 *
 * <h2>Following the RTC between reads</h2>
 * A calendar RTC counts whole seconds, and reading it over I2C takes a millisecond or so, so the
 * time between reads is carried by the monotonic {@link Ticker}. Two modes:
 * <ul>
 *   <li><b>Extrapolation</b> (default). Each {@link #refresh()} pins the RTC's time to a ticker
 *       reading (an <em>anchor</em>); {@link #nowBits()} is the anchor time plus ticker time since.
 *       How the whole second is pinned is the {@link Alignment}: {@link Alignment#MIDPOINT} reads
 *       once and assumes the middle of the second (error up to half the RTC's resolution, 0.5 s
 *       for a DS3231); {@link Alignment#EDGE_SEARCH} reads repeatedly until the seconds change,
 *       the way {@code hwclock} waits for an update, and pins that change (error about one bus
 *       read, but a refresh may poll the bus for up to a second). The anchor is served for at most
 *       {@code maxAge} (default 15 min) after the last good refresh, so the application calls
 *       {@link #refresh()} periodically (for example every 64 s with
 *       {@link #schedule(ScheduledExecutorService, Duration)}). Ticker and RTC drift apart by
 *       their combined frequency errors (tens of ppm: milliseconds per minute) between refreshes.
 *   <li><b>Second edges</b> ({@link Builder#secondEdges}). The RTC's 1 Hz square wave (DS3231
 *       INT/SQW) is wired to a GPIO whose handler calls {@link #onSecondEdge(long)} with the ticker
 *       reading at the edge where the seconds counter increments. The edges feed a core
 *       {@link TopOfSecondClock}; {@link #refresh()} reads the RTC to label the edges with their
 *       second and to cross-check them (a changed RTC relabels them). Edges alone carry the phase,
 *       so the error is the edge latency; after edges stop the clock holds over and then becomes
 *       unsynchronized as {@link TopOfSecondClock} documents.
 * </ul>
 *
 * <h2>Status when synchronized</h2>
 * An RTC is not a primary reference: it was set from somewhere else once and has drifted since. The
 * default is therefore chrony's {@code local} convention, stratum {@value #DEFAULT_STRATUM} with
 * reference id 127.127.1.1, so clients prefer any real server; both are configurable. The root
 * dispersion is the alignment error bound of the last refresh (0.5 s plus half the read time for a
 * DS3231 in {@link Alignment#MIDPOINT}); the reference time is the RTC time of the last refresh.
 *
 * <p>Thread-safe. {@link #nowBits()} and {@link #status()} allocate nothing; {@link #refresh()}
 * serializes RTC access; {@link #onSecondEdge(long)} may run on an interrupt thread.
 */
public final class RtcTimeSource implements TimeSource {
  /** Default stratum when synchronized, chrony's {@code local} default. */
  public static final int DEFAULT_STRATUM = 10;
  /** Default reference id, 127.127.1.1 (chrony's local reference). */
  public static final ReferenceId DEFAULT_REFERENCE_ID = ReferenceId.ofBits(0x7F7F0101);
  /** Default precision, log2 seconds (the ticker: about 1 µs). */
  public static final int DEFAULT_PRECISION = -20;
  /** Default time an anchor is served after the refresh that set it. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(15);
  /** Default bound on {@link Alignment#EDGE_SEARCH}: give up if the seconds do not change in this time. */
  public static final Duration DEFAULT_EDGE_SEARCH_LIMIT = Duration.ofMillis(2500);
  /** Default dispersion claimed for a second edge (GPIO latency). */
  public static final Duration DEFAULT_EDGE_DISPERSION = Duration.ofMillis(1);

  /** How far (ns) an edge may be from a whole number of seconds after the previous one. */
  static final long EDGE_TOLERANCE_NANOS = 100_000_000L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int MAX_EDGE_SEARCH_SAMPLES = 1_000_000;

  /** How {@link #refresh()} pins the RTC's whole second onto the ticker. */
  public enum Alignment {
    /** One read; the reading is taken as the middle of its second. */
    MIDPOINT,
    /** Read until the seconds change and pin the change; falls back to midpoint for fine clocks. */
    EDGE_SEARCH
  }

  private final RealTimeClock rtc;
  private final Ticker ticker;
  private final int stratum;
  private final ReferenceId referenceId;
  private final int precision;
  private final long maxAgeNanos;
  private final Alignment alignment;
  private final long edgeSearchLimitNanos;
  private final boolean edgeDriven;
  private final Duration edgeTimeout;
  private final Duration holdoverLimit;
  private final long edgeDispersionNanos;
  private final TimeSourceStatus unsynchronized;

  private final Object rtcLock = new Object();
  private final Object edgeLock = new Object();

  private volatile boolean trusted;
  private volatile Anchor anchor;
  private volatile Optional<RtcException> lastFailure = Optional.empty();

  // Second-edge mode; guarded by edgeLock, published through volatiles for readers.
  private volatile TopOfSecondClock edges;
  private volatile TimeSourceStatus edgeStatus;
  private Hint hint;
  private Edge lastEdge;

  private RtcTimeSource(Builder b) {
    this.rtc = b.rtc;
    this.ticker = b.ticker;
    this.stratum = b.stratum;
    this.referenceId = b.referenceId;
    this.precision = b.precision;
    this.maxAgeNanos = b.maxAge.toNanos();
    this.alignment = b.alignment;
    this.edgeSearchLimitNanos = b.edgeSearchLimit.toNanos();
    this.edgeDriven = b.edgeDriven;
    this.edgeTimeout = b.edgeTimeout;
    this.holdoverLimit = b.holdoverLimit;
    this.edgeDispersionNanos = b.edgeDispersion.toNanos();
    this.unsynchronized = TimeSourceStatus.unsynchronized(b.precision);
    this.edges = edgeDriven ? TopOfSecondClock.create(ticker, edgeTimeout, holdoverLimit) : null;
  }

  /**
   * A builder for a source over the given clock.
   *
   * @param rtc the clock; the source reads it only in {@link #refresh()}
   * @return the builder
   */
  public static Builder builder(RealTimeClock rtc) {
    return new Builder(checkNotNull(rtc, "rtc"));
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
    long bits;
    if (edgeDriven) {
      bits = edges.readBits();
      return bits;
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
    bits = NtpTimestamp.bitsOf(a.second + nanos / NANOS_PER_SECOND, nanos % NANOS_PER_SECOND);
    // Exactly at an era boundary the wire value would read "unknown": step one unit (233 ps) on.
    return bits == 0 ? 1 : bits;
  }

  /**
   * The current status: synchronized with the configured stratum and reference id while the RTC is
   * trusted and the time fresh, else {@link TimeSourceStatus#unsynchronized(int)}. Allocates
   * nothing.
   *
   * @return the status
   */
  @Override
  public TimeSourceStatus status() {
    if (!trusted) {
      return unsynchronized;
    }
    if (edgeDriven) {
      TimeSourceStatus s = edgeStatus;
      return s != null && edges.status() != TopOfSecondClock.Status.UNSYNCHRONIZED ? s : unsynchronized;
    }
    Anchor a = anchor;
    if (a == null) {
      return unsynchronized;
    }
    long elapsed = ticker.read() - a.tick;
    return elapsed >= 0 && elapsed < maxAgeNanos ? a.status : unsynchronized;
  }

  /**
   * Reads the RTC and re-anchors (extrapolation) or relabels and cross-checks the edges (second
   * edges). On failure the previous state stays and the failure is remembered in
   * {@link #lastFailure()}.
   *
   * @return the reading the refresh is based on
   * @throws RtcException if the RTC cannot be read; {@link RtcException.Reason#TIME_INVALID} and
   *     {@link RtcException.Reason#OUT_OF_RANGE} (the clock holds no usable time, or its seconds did
   *     not advance during an edge search) also make the source unsynchronized at once, other
   *     reasons keep the previous state
   */
  public RtcReading refresh() throws RtcException {
    synchronized (rtcLock) {
      try {
        RtcReading reading = edgeDriven ? refreshEdges() : refreshAnchor();
        lastFailure = Optional.empty();
        return reading;
      } catch (RtcException e) {
        if (e.reason() == RtcException.Reason.TIME_INVALID || e.reason() == RtcException.Reason.OUT_OF_RANGE) {
          // The clock says it holds no usable time: stop serving at once, unlike a bus glitch.
          trusted = false;
        }
        lastFailure = Optional.of(e);
        throw e;
      }
    }
  }

  private RtcReading refreshAnchor() throws RtcException {
    long resolution = rtc.resolution().toNanos();
    Sample s = sample();
    if (!s.reading.isTrusted()) {
      trusted = false;
      return s.reading;
    }
    long tick;
    long uncertainty;
    Instant time;
    if (alignment == Alignment.EDGE_SEARCH && resolution >= NANOS_PER_SECOND) {
      Sample first = s;
      Sample prev = s;
      for (int n = 0; ; n++) {
        s = sample();
        if (!s.reading.isTrusted()) {
          trusted = false;
          return s.reading;
        }
        Duration step = Duration.between(prev.reading.time(), s.reading.time());
        if (step.toNanos() == resolution) {
          // prev latched before the change, s at or after it: the change lies in (prev.before, s.after].
          tick = prev.before + (s.after - prev.before) / 2;
          uncertainty = (s.after - prev.before + 1) / 2;
          time = s.reading.time();
          break;
        }
        if (!step.isZero()) {
          first = s; // the clock jumped (someone set it): search again from here
        } else if (s.after - first.before > edgeSearchLimitNanos || n >= MAX_EDGE_SEARCH_SAMPLES) {
          trusted = false;
          throw new RtcException(RtcException.Reason.TIME_INVALID,
              "the RTC's seconds did not advance within " + Duration.ofNanos(s.after - first.before) + "; oscillator stopped?");
        }
        prev = s;
      }
    } else {
      tick = s.before + (s.after - s.before) / 2;
      uncertainty = resolution / 2 + (s.after - s.before + 1) / 2;
      time = s.reading.time().plusNanos(resolution / 2);
    }
    TimeSourceStatus status = synchronizedStatus(time, uncertainty);
    anchor = new Anchor(tick, time.getEpochSecond(), time.getNano(), status);
    trusted = true;
    return s.reading;
  }

  private RtcReading refreshEdges() throws RtcException {
    Sample s = sample();
    if (!s.reading.isTrusted()) {
      trusted = false;
      return s.reading;
    }
    Instant time = s.reading.time();
    Hint h = new Hint(s.before + (s.after - s.before) / 2, (s.after - s.before + 1) / 2, s.after, time.getEpochSecond());
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
    trusted = true;
    return s.reading;
  }

  /**
   * Reports an edge of the RTC's 1 Hz square wave: the edge at which the RTC's seconds counter
   * increments (for the DS3231, the falling edge of INT/SQW). Only in second-edge mode.
   *
   * <p>While the previous edge is recent (younger than the holdover limit), an edge is labelled
   * from it and must lie a whole number of seconds later, within 100 ms, or it is dropped as a
   * glitch. Otherwise it is labelled from the last {@link #refresh()}, and dropped when that is
   * ambiguous: an edge a whole number of seconds (± the read time and 100 ms) after the read
   * cannot tell whether the read latched just before or just after an increment.
   *
   * @param tick the ticker reading at the edge
   * @return whether the edge was used
   * @throws IllegalStateException if the source was not built for second edges
   */
  public boolean onSecondEdge(long tick) {
    checkState(edgeDriven, "not built with secondEdges()");
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

  private Sample sample() throws RtcException {
    long before = ticker.read();
    RtcReading reading = rtc.read();
    long after = ticker.read();
    return new Sample(before, after, reading);
  }

  private TimeSourceStatus synchronizedStatus(Instant time, long dispersionNanos) {
    return new TimeSourceStatus(
        LeapIndicator.NO_WARNING, stratum, precision, NtpShort.ZERO,
        NtpShort.fromDuration(Duration.ofNanos(dispersionNanos), RoundingMode.UP), referenceId,
        NtpTimestamp.fromInstant(time));
  }

  /**
   * Calls {@link #refresh()} now and then every {@code interval}; failures are kept in
   * {@link #lastFailure()} and do not stop the schedule.
   *
   * @param executor the executor
   * @param interval the period, positive (64 s is a good choice)
   * @return the scheduled task; cancel it to stop
   */
  public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration interval) {
    checkArgument(!interval.isNegative() && !interval.isZero(), "interval must be positive: %s", interval);
    return executor.scheduleAtFixedRate(() -> {
      try {
        refresh();
      } catch (RtcException e) {
        // kept in lastFailure by refresh()
      }
    }, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * The failure of the last {@link #refresh()}, if it failed.
   *
   * @return the failure, or empty after a successful refresh
   */
  public Optional<RtcException> lastFailure() {
    return lastFailure;
  }

  /**
   * The clock this source reads.
   *
   * @return the clock
   */
  public RealTimeClock clock() {
    return rtc;
  }

  @Override
  public String toString() {
    return "RtcTimeSource[" + rtc + (edgeDriven ? ", second edges" : ", " + alignment) + ", stratum " + stratum + "]";
  }

  private record Sample(long before, long after, RtcReading reading) {}

  private record Anchor(long tick, long second, int nanos, TimeSourceStatus status) {}

  private record Hint(long mid, long half, long after, long second) {}

  private record Edge(long tick, long second) {}

  /** Configures an {@link RtcTimeSource}. */
  public static final class Builder {
    private final RealTimeClock rtc;
    private Ticker ticker = Ticker.system();
    private int stratum = DEFAULT_STRATUM;
    private ReferenceId referenceId = DEFAULT_REFERENCE_ID;
    private int precision = DEFAULT_PRECISION;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Alignment alignment = Alignment.MIDPOINT;
    private Duration edgeSearchLimit = DEFAULT_EDGE_SEARCH_LIMIT;
    private boolean edgeDriven;
    private Duration edgeTimeout = TopOfSecondClock.DEFAULT_EDGE_TIMEOUT;
    private Duration holdoverLimit = TopOfSecondClock.DEFAULT_HOLDOVER_LIMIT;
    private Duration edgeDispersion = DEFAULT_EDGE_DISPERSION;

    private Builder(RealTimeClock rtc) {
      this.rtc = rtc;
    }

    /**
     * The monotonic ticker (default {@link Ticker#system()}); edges must use the same one.
     *
     * @param ticker the ticker
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = checkNotNull(ticker, "ticker");
      return this;
    }

    /**
     * The stratum served while synchronized (default {@value RtcTimeSource#DEFAULT_STRATUM}).
     *
     * @param stratum 1..15
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder stratum(int stratum) {
      checkArgument(stratum >= 1 && stratum <= 15, "stratum out of range 1..15: %s", stratum);
      this.stratum = stratum;
      return this;
    }

    /**
     * The reference id served while synchronized (default 127.127.1.1).
     *
     * @param referenceId the id
     * @return this builder
     */
    public Builder referenceId(ReferenceId referenceId) {
      this.referenceId = checkNotNull(referenceId, "referenceId");
      return this;
    }

    /**
     * The precision, log2 seconds (default {@value RtcTimeSource#DEFAULT_PRECISION}).
     *
     * @param precision -128..127
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder precision(int precision) {
      checkArgument(precision >= -128 && precision <= 127, "precision out of range -128..127: %s", precision);
      this.precision = precision;
      return this;
    }

    /**
     * How long an anchor is served after the refresh that set it (extrapolation mode; default
     * 15 min).
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
     * How a refresh pins the RTC's second (extrapolation mode; default {@link Alignment#MIDPOINT}).
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
     * Follow the RTC's 1 Hz square wave through {@link #onSecondEdge(long)} with the
     * {@link TopOfSecondClock} defaults.
     *
     * @return this builder
     */
    public Builder secondEdges() {
      this.edgeDriven = true;
      return this;
    }

    /**
     * Follow the RTC's 1 Hz square wave with explicit limits (see
     * {@link TopOfSecondClock#create(Ticker, Duration, Duration)}).
     *
     * @param edgeTimeout edge age from which the clock is in holdover, more than 1 s
     * @param holdoverLimit edge age from which it is unsynchronized, at least {@code edgeTimeout}
     * @param edgeDispersion dispersion claimed for an edge (its latency), zero or more
     * @return this builder
     * @throws IllegalArgumentException if a limit is out of range
     */
    public Builder secondEdges(Duration edgeTimeout, Duration holdoverLimit, Duration edgeDispersion) {
      checkArgument(edgeTimeout.compareTo(Duration.ofSeconds(1)) > 0, "edge timeout must exceed 1 s: %s", edgeTimeout);
      checkArgument(holdoverLimit.compareTo(edgeTimeout) >= 0, "holdover limit %s below edge timeout %s", holdoverLimit, edgeTimeout);
      checkArgument(!edgeDispersion.isNegative(), "negative edge dispersion: %s", edgeDispersion);
      this.edgeDriven = true;
      this.edgeTimeout = edgeTimeout;
      this.holdoverLimit = holdoverLimit;
      this.edgeDispersion = edgeDispersion;
      return this;
    }

    /**
     * The source, unsynchronized until the first successful {@link #refresh()} (and, with second
     * edges, the first labelled edge).
     *
     * @return the source
     */
    public RtcTimeSource build() {
      return new RtcTimeSource(this);
    }
  }
}
