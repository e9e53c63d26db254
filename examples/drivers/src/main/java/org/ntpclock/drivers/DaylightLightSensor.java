package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Clock;
import java.time.LocalTime;
import org.ntpclock.rtc.AmbientLightSensor;

/**
 * A light sensor for trying the clock without hardware: daylight that follows the local time of
 * day, dark at midnight and brightest at noon ({@code (1 - cos(2 pi t / 24 h)) / 2}), so the
 * simulated panel dims in the evening as a photoresistor beside a window would make it.
 */
public final class DaylightLightSensor implements AmbientLightSensor {
  private final Clock clock;

  private DaylightLightSensor(Clock clock) {
    this.clock = clock;
  }

  /**
   * A sensor following the given clock's local time.
   *
   * @param clock the clock and zone
   * @return the sensor
   */
  public static DaylightLightSensor following(Clock clock) {
    return new DaylightLightSensor(checkNotNull(clock, "clock"));
  }

  @Override
  public double read() {
    double dayFraction = LocalTime.now(clock).toSecondOfDay() / 86_400.0;
    return (1 - Math.cos(2 * Math.PI * dayFraction)) / 2;
  }

  @Override
  public String toString() {
    return "DaylightLightSensor[" + clock.getZone() + "]";
  }
}
