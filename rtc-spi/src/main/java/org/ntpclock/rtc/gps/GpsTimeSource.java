package org.ntpclock.rtc.gps;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.Ticker;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.core.TopOfSecondClock;
import org.ntpclock.core.logging.TrustChangeLog;
import org.ntpclock.epoch.GpsTime;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.TimeScaleException;
import org.ntpclock.epoch.UtcReading;

/**
 * A stratum-1 time source from a GPS receiver: the receiver's reports say which second it is, the
 * pulse-per-second edge says exactly when that second starts, and the time within the second is
 * the monotonic {@link Ticker} since the edge (a core {@link TopOfSecondClock}).
 *
 * <h2>Labelling edges</h2>
 * A receiver reports the time of the fix at the top of a second some hundreds of milliseconds
 * after that second began. A whole-second report that arrives less than {@code maxLabelDelay}
 * (default 990 ms) after the latest edge names that edge's second; later edges are labelled by
 * counting whole seconds from it (through the leap-second table, so the edge that starts an
 * inserted 23:59:60 is recognised and the clock repeats a second as the kernel does). An edge that
 * is not a whole number of seconds (&plusmn; 100 ms) after the previous one is dropped as a glitch.
 * Every labelled edge that a later report confirms counts as an agreement; a report that names
 * another second relabels the clock and starts the count again.
 *
 * <h2>Status</h2>
 * The source is synchronized (stratum 1, reference id {@code PPS}, or {@code GPS} without PPS)
 * only while the receiver's last report had a valid fix, that report is younger than
 * {@code fixTimeout} (default 5 s), at least {@code requiredAgreement} consecutive seconds (default
 * 3) agreed with the edges, and the edge clock is locked or in holdover. A report without a valid
 * fix makes it unsynchronized (LI 3, stratum 16) at once. When the edges stop the clock holds over
 * on the ticker (with a root dispersion that assumes a 50 ppm ticker for the whole holdover) and
 * becomes unsynchronized after the holdover limit (default 60 s), as {@link TopOfSecondClock}
 * documents. The precision and root dispersion follow the measured edge jitter: the largest
 * deviation from a whole second among the last 16 edge intervals.
 *
 * <p>The leap indicator comes from the leap-second table. When the table has expired for the day
 * being served, neither NMEA nor gpsd's JSON announces a coming leap second, so the source sends
 * LI 0 and serves the receiver's UTC as is (which includes any leap second once it happened);
 * the receiver's GPS&minus;UTC count, when gpsd gives it, is kept in {@link #receiverLeapSeconds()}.
 *
 * <h2>Without PPS</h2>
 * {@link Builder#nmeaOnly(Duration, Duration)}: each second's first whole-second report is taken as
 * an edge {@code offset} after the second began (the receiver's typical sentence latency, to be
 * measured against a good clock), and the root dispersion is at least the given figure, which
 * should say how rough that is (tens to hundreds of milliseconds).
 *
 * <p>Thread-safe: receivers call the {@link GpsSink} methods from their threads while servers read.
 * {@link #nowBits()} and {@link #status()} allocate nothing.
 */
public final class GpsTimeSource implements TimeSource, GpsSink {
  /** Reference id while edges come from a PPS line. */
  public static final ReferenceId PPS = ReferenceId.ofAscii("PPS");
  /** Reference id in NMEA-only operation. */
  public static final ReferenceId GPS = ReferenceId.ofAscii("GPS");
  /** Default count of consecutive agreeing seconds before the source is synchronized. */
  public static final int DEFAULT_REQUIRED_AGREEMENT = 3;
  /** Default age of the last valid report after which the source is unsynchronized. */
  public static final Duration DEFAULT_FIX_TIMEOUT = Duration.ofSeconds(5);
  /** Default longest delay from an edge to the report that labels it. */
  public static final Duration DEFAULT_MAX_LABEL_DELAY = Duration.ofMillis(990);

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long EDGE_TOLERANCE_NANOS = 100_000_000L;
  private static final int JITTER_WINDOW = 16;
  /** Frequency error assumed for the ticker during holdover: a cheap crystal's 50 ppm. */
  private static final long HOLDOVER_PPM = 50;

  private final Ticker ticker;
  private final LeapSecondTable table;
  private final boolean ppsMode;
  private final long nmeaOffsetNanos;
  private final long nmeaDispersionNanos;
  private final int requiredAgreement;
  private final long fixTimeoutNanos;
  private final long maxLabelDelayNanos;
  private final Duration edgeTimeout;
  private final Duration holdoverLimit;
  private final ReferenceId referenceId;
  private final TimeSourceStatus unsynchronized;

  private final Object lock = new Object();
  private final long[] residuals = new long[JITTER_WINDOW];
  private int residualCount;
  private Edge lastEdge;

  private volatile TopOfSecondClock clock;
  private volatile boolean fixValid;
  private volatile long lastFixTick;
  private volatile int agreements;
  private volatile TimeSourceStatus lockedStatus;
  private volatile TimeSourceStatus holdoverStatus;
  private volatile long jitterNanos;
  private volatile int receiverLeapSeconds = Integer.MIN_VALUE;
  private final TrustChangeLog trustLog = TrustChangeLog.of(System.getLogger(GpsTimeSource.class.getName()),
      "GPS time source");

  private GpsTimeSource(Builder b) {
    this.ticker = b.ticker;
    this.table = b.table;
    this.ppsMode = b.nmeaOffset == null;
    this.nmeaOffsetNanos = ppsMode ? 0 : b.nmeaOffset.toNanos();
    this.nmeaDispersionNanos = ppsMode ? 0 : b.nmeaDispersion.toNanos();
    this.requiredAgreement = b.requiredAgreement;
    this.fixTimeoutNanos = b.fixTimeout.toNanos();
    this.maxLabelDelayNanos = b.maxLabelDelay.toNanos();
    this.edgeTimeout = b.edgeTimeout;
    this.holdoverLimit = b.holdoverLimit;
    this.referenceId = ppsMode ? PPS : GPS;
    this.unsynchronized = TimeSourceStatus.unsynchronized(b.precision);
    this.lockedStatus = unsynchronized;
    this.holdoverStatus = unsynchronized;
    this.clock = newClock();
  }

  /**
   * A builder.
   *
   * @param table the leap-second table for labels and the leap indicator
   * @return the builder, for PPS operation unless {@link Builder#nmeaOnly} is called
   */
  public static Builder builder(LeapSecondTable table) {
    return new Builder(checkNotNull(table, "table"));
  }

  private TopOfSecondClock newClock() {
    return TopOfSecondClock.create(ticker, edgeTimeout, holdoverLimit);
  }

  private boolean synchronizedNow() {
    return fixValid && agreements >= requiredAgreement && ticker.read() - lastFixTick < fixTimeoutNanos;
  }

  /**
   * The current time, or 0 when unsynchronized. Allocates nothing.
   *
   * @return raw NTP timestamp bits
   */
  @Override
  public long nowBits() {
    return synchronizedNow() ? clock.readBits() : 0;
  }

  /**
   * The current status (see the class description). Allocates nothing.
   *
   * @return the status
   */
  @Override
  public TimeSourceStatus status() {
    TimeSourceStatus status = currentStatus();
    boolean trusted = status != unsynchronized;
    if (trustLog.changed(trusted)) {
      trustLog.log(trusted, trustReason());
    }
    return status;
  }

  private TimeSourceStatus currentStatus() {
    if (!synchronizedNow()) {
      return unsynchronized;
    }
    switch (clock.status()) {
      case LOCKED:
        return lockedStatus;
      case HOLDOVER:
        return holdoverStatus;
      default:
        return unsynchronized;
    }
  }

  /** Why the source is or is not synchronized now, for the log of its trust changes. */
  private String trustReason() {
    String counted = ppsMode ? "PPS edges" : "receiver reports";
    if (!fixValid) {
      return "the receiver reports no valid fix";
    }
    long age = ticker.read() - lastFixTick;
    if (age >= fixTimeoutNanos) {
      return "no valid report for " + Duration.ofNanos(age);
    }
    if (agreements < requiredAgreement) {
      return agreements + " of " + requiredAgreement + " consecutive " + counted + " agree";
    }
    TopOfSecondClock.Status edges = clock.status();
    if (edges == TopOfSecondClock.Status.UNSYNCHRONIZED) {
      return "no " + counted + " within the holdover limit " + holdoverLimit;
    }
    return "valid fix, " + agreements + " consecutive " + counted + " agree, edge clock " + edges;
  }

  @Override
  public void onFix(Optional<UtcReading> time, long tick) {
    checkNotNull(time, "time");
    synchronized (lock) {
      fix(time, tick);
    }
    status(); // a change of trust is logged as it happens, not at the next read
  }

  private void fix(Optional<UtcReading> time, long tick) {
    if (time.isEmpty()) {
      fixValid = false;
      agreements = 0;
      return;
    }
    fixValid = true;
    lastFixTick = tick;
    UtcReading r = time.get();
    if (r.instant().getNano() != 0 || r.leapSecond()) {
      return; // only a whole, ordinary second names an edge
    }
    long second = r.instant().getEpochSecond();
    if (ppsMode) {
      Edge e = lastEdge;
      if (e != null && tick - e.tick >= 0 && tick - e.tick < maxLabelDelayNanos) {
        label(e, second);
      }
    } else {
      nmeaEdge(tick - nmeaOffsetNanos, second);
    }
  }

  @Override
  public void onPpsEdge(long tick) {
    synchronized (lock) {
      if (ppsMode) {
        edge(tick);
      }
    }
    status();
  }

  @Override
  public void onLabeledPpsEdge(long tick, long utcSecond) {
    synchronized (lock) {
      if (ppsMode && edge(tick)) {
        label(lastEdge, utcSecond);
      }
    }
    status();
  }

  @Override
  public void onLeapSeconds(int gpsMinusUtc) {
    receiverLeapSeconds = gpsMinusUtc;
  }

  /** A new unlabelled-or-counted edge; false if dropped as a glitch. */
  private boolean edge(long tick) {
    Edge e = lastEdge;
    if (e != null && tick - e.tick > 0 && tick - e.tick < holdoverLimit.toNanos()) {
      long since = tick - e.tick;
      long n = (since + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
      long residual = since - n * NANOS_PER_SECOND;
      if (n < 1 || Math.abs(residual) > EDGE_TOLERANCE_NANOS) {
        return false;
      }
      recordResidual(residual);
      if (e.label != null) {
        UtcReading label = advance(e.label, n);
        lastEdge = new Edge(tick, label);
        if (!label.leapSecond()) {
          mark(tick, label.instant().getEpochSecond());
        }
        return true;
      }
    } else if (e != null) {
      agreements = 0; // edges stopped for longer than the holdover: earn trust again
    }
    lastEdge = new Edge(tick, null);
    return true;
  }

  private void label(Edge e, long second) {
    if (e.label != null && !e.label.leapSecond() && e.label.instant().getEpochSecond() == second) {
      if (!e.confirmed) {
        e.confirmed = true;
        agreements = Math.min(agreements + 1, Integer.MAX_VALUE - 1);
      }
      return;
    }
    // First label, or the report disagrees with the count: start over from this report.
    clock = newClock();
    Edge relabelled = new Edge(e.tick, UtcReading.of(Instant.ofEpochSecond(second)));
    relabelled.confirmed = true;
    lastEdge = relabelled;
    agreements = 1;
    mark(e.tick, second);
  }

  private void nmeaEdge(long tick, long second) {
    Edge e = lastEdge;
    if (e != null && e.label != null && tick - e.tick > -EDGE_TOLERANCE_NANOS && tick - e.tick < holdoverLimit.toNanos()) {
      long since = tick - e.tick;
      long n = Math.floorDiv(since + NANOS_PER_SECOND / 2, NANOS_PER_SECOND);
      long residual = since - n * NANOS_PER_SECOND;
      if (n == 0 && !e.label.leapSecond() && e.label.instant().getEpochSecond() == second) {
        return; // another sentence of the same second
      }
      UtcReading expected = n >= 1 ? advance(e.label, n) : null;
      if (expected != null && !expected.leapSecond() && expected.instant().getEpochSecond() == second
          && Math.abs(residual) <= EDGE_TOLERANCE_NANOS) {
        recordResidual(residual);
        agreements = Math.min(agreements + 1, Integer.MAX_VALUE - 1);
        lastEdge = new Edge(tick, expected);
        mark(tick, second);
        return;
      }
    }
    clock = newClock();
    lastEdge = new Edge(tick, UtcReading.of(Instant.ofEpochSecond(second)));
    agreements = 1;
    mark(tick, second);
  }

  private void mark(long tick, long second) {
    TopOfSecondClock c = clock;
    try {
      c.markEdge(tick, second);
    } catch (IllegalArgumentException e) {
      // Not after the clock's last edge (ticks or seconds went back): start a fresh clock.
      c = newClock();
      c.markEdge(tick, second);
      clock = c;
    }
    updateStatus(second);
  }

  private void updateStatus(long second) {
    Instant at = Instant.ofEpochSecond(second);
    LeapIndicator leap = table.leapIndicatorAt(at).orElse(LeapIndicator.NO_WARNING);
    long jitter = jitterNanos;
    long dispersion = Math.max(jitter, ppsMode ? 1_000 : nmeaDispersionNanos);
    int precision = Math.max(-30, Math.min(-1, (64 - Long.numberOfLeadingZeros(Math.max(jitter, 1))) - 30));
    NtpTimestamp reference = NtpTimestamp.fromInstant(at);
    lockedStatus = new TimeSourceStatus(leap, 1, precision, NtpShort.ZERO,
        NtpShort.fromDuration(Duration.ofNanos(dispersion), RoundingMode.UP), referenceId, reference);
    long holdover = dispersion + holdoverLimit.toNanos() / 1_000_000 * HOLDOVER_PPM;
    holdoverStatus = new TimeSourceStatus(leap, 1, precision, NtpShort.ZERO,
        NtpShort.fromDuration(Duration.ofNanos(holdover), RoundingMode.UP), referenceId, reference);
  }

  private void recordResidual(long residual) {
    residuals[residualCount++ % JITTER_WINDOW] = Math.abs(residual);
    long max = 0;
    for (int i = 0; i < Math.min(residualCount, JITTER_WINDOW); i++) {
      max = Math.max(max, residuals[i]);
    }
    jitterNanos = max;
  }

  /** The label {@code n} seconds after {@code label}, counting any leap second in between. */
  private UtcReading advance(UtcReading label, long n) {
    try {
      GpsTime g = GpsTime.fromUtc(label, table);
      return GpsTime.ofGpsSeconds(g.toGpsSeconds() + n, 0).toUtc(table);
    } catch (TimeScaleException | IllegalArgumentException e) {
      // Outside the table (expired): count plain UTC seconds.
      return UtcReading.of(label.instant().plusSeconds(n));
    }
  }

  /**
   * The measured edge jitter: the largest deviation from a whole second among the last 16 edge
   * intervals (PPS), or of the sentence arrival (NMEA only).
   *
   * @return the jitter, zero before two edges
   */
  public Duration jitter() {
    return Duration.ofNanos(jitterNanos);
  }

  /**
   * How many consecutive seconds the receiver's reports have agreed with the edges.
   *
   * @return the count, 0 after a lost fix or a disagreement
   */
  public int agreements() {
    return agreements;
  }

  /**
   * The receiver's GPS&minus;UTC leap-second count, when a receiver (gpsd) reported it.
   *
   * @return the count, or empty
   */
  public OptionalInt receiverLeapSeconds() {
    int n = receiverLeapSeconds;
    return n == Integer.MIN_VALUE ? OptionalInt.empty() : OptionalInt.of(n);
  }

  /**
   * Whether edges come from a PPS line (reference id {@code PPS}) rather than the sentences alone.
   *
   * @return true in PPS operation
   */
  public boolean usesPps() {
    return ppsMode;
  }

  @Override
  public String toString() {
    return "GpsTimeSource[" + (ppsMode ? "PPS" : "NMEA only, offset " + Duration.ofNanos(nmeaOffsetNanos))
        + ", agreements " + agreements + ", jitter " + jitter() + "]";
  }

  /** The last edge and its label (null until a report names it); guarded by the lock. */
  private static final class Edge {
    final long tick;
    final UtcReading label;
    boolean confirmed;

    Edge(long tick, UtcReading label) {
      this.tick = tick;
      this.label = label;
    }
  }

  /** Configures a {@link GpsTimeSource}. */
  public static final class Builder {
    private final LeapSecondTable table;
    private Ticker ticker = Ticker.system();
    private Duration nmeaOffset;
    private Duration nmeaDispersion;
    private int requiredAgreement = DEFAULT_REQUIRED_AGREEMENT;
    private Duration fixTimeout = DEFAULT_FIX_TIMEOUT;
    private Duration maxLabelDelay = DEFAULT_MAX_LABEL_DELAY;
    private Duration edgeTimeout = TopOfSecondClock.DEFAULT_EDGE_TIMEOUT;
    private Duration holdoverLimit = TopOfSecondClock.DEFAULT_HOLDOVER_LIMIT;
    private int precision = -20;

    private Builder(LeapSecondTable table) {
      this.table = table;
    }

    /**
     * The monotonic ticker (default {@link Ticker#system()}); receivers must report ticks of the same one.
     *
     * @param ticker the ticker
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = checkNotNull(ticker, "ticker");
      return this;
    }

    /**
     * Operate without PPS: each second's first report is an edge {@code offset} after the second
     * began.
     *
     * @param offset the receiver's sentence latency, zero or more and under one second
     * @param dispersion the least root dispersion to claim, zero or more
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder nmeaOnly(Duration offset, Duration dispersion) {
      checkArgument(!offset.isNegative() && offset.compareTo(Duration.ofSeconds(1)) < 0, "offset out of range 0..1 s: %s", offset);
      checkArgument(!dispersion.isNegative(), "negative dispersion: %s", dispersion);
      this.nmeaOffset = offset;
      this.nmeaDispersion = dispersion;
      return this;
    }

    /**
     * Consecutive agreeing seconds before the source is synchronized (default {@value GpsTimeSource#DEFAULT_REQUIRED_AGREEMENT}).
     *
     * @param seconds 1 or more
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder requiredAgreement(int seconds) {
      checkArgument(seconds >= 1, "required agreement below 1: %s", seconds);
      this.requiredAgreement = seconds;
      return this;
    }

    /**
     * How old the last valid report may be (default 5 s).
     *
     * @param timeout more than one second
     * @return this builder
     * @throws IllegalArgumentException if one second or less
     */
    public Builder fixTimeout(Duration timeout) {
      checkArgument(timeout.compareTo(Duration.ofSeconds(1)) > 0, "fix timeout must exceed 1 s: %s", timeout);
      this.fixTimeout = timeout;
      return this;
    }

    /**
     * The longest delay from an edge to the report that labels it (default 990 ms).
     *
     * @param delay positive, under one second
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxLabelDelay(Duration delay) {
      checkArgument(!delay.isNegative() && !delay.isZero() && delay.compareTo(Duration.ofSeconds(1)) < 0,
          "label delay out of range (0, 1 s): %s", delay);
      this.maxLabelDelay = delay;
      return this;
    }

    /**
     * Edge timeout and holdover limit of the edge clock (see
     * {@link TopOfSecondClock#create(Ticker, Duration, Duration)}; defaults 1.5 s and 60 s).
     *
     * @param edgeTimeout edge age from which the clock is in holdover, more than 1 s
     * @param holdoverLimit edge age from which it is unsynchronized, at least {@code edgeTimeout}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder holdover(Duration edgeTimeout, Duration holdoverLimit) {
      checkArgument(edgeTimeout.compareTo(Duration.ofSeconds(1)) > 0, "edge timeout must exceed 1 s: %s", edgeTimeout);
      checkArgument(holdoverLimit.compareTo(edgeTimeout) >= 0, "holdover limit %s below edge timeout %s", holdoverLimit, edgeTimeout);
      this.edgeTimeout = edgeTimeout;
      this.holdoverLimit = holdoverLimit;
      return this;
    }

    /**
     * The source, unsynchronized until the receiver and the edges agree.
     *
     * @return the source
     */
    public GpsTimeSource build() {
      return new GpsTimeSource(this);
    }
  }
}
