package org.ntpclock.examples.hw;

import java.time.Instant;
import java.time.InstantSource;
import org.ntpclock.core.Ticker;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RealTimeClockProvider;
import org.ntpclock.rtc.RtcException;

/**
 * Provides {@code "simulated"}: the DS3231 driver over a {@link Ds3231Simulator} running on the
 * JVM's monotonic clock, for trying the NTP clock without hardware. Configuration
 * {@code state=set} (default: set from the system clock now, trusted) or {@code state=power-up}
 * (as after first power-up: 2000-01-01 with the oscillator-stop flag set, so never served).
 */
public final class SimulatedDs3231ClockProvider implements RealTimeClockProvider {
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
  public RealTimeClock open(String config) throws RtcException {
    String state;
    try {
      DeviceConfig c = DeviceConfig.parse(config);
      Providers.checkKeys(c, "state");
      state = c.string("state", "set");
      if (!state.equals("set") && !state.equals("power-up")) {
        throw new IllegalArgumentException("state is set or power-up: " + state);
      }
    } catch (IllegalArgumentException e) {
      throw new RtcException(RtcException.Reason.CONFIGURATION, e.getMessage(), e);
    }
    Ds3231Simulator chip = Ds3231Simulator.create(Ticker.system());
    if (state.equals("set")) {
      Instant now = InstantSource.system().instant();
      chip.setTime(now);
    }
    return Ds3231.create(chip, RetryPolicy.none());
  }
}
