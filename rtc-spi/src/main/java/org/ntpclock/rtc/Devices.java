package org.ntpclock.rtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds device providers through {@link ServiceLoader} and opens devices by provider name. The
 * rtc-spi module provides the clocks {@code "system"} and {@code "sysfs"} and the light sensor
 * {@code "iio"}; other modules add theirs (the examples add {@code "ds3231"} and
 * {@code "simulated"}).
 */
public final class Devices {
  private Devices() {}

  /**
   * The clock providers visible to this module, in {@link ServiceLoader} order.
   *
   * @return the providers
   */
  public static List<RealTimeClockProvider> clockProviders() {
    return load(RealTimeClockProvider.class);
  }

  /**
   * The light-sensor providers visible to this module.
   *
   * @return the providers
   */
  public static List<AmbientLightSensorProvider> lightSensorProviders() {
    return load(AmbientLightSensorProvider.class);
  }

  /**
   * The display providers visible to this module.
   *
   * @return the providers
   */
  public static List<ClockDisplayProvider> displayProviders() {
    return load(ClockDisplayProvider.class);
  }

  /**
   * The clock provider with the given name.
   *
   * @param name the provider name
   * @return the provider, or empty if none has that name
   */
  public static Optional<RealTimeClockProvider> clockProvider(String name) {
    return find(clockProviders(), RealTimeClockProvider::name, name);
  }

  /**
   * Opens a clock by provider name.
   *
   * @param name the provider name, such as {@code "sysfs"}
   * @param config the provider's configuration string
   * @return the clock
   * @throws RtcException {@link RtcException.Reason#CONFIGURATION} if no provider has that name,
   *     or whatever the provider throws
   */
  public static RealTimeClock openClock(String name, String config) throws RtcException {
    List<RealTimeClockProvider> all = clockProviders();
    Optional<RealTimeClockProvider> p = find(all, RealTimeClockProvider::name, name);
    if (p.isEmpty()) {
      throw new RtcException(RtcException.Reason.CONFIGURATION,
          "no clock provider named '" + name + "'; known: " + names(all, RealTimeClockProvider::name));
    }
    return p.get().open(config);
  }

  /**
   * Opens a light sensor by provider name.
   *
   * @param name the provider name, such as {@code "iio"}
   * @param config the provider's configuration string
   * @return the sensor
   * @throws DeviceException {@link DeviceException.Reason#CONFIGURATION} if no provider has that
   *     name, or whatever the provider throws
   */
  public static AmbientLightSensor openLightSensor(String name, String config) throws DeviceException {
    List<AmbientLightSensorProvider> all = lightSensorProviders();
    Optional<AmbientLightSensorProvider> p = find(all, AmbientLightSensorProvider::name, name);
    if (p.isEmpty()) {
      throw new DeviceException(DeviceException.Reason.CONFIGURATION,
          "no light-sensor provider named '" + name + "'; known: " + names(all, AmbientLightSensorProvider::name));
    }
    return p.get().open(config);
  }

  /**
   * Opens a display by provider name.
   *
   * @param name the provider name
   * @param config the provider's configuration string
   * @return the display
   * @throws DeviceException {@link DeviceException.Reason#CONFIGURATION} if no provider has that
   *     name, or whatever the provider throws
   */
  public static ClockDisplay openDisplay(String name, String config) throws DeviceException {
    List<ClockDisplayProvider> all = displayProviders();
    Optional<ClockDisplayProvider> p = find(all, ClockDisplayProvider::name, name);
    if (p.isEmpty()) {
      throw new DeviceException(DeviceException.Reason.CONFIGURATION,
          "no display provider named '" + name + "'; known: " + names(all, ClockDisplayProvider::name));
    }
    return p.get().open(config);
  }

  private static <T> List<T> load(Class<T> type) {
    List<T> list = new ArrayList<>();
    ServiceLoader.load(type).forEach(list::add);
    return List.copyOf(list);
  }

  private static <T> Optional<T> find(List<T> all, Function<T, String> nameOf, String name) {
    return all.stream().filter(p -> nameOf.apply(p).equals(name)).findFirst();
  }

  private static <T> List<String> names(List<T> all, Function<T, String> nameOf) {
    return all.stream().map(nameOf).toList();
  }
}
