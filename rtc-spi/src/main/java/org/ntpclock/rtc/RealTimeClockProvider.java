package org.ntpclock.rtc;

/**
 * Opens a kind of {@link RealTimeClock}; found through {@link java.util.ServiceLoader} (module
 * {@code provides}, or {@code META-INF/services/org.ntpclock.rtc.RealTimeClockProvider} on the
 * class path) and picked by {@link #name()} through {@link Devices#openClock(String, String)}.
 * Implementations need a public no-argument constructor and must not touch hardware until
 * {@link #open(String)}.
 */
public interface RealTimeClockProvider {
  /**
   * The name an application picks this provider by, such as {@code "system"} or {@code "sysfs"}.
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
   * Opens a clock.
   *
   * @param config a {@link DeviceConfig} string, may be empty for defaults
   * @return the clock; the caller closes it
   * @throws DeviceException {@link DeviceException.Reason#CONFIGURATION} if the configuration is bad or
   *     the device is missing, or a bus/I/O reason
   */
  RealTimeClock open(String config) throws DeviceException;
}
