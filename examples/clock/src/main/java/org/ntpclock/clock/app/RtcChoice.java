package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.drivers.Ds3231;
import org.ntpclock.drivers.Ds3231Simulator;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.rtc.source.AnchoredRtcTimeSource;
import org.ntpclock.rtc.source.EdgeDrivenRtcTimeSource;
import org.ntpclock.rtc.source.RtcTimeSource;

/**
 * The clock's time source over a real-time clock: the RTC, the {@link RtcTimeSource} that serves
 * it, and the thread that refreshes it every {@value #REFRESH_SECONDS} s.
 *
 * <p>The simulated DS3231 runs its 1 Hz square wave and the source follows its second edges
 * ({@link EdgeDrivenRtcTimeSource}): a thread standing in for the INT/SQW interrupt hands each
 * edge over with the exact ticker reading the simulation gives it, so the served time is the
 * chip's, with no read latency in it. A real DS3231 works the same way with INT/SQW wired to a GPIO
 * whose interrupt handler calls {@link EdgeDrivenRtcTimeSource#onSecondEdge(long)}.
 *
 * <p>Whole-second RTCs (DS3231, Linux RTC class devices) are pinned by
 * {@link AnchoredRtcTimeSource.Alignment#EDGE_SEARCH}: a refresh reads until the seconds change, so the
 * served time is the RTC's to within a bus read instead of half a second.
 */
public final class RtcChoice implements AutoCloseable {
  /** Refresh period, as chrony's default maximum poll for a local reference. */
  static final long REFRESH_SECONDS = 64;
  /** How long before the expected second change an edge search starts. */
  private static final long EDGE_LEAD_NANOS = 5_000_000L;
  /** Edge searches at start-up until one brackets the edge this tightly (about 100 µs). */
  private static final org.ntpclock.core.NtpShort TIGHT_DISPERSION = org.ntpclock.core.NtpShort.ofBits(7);
  private static final int TIGHTENING_ATTEMPTS = 4;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final String description;
  private final RealTimeClock rtc;
  private final Optional<Ds3231Simulator> simulator;
  private final boolean wholeSeconds;
  private final RtcTimeSource source;
  private final ScheduledExecutorService refresher;
  private volatile String firstReading;
  // The simulated square wave: the ticker reading of a second edge, NO_EDGES while it is off.
  private static final long NO_EDGES = Long.MIN_VALUE;
  private volatile long edgeGrid = NO_EDGES;
  private volatile Thread squareWave;

  private RtcChoice(String description, RealTimeClock rtc, Optional<Ds3231Simulator> simulator, RtcTimeSource source) {
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
    RtcTimeSource source = simulator.isPresent()
        ? EdgeDrivenRtcTimeSource.builder(rtc).build()
        : AnchoredRtcTimeSource.builder(rtc)
            .alignment(rtc.resolution().compareTo(Duration.ofSeconds(1)) >= 0 ? AnchoredRtcTimeSource.Alignment.EDGE_SEARCH : AnchoredRtcTimeSource.Alignment.MIDPOINT)
            .build();
    RtcChoice choice = new RtcChoice(description, rtc, simulator, source);
    if (source instanceof EdgeDrivenRtcTimeSource edges) {
      choice.startSquareWave(edges);
    }
    choice.firstReading = choice.refreshQuietly();
    if (source instanceof EdgeDrivenRtcTimeSource) {
      choice.awaitFirstEdge();
    }
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
        reading = source instanceof EdgeDrivenRtcTimeSource ? refreshMidSecond() : refreshNearEdge();
        failure = null;
        // Fine clocks are pinned at the midpoint of one read, and the first read runs on cold code
        // (milliseconds on a busy machine): repeat until a read is quick, as for edge searches.
        if (source instanceof EdgeDrivenRtcTimeSource || !reading.isTrusted()
            || source.status().rootDispersion().compareTo(TIGHT_DISPERSION) <= 0) {
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
      return "cannot be read (" + failure.reason() + ": " + failure.getMessage() + "): serving unsynchronized (LI=3)";
    }
    return reading.isTrusted()
        ? "trusted, reads " + reading.time()
        : "NOT trusted (" + reading.validity() + "): serving unsynchronized (LI=3) until it is set";
  }

  /**
   * Refreshes half a second away from the square wave's edges, so that the reading labels the next
   * edge without ambiguity (a read next to an edge cannot tell on which side of it it latched).
   */
  private RtcReading refreshMidSecond() throws DeviceException {
    long grid = edgeGrid;
    long now = System.nanoTime();
    // Before the square wave is known the system clock's phase stands in (the simulated chip
    // starts in step with it).
    long sinceEdge = grid != NO_EDGES ? Math.floorMod(now - grid, NANOS_PER_SECOND)
        : NtpTimestamp.fractionOf(SystemTimeSource.create().nowBits()) * NANOS_PER_SECOND >>> 32;
    long wait = Math.floorMod(NANOS_PER_SECOND / 2 - sinceEdge, NANOS_PER_SECOND);
    if (wait > NANOS_PER_SECOND / 10 && wait < NANOS_PER_SECOND * 9 / 10) {
      sleepNanos(wait);
    } else if (wait >= NANOS_PER_SECOND * 9 / 10) {
      sleepNanos(wait - NANOS_PER_SECOND / 2);
    }
    return refresh();
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the thread that stands in for the INT/SQW interrupt of the simulated chip. */
  private void startSquareWave(EdgeDrivenRtcTimeSource edges) {
    Thread t = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        long grid = edgeGrid;
        if (grid == NO_EDGES) {
          sleepNanos(NANOS_PER_SECOND / 10);
          continue;
        }
        long now = System.nanoTime();
        long next = grid + Math.floorDiv(now - grid + NANOS_PER_SECOND - 1, NANOS_PER_SECOND) * NANOS_PER_SECOND;
        for (long left = next - System.nanoTime(); left > 0; left = next - System.nanoTime()) {
          sleepNanos(left);
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
        }
        if (edgeGrid == grid) {
          // The edge's own ticker reading, however late this thread woke: an interrupt handler
          // would pass the time it captured at the interrupt.
          edges.onSecondEdge(next);
        }
      }
    }, "ntpclock-sqw");
    t.setDaemon(true);
    squareWave = t;
    t.start();
  }

  /** Waits (at most 3 s) for the first second edge after the first reading. */
  private void awaitFirstEdge() {
    long deadline = System.nanoTime() + 3 * NANOS_PER_SECOND;
    while (edgeGrid != NO_EDGES && !source.status().isSynchronized() && System.nanoTime() - deadline < 0) {
      sleepNanos(NANOS_PER_SECOND / 50);
    }
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
    synchronized (this) {
      try {
        return source.refresh();
      } finally {
        simulator.ifPresent(chip -> {
          // The square wave follows the chip: run at 1 Hz while it is powered (so its edges are
          // known after a power cycle or a set), none while its oscillator is stopped.
          if (source instanceof EdgeDrivenRtcTimeSource && chip.squareWaveHz() != 1 && rtc instanceof Ds3231 driver) {
            try {
              driver.enableSquareWave(Ds3231.SquareWave.HZ_1, false);
            } catch (DeviceException e) {
              // The bus is down: no square wave until the next refresh.
            }
          }
          edgeGrid = chip.nextSecondEdge().orElse(NO_EDGES);
          // An edge search makes thousands of bus transactions; the simulator logs each one.
          chip.clearTransactions();
        });
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
  public RtcTimeSource source() {
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
    Thread wave = squareWave;
    if (wave != null) {
      wave.interrupt();
    }
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
