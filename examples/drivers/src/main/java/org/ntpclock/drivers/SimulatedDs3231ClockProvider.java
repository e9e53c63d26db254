package org.ntpclock.drivers;

import static org.ntpclock.core.internal.Preconditions.checkArgument;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.ntpclock.core.Ticker;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RealTimeClockProvider;

/**
 * Provides {@code "simulated"}: the {@link Ds3231} driver over a {@link Ds3231Simulator} running on
 * the JVM's monotonic clock, for trying the NTP clock without hardware; {@link Ds3231#bus()} reaches
 * the chip, so tests and demos can pull its power. Configuration {@code state=set} (default: set
 * from the system clock now, sub-second phase included, as {@code hwclock --systohc} tries to) or
 * {@code state=power-up} (as after first power-up: 2000-01-01 with the oscillator-stop flag set,
 * so never served). With {@code state=set}, {@code start=INSTANT} (ISO-8601, 2000..2099) sets the
 * chip to that whole second instead, keeping the system clock's sub-second phase, so it runs a
 * whole number of seconds away from the system clock: a demo or test can put the clock seconds
 * before a leap second or after the leap-second table's expiry.
 *
 * <p>{@link Ds3231Simulator#setTime} pins the given time to its ticker's reading at the call; on
 * cold code that reading comes tens of milliseconds after the system clock was read. So the ticker
 * is held, during that call, at the monotonic reading taken together with the system clock's, and
 * the chip starts exactly in step with the system clock.
 */
public final class SimulatedDs3231ClockProvider implements RealTimeClockProvider {
  /** Pairs of clock readings taken to find the closest one. */
  private static final int CLOCK_PAIRS = 16;
  private static final Instant FIRST = Instant.parse("2000-01-01T00:00:00Z");
  /** The last whole day, so the sub-second phase added to the start cannot reach 2100. */
  private static final Instant LAST = Instant.parse("2099-12-31T00:00:00Z");

  /** For {@link java.util.ServiceLoader}. */
  public SimulatedDs3231ClockProvider() {}

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public String description() {
    return "a simulated DS3231 on the JVM's clock; state=set|power-up";
  }

  @Override
  public RealTimeClock open(String config) throws DeviceException {
    String state = DeviceConfig.read(config, c -> {
      String s = c.string("state", "set");
      checkArgument(s.equals("set") || s.equals("power-up"), "state is set or power-up: %s", s);
      return s;
    }, "state", "start");
    Optional<Instant> start = DeviceConfig.read(config, c -> c.get("start").map(text -> {
      Instant t;
      try {
        t = Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("start is not an ISO-8601 instant: " + text, e);
      }
      checkArgument(!t.isBefore(FIRST) && t.isBefore(LAST), "start must lie in 2000..2099 (the DS3231's calendar): %s", text);
      return t;
    }), "state", "start");
    HeldTicker ticker = new HeldTicker();
    Ds3231Simulator chip = Ds3231Simulator.create(ticker);
    if (state.equals("set")) {
      setFromSystemClock(chip, ticker, start);
    }
    return Ds3231.create(chip, RetryPolicy.none());
  }

  private static void setFromSystemClock(Ds3231Simulator chip, HeldTicker ticker, Optional<Instant> start) {
    // Read both clocks back to back; the pair read with the shortest gap is the most exact.
    long bestGap = Long.MAX_VALUE;
    long tick = 0;
    Instant wall = null;
    for (int i = 0; i < CLOCK_PAIRS; i++) {
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
