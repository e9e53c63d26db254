package org.ntpclock.examples.app;

import java.time.Instant;
import java.util.Optional;
import org.ntpclock.core.Ticker;
import org.ntpclock.examples.hw.Ds3231;
import org.ntpclock.examples.hw.Ds3231Simulator;
import org.ntpclock.examples.hw.RetryPolicy;

/**
 * The clock's default RTC: the DS3231 driver on a simulated chip whose counters start at the
 * system clock's time, sub-second phase included (a chip set perfectly, as {@code hwclock
 * --systohc} tries to), running on the JVM's monotonic clock. The chip stays reachable so tests and
 * demos can pull its power and watch the server drop to unsynchronized.
 *
 * <p>{@link Ds3231Simulator#setTime} pins the given time to its ticker's reading at the call; on
 * cold code that reading comes tens of milliseconds after the system clock was read. So the ticker
 * is held, during that call, at the monotonic reading taken together with the system clock's, and
 * the chip starts exactly in step with the system clock.
 *
 * @param driver the DS3231 driver
 * @param chip the simulated chip under it
 */
record SimulatedDs3231(Ds3231 driver, Ds3231Simulator chip) {
  static SimulatedDs3231 fromSystemClock() {
    return startingAt(Optional.empty());
  }

  /**
   * A chip set to {@code start} (whole seconds), keeping the system clock's sub-second phase, so it
   * runs a whole number of seconds away from the system clock: a demo or test can put the clock
   * seconds before a leap second, or after the leap-second table's expiry.
   *
   * @param start the time to set, or empty for the system clock's time
   * @return the chip and its driver
   */
  static SimulatedDs3231 startingAt(Optional<Instant> start) {
    HeldTicker ticker = new HeldTicker();
    Ds3231Simulator chip = Ds3231Simulator.create(ticker);
    // Read both clocks back to back; the pair read with the shortest gap is the most exact.
    long bestGap = Long.MAX_VALUE;
    long tick = 0;
    Instant wall = null;
    for (int i = 0; i < 16; i++) {
      long before = System.nanoTime();
      Instant now = Instant.now();
      long after = System.nanoTime();
      if (after - before < bestGap) {
        bestGap = after - before;
        tick = before + (after - before) / 2;
        wall = now;
      }
    }
    ticker.hold(tick);
    Instant set = start.isPresent() ? Instant.ofEpochSecond(start.get().getEpochSecond(), wall.getNano()) : wall;
    try {
      chip.setTime(set);
    } finally {
      ticker.release();
    }
    return new SimulatedDs3231(Ds3231.create(chip, RetryPolicy.none()), chip);
  }

  /** The system's monotonic ticker, or a fixed reading while held. */
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
