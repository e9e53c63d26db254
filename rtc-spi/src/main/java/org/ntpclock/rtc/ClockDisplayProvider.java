package org.ntpclock.rtc;

/**
 * Opens a kind of {@link ClockDisplay}; found through {@link java.util.ServiceLoader} and picked
 * by {@link #name()} through {@link Devices#openDisplay(String, String)}. Implementations need a
 * public no-argument constructor and must not touch hardware until {@link #open(String)}.
 */
public interface ClockDisplayProvider {
  /**
   * The name an application picks this provider by, such as {@code "max7219"}.
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
   * Opens and initializes a display.
   *
   * @param config a {@link DeviceConfig} string, may be empty for defaults
   * @return the display; the caller closes it
   * @throws DeviceException {@link DeviceException.Reason#CONFIGURATION} if the configuration is
   *     bad or the device is missing, or a bus reason
   */
  ClockDisplay open(String config) throws DeviceException;
}
