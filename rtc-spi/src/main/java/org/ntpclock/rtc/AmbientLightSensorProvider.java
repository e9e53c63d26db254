package org.ntpclock.rtc;

/**
 * Opens a kind of {@link AmbientLightSensor}; found through {@link java.util.ServiceLoader} and
 * picked by {@link #name()} through {@link Devices#openLightSensor(String, String)}.
 * Implementations need a public no-argument constructor and must not touch hardware until
 * {@link #open(String)}.
 */
public interface AmbientLightSensorProvider {
  /**
   * The name an application picks this provider by, such as {@code "iio"}.
   *
   * @return a short lower-case name, unique among providers
   */
  String name();

  /**
   * A one-line description including the configuration keys understood.
   *
   * @return the description
   */
  String description();

  /**
   * Opens a sensor.
   *
   * @param config a {@link DeviceConfig} string, may be empty for defaults
   * @return the sensor; the caller closes it
   * @throws DeviceException {@link DeviceException.Reason#CONFIGURATION} if the configuration is
   *     bad or the device is missing
   */
  AmbientLightSensor open(String config) throws DeviceException;
}
