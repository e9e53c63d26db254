package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;

import org.ntpclock.rtc.AmbientLightSensor;

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
}
