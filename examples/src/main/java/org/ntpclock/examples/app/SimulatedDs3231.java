package org.ntpclock.examples.app;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.ntpclock.core.Ticker;
import org.ntpclock.examples.hw.Ds3231;
import org.ntpclock.examples.hw.Ds3231Simulator;
import org.ntpclock.rtc.RtcException;

/**
 * The clock's default RTC: the DS3231 driver on a simulated chip, set from the system clock.
 *
 * <p>A real DS3231 restarts its sub-second countdown when its seconds register is written, so
 * {@code hwclock} writes it at the instant the system clock starts a second. Doing that from Java
 * on a busy machine puts the write some microseconds to milliseconds late, and the RTC's seconds
 * would tick that late for good. The simulator has no such excuse: its oscillator is a
 * {@link Ticker}, so this class holds the ticker at the monotonic reading of the system clock's
 * second boundary while the driver writes, and the chip starts counting exactly there.
 */
final class SimulatedDs3231 {
  private final HeldTicker ticker = new HeldTicker();
  private final Ds3231Simulator chip = Ds3231Simulator.create(ticker);
  private final Ds3231 driver = Ds3231.create(chip);

  private SimulatedDs3231() {}

  /**
   * A simulated DS3231 set to the system clock's time.
   *
   * @return the RTC
   * @throws RtcException if the driver fails to set it
   * @throws InterruptedException if interrupted while waiting for the second boundary
   */
  static SimulatedDs3231 fromSystemClock() throws RtcException, InterruptedException {
    SimulatedDs3231 rtc = new SimulatedDs3231();
    // Map the next whole second of the system clock onto the monotonic ticker. Both clocks are
    // read back to back; the pair read with the shortest gap is the most exact.
    long bestGap = Long.MAX_VALUE;
    long boundaryTick = 0;
    long boundarySecond = 0;
    for (int i = 0; i < 8; i++) {
      long before = System.nanoTime();
      Instant wall = Instant.now();
      long after = System.nanoTime();
      if (after - before < bestGap) {
        bestGap = after - before;
        boundarySecond = wall.getEpochSecond() + 1;
        boundaryTick = before + (after - before) / 2 + (1_000_000_000L - wall.getNano());
      }
    }
    // Wait until the boundary has passed, so the held ticker never runs backwards afterwards.
    long wait = boundaryTick - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait + 1_000);
    }
    rtc.ticker.hold(boundaryTick);
    try {
      rtc.driver.set(Instant.ofEpochSecond(boundarySecond));
    } finally {
      rtc.ticker.release();
    }
    return rtc;
  }

  Ds3231 driver() {
    return driver;
  }

  Ds3231Simulator chip() {
    return chip;
  }

  /** The system ticker, or a fixed reading while held. */
  private static final class HeldTicker implements Ticker {
    private volatile long held;
    private volatile boolean holding;

    @Override
    public long read() {
      return holding ? held : System.nanoTime();
    }

    void hold(long tick) {
      held = tick;
      holding = true;
    }

    void release() {
      holding = false;
    }
  }
}
