package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.drivers.Ds3231Simulator;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.rtc.source.AnchoredRtcTimeSource;

/**
 * The clock's time source over a real-time clock: the RTC, the {@link AnchoredRtcTimeSource} that serves
 * it, and the thread that refreshes it every {@value #REFRESH_SECONDS} s.
 *
 * <p>Whole-second RTCs (DS3231, Linux RTC class devices) are pinned by
 * {@link AnchoredRtcTimeSource.Alignment#EDGE_SEARCH}: a refresh reads until the seconds change, so the
 * served time is the RTC's to within a bus read instead of half a second. The simulated DS3231 then
 * hands over its exact second edge ({@link Ds3231Simulator#nextSecondEdge()}) and the anchor moves
 * onto it ({@link AnchoredRtcTimeSource#alignToEdge}), so the RTC path adds no read latency to the
 * served time; a real DS3231's 1 Hz INT/SQW edge on a GPIO can be used the same way.
 */
public final class RtcChoice implements AutoCloseable {
  /** Refresh period, as chrony's default maximum poll for a local reference. */
  static final long REFRESH_SECONDS = 64;
  /** How long before the expected second change an edge search starts. */
  private static final long EDGE_LEAD_NANOS = 5_000_000L;
  /** Edge searches at start-up until one brackets the edge this tightly (about 100 µs). */
  private static final org.ntpclock.core.NtpShort TIGHT_DISPERSION = org.ntpclock.core.NtpShort.ofBits(7);
  private static final int TIGHTENING_ATTEMPTS = 4;

  private final String description;
  private final RealTimeClock rtc;
  private final Optional<Ds3231Simulator> simulator;
  private final boolean wholeSeconds;
  private final AnchoredRtcTimeSource source;
  private final ScheduledExecutorService refresher;
  private volatile String firstReading;

  private RtcChoice(String description, RealTimeClock rtc, Optional<Ds3231Simulator> simulator, AnchoredRtcTimeSource source) {
    this.description = description;
    this.rtc = rtc;
    this.simulator = simulator;
    this.wholeSeconds = rtc.resolution().compareTo(Duration.ofSeconds(1)) >= 0;
    this.source = source;
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ntpclock-rtc");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Builds the source over an RTC and reads the RTC once, so the trust flag is known before any
   * server answers; then refreshes it every {@value #REFRESH_SECONDS} s on a thread of its own.
   *
   * @param description what the RTC is, for the start-up message
   * @param rtc the clock
   * @param simulator the simulated chip under {@code rtc}, if it is one
   * @return the choice, with the first reading's outcome in {@link #firstReading()}
   */
  public static RtcChoice open(String description, RealTimeClock rtc, Optional<Ds3231Simulator> simulator) {
    checkNotNull(rtc, "rtc");
    checkNotNull(simulator, "simulator");
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc)
        .alignment(rtc.resolution().compareTo(Duration.ofSeconds(1)) >= 0 ? AnchoredRtcTimeSource.Alignment.EDGE_SEARCH : AnchoredRtcTimeSource.Alignment.MIDPOINT)
        .build();
    RtcChoice choice = new RtcChoice(description, rtc, simulator, source);
    choice.firstReading = choice.refreshQuietly();
    choice.refresher.scheduleWithFixedDelay(choice::refreshQuietly, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    return choice;
  }

  /**
   * Refreshes; for a whole-second RTC repeats the edge search (each starting just before the next
   * edge) until one brackets the edge tightly: a pause inside a search (JIT, GC, a busy CPU) widens
   * the bracket to milliseconds, and the first search runs on cold code.
   */
  private String refreshQuietly() {
    RtcReading reading = null;
    DeviceException failure = null;
    for (int attempt = 0; attempt <= TIGHTENING_ATTEMPTS; attempt++) {
      try {
        reading = refreshNearEdge();
        failure = null;
        // Fine clocks (the system clock) are pinned at the midpoint of one read, and the first read
        // runs on cold code (milliseconds on a busy machine, an error the source keeps until the
        // next refresh): repeat until a read is quick, as for edge searches.
        if (!reading.isTrusted() || source.status().rootDispersion().compareTo(TIGHT_DISPERSION) <= 0) {
          break;
        }
      } catch (DeviceException e) {
        failure = e;
        // A search that woke too late can run out of samples; a stopped oscillator fails every time.
        if (!wholeSeconds || e.reason() != DeviceException.Reason.TIME_INVALID) {
          break;
        }
      }
    }
    if (failure != null) {
      // The exception's message already starts with its reason.
      return "cannot be read (" + failure.getMessage() + "): serving unsynchronized (LI=3)";
    }
    return reading.isTrusted()
        ? "trusted, reads " + reading.time()
        : "NOT trusted (" + reading.validity() + "): serving unsynchronized (LI=3) until it is set";
  }

  /**
   * Waits until a few milliseconds before the RTC's next second change (as the source's current
   * time places it), then {@link #refresh()}es, so an edge search spins for milliseconds, not for
   * up to a second. (A search that starts far from the edge on a fast bus, such as the simulator's
   * microsecond reads, can also run out of {@link AnchoredRtcTimeSource}'s sample budget before the
   * seconds change, and then fails as if the oscillator had stopped.)
   */
  private RtcReading refreshNearEdge() throws DeviceException {
    if (wholeSeconds) {
      // Where the RTC's seconds change: from the source's own time once anchored; before that the
      // system clock's phase is the best guess (exact for the simulated chip, which starts in step).
      long bits = source.nowBits();
      long fraction = bits != 0 ? bits & 0xFFFF_FFFFL : NtpTimestamp.fractionOf(SystemTimeSource.create().nowBits());
      long nanosToEdge = ((1L << 32) - fraction) * 1_000_000_000L >>> 32;
      long wait = nanosToEdge - EDGE_LEAD_NANOS;
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return refresh();
  }

  /**
   * Reads the RTC now (re-anchoring the source). The clock's own thread does this every
   * {@value #REFRESH_SECONDS} s; a caller that changed the RTC (a test pulling the simulated chip's
   * power) calls it to see the effect at once.
   *
   * @return the reading
   * @throws DeviceException if the RTC cannot be read
   */
  public RtcReading refresh() throws DeviceException {
    // One refresh at a time: the simulated chip is not thread-safe, and its edge must belong to the
    // search just made.
    synchronized (this) {
      try {
        RtcReading reading = source.refresh();
        // The simulated chip knows its second edge exactly: it gives the search's anchor its phase
        // (the search keeps the label), as a DS3231's INT/SQW edge on a GPIO would.
        simulator.ifPresent(chip -> chip.nextSecondEdge().ifPresent(edge -> source.alignToEdge(edge, Duration.ZERO)));
        return reading;
      } finally {
        // An edge search makes thousands of bus transactions; the simulator logs each one.
        simulator.ifPresent(Ds3231Simulator::clearTransactions);
      }
    }
  }

  /**
   * The outcome of the first reading, for the start-up message.
   *
   * @return for example {@code trusted, reads 2026-11-21T09:38:16Z}
   */
  public String firstReading() {
    return firstReading;
  }

  /**
   * What the RTC is.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * The time source over the RTC.
   *
   * @return the source
   */
  public AnchoredRtcTimeSource source() {
    return source;
  }

  /**
   * The simulated DS3231 chip, when the RTC is simulated: tests and demos pull its power to
   * watch the server drop to unsynchronized. Not thread-safe; the source reads it only on refresh.
   *
   * @return the simulator, or empty for real hardware
   */
  public Optional<Ds3231Simulator> simulator() {
    return simulator;
  }

  /**
   * The RTC.
   *
   * @return the clock
   */
  public RealTimeClock rtc() {
    return rtc;
  }

  /**
   * How far the served time is from the system clock, for the Date-header warning.
   *
   * @return served minus system time; zero when unsynchronized
   */
  public Duration differenceFromSystemClock() {
    long bits = source.nowBits();
    if (bits == 0) {
      return Duration.ZERO;
    }
    java.time.Instant served = org.ntpclock.core.NtpTimestamp.ofBits(bits).toInstant();
    return Duration.between(java.time.Instant.now(), served);
  }

  /** Stops refreshing and releases the RTC. */
  @Override
  public void close() {
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      rtc.close();
    } catch (Exception e) {
      // Nothing left to do with a clock that will not close.
    }
  }
}
