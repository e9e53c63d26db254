package org.ntpclock.rtc;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds device providers through {@link ServiceLoader} and opens devices by provider name. The
 * rtc-spi module provides the clocks {@code "system"} and {@code "sysfs"} and the light sensor
 * {@code "iio"}; other modules add theirs (the drivers add {@code "ds3231"}, {@code "max7219"},
 * {@code "terminal"} and {@code "simulated"}).
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
   * @throws DeviceException {@link DeviceException.Reason#CONFIGURATION} if no provider has that
   *     name, or whatever the provider throws
   */
  public static RealTimeClock openClock(String name, String config) throws DeviceException {
    checkNotNull(config, "config");
    return provider(clockProviders(), RealTimeClockProvider::name, "clock", name).open(config);
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
    checkNotNull(config, "config");
    return provider(lightSensorProviders(), AmbientLightSensorProvider::name, "light-sensor", name).open(config);
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
    checkNotNull(config, "config");
    return provider(displayProviders(), ClockDisplayProvider::name, "display", name).open(config);
  }

  /** The provider with the given name, or a CONFIGURATION failure naming the known ones. */
  private static <T> T provider(List<T> all, Function<T, String> nameOf, String kind, String name)
      throws DeviceException {
    checkNotNull(name, "name");
    return find(all, nameOf, name).orElseThrow(() -> new DeviceException(DeviceException.Reason.CONFIGURATION,
        "no " + kind + " provider named '" + name + "'; known: " + all.stream().map(nameOf).toList()));
  }

  private static <T> List<T> load(Class<T> type) {
    List<T> list = new ArrayList<>();
    ServiceLoader.load(type).forEach(list::add);
    return List.copyOf(list);
  }

  private static <T> Optional<T> find(List<T> all, Function<T, String> nameOf, String name) {
    checkNotNull(name, "name");
    return all.stream().filter(p -> nameOf.apply(p).equals(name)).findFirst();
  }
}
