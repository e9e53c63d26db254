package org.ntpclock.examples.hw;

import static com.google.common.base.Preconditions.checkArgument;

import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.AmbientLightSensorProvider;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.DeviceException;

/**
 * A light sensor that reads whatever it was last told, for running the clock without hardware
 * and for tests. Thread-safe.
 */
public final class FixedLightSensor implements AmbientLightSensor {
  private volatile double level;

  private FixedLightSensor(double level) {
    this.level = level;
  }

  /**
   * A sensor reading a fixed level.
   *
   * @param level 0..1
   * @return the sensor
   * @throws IllegalArgumentException if out of range
   */
  public static FixedLightSensor of(double level) {
    checkLevel(level);
    return new FixedLightSensor(level);
  }

  /**
   * Changes the level the next reads return.
   *
   * @param newLevel 0..1
   * @throws IllegalArgumentException if out of range
   */
  public void set(double newLevel) {
    checkLevel(newLevel);
    level = newLevel;
  }

  @Override
  public double read() {
    return level;
  }

  private static void checkLevel(double level) {
    checkArgument(level >= 0 && level <= 1, "light level out of range 0..1: %s", level);
  }

  /** Provides {@code "simulated"}: a fixed level; configuration {@code level=0.5}. */
  public static final class Provider implements AmbientLightSensorProvider {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {}

    @Override
    public String name() {
      return "simulated";
    }

    @Override
    public String description() {
      return "a fixed light level for running without hardware; level=0.5";
    }

    @Override
    public AmbientLightSensor open(String config) throws DeviceException {
      try {
        DeviceConfig c = DeviceConfig.parse(config);
        Providers.checkKeys(c, "level");
        return of(Double.parseDouble(c.string("level", "0.5")));
      } catch (IllegalArgumentException e) {
        throw new DeviceException(DeviceException.Reason.CONFIGURATION, e.getMessage(), e);
      }
    }
  }
}
