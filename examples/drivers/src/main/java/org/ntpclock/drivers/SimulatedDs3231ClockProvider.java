package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Instant;
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
 * so never served).
 *
 * <p>{@link Ds3231Simulator#setTime} pins the given time to its ticker's reading at the call; on
 * cold code that reading comes tens of milliseconds after the system clock was read. So the ticker
 * is held, during that call, at the monotonic reading taken together with the system clock's, and
 * the chip starts exactly in step with the system clock.
 */
public final class SimulatedDs3231ClockProvider implements RealTimeClockProvider {
  /** Pairs of clock readings taken to find the closest one. */
  private static final int CLOCK_PAIRS = 16;

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
    }, "state");
    HeldTicker ticker = new HeldTicker();
    Ds3231Simulator chip = Ds3231Simulator.create(ticker);
    if (state.equals("set")) {
      setFromSystemClock(chip, ticker);
    }
    return Ds3231.create(chip, RetryPolicy.none());
  }

  private static void setFromSystemClock(Ds3231Simulator chip, HeldTicker ticker) {
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
    try {
      chip.setTime(wall);
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
