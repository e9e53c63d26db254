package org.ntpclock.drivers;

import java.time.Clock;
import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.AmbientLightSensorProvider;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.DeviceException;

/**
 * Provides {@code "simulated"}, a light sensor for running without hardware: configuration
 * {@code level=daylight} (the default: a {@link DaylightLightSensor} following the local time of
 * day) or {@code level=0.5} (a {@link FixedLightSensor} at that level, 0..1).
 */
public final class SimulatedLightSensorProvider implements AmbientLightSensorProvider {
  /** For {@link java.util.ServiceLoader}. */
  public SimulatedLightSensorProvider() {}

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public String description() {
    return "a simulated light level for running without hardware; level=daylight|0..1";
  }

  @Override
  public AmbientLightSensor open(String config) throws DeviceException {
    return DeviceConfig.read(config, c -> {
      String level = c.string("level", "daylight");
      return level.equals("daylight")
          ? DaylightLightSensor.following(Clock.systemDefaultZone())
          : FixedLightSensor.of(Double.parseDouble(level));
    }, "level");
  }
}
