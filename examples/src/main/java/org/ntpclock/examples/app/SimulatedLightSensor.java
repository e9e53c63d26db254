package org.ntpclock.examples.app;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Clock;
import java.time.LocalTime;
import org.ntpclock.rtc.AmbientLightSensor;

/**
 * A light sensor for trying the clock without hardware: daylight that follows the local time of
 * day, dark at midnight and brightest at noon ({@code (1 - cos(2 pi t / 24 h)) / 2}), so the
 * simulated panel dims in the evening as the seed device's photoresistor makes it.
 */
public final class SimulatedLightSensor implements AmbientLightSensor {
  private final Clock clock;

  private SimulatedLightSensor(Clock clock) {
    this.clock = clock;
  }

  /**
   * A sensor following the given clock's local time.
   *
   * @param clock the clock and zone
   * @return the sensor
   */
  public static SimulatedLightSensor following(Clock clock) {
    return new SimulatedLightSensor(checkNotNull(clock, "clock"));
  }

  @Override
  public double read() {
    double dayFraction = LocalTime.now(clock).toSecondOfDay() / 86_400.0;
    return (1 - Math.cos(2 * Math.PI * dayFraction)) / 2;
  }

  @Override
  public String toString() {
    return "SimulatedLightSensor[" + clock.getZone() + "]";
  }
}
