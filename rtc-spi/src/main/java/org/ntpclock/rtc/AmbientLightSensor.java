package org.ntpclock.rtc;

/**
 * A light sensor (a photoresistor on an ADC, a lux sensor) giving a normalized level for automatic
 * dimming. The scale is the sensor's own: 0.0 is the darkest and 1.0 the brightest reading its
 * configuration expects; it is not calibrated in lux.
 */
public interface AmbientLightSensor extends AutoCloseable {
  /**
   * Reads the light level.
   *
   * @return 0.0 (dark) .. 1.0 (bright), clamped
   * @throws DeviceException if the sensor cannot be read or answers nonsense
   */
  double read() throws DeviceException;

  /** Releases the sensor. The default does nothing. */
  @Override
  default void close() {}
}
