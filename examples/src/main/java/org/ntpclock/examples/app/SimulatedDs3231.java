package org.ntpclock.examples.app;

import java.time.InstantSource;
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
 * @param driver the DS3231 driver
 * @param chip the simulated chip under it
 */
record SimulatedDs3231(Ds3231 driver, Ds3231Simulator chip) {
  static SimulatedDs3231 fromSystemClock() {
    Ds3231Simulator chip = Ds3231Simulator.create(Ticker.system());
    chip.setTime(InstantSource.system().instant());
    return new SimulatedDs3231(Ds3231.create(chip, RetryPolicy.none()), chip);
  }
}
