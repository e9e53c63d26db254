import org.ntpclock.rtc.AmbientLightSensorProvider;
import org.ntpclock.rtc.ClockDisplayProvider;
import org.ntpclock.rtc.RealTimeClockProvider;

/**
 * Reference drivers over the rtc-spi ports: the DS3231 real-time clock and MAX7219 LED matrices
 * with faithful simulators, the clock face, dimming, the diozero bus adapters, and the providers
 * that open them by name through {@link org.ntpclock.rtc.Devices}. diozero is optional and
 * reached only reflectively, so its adapters stay inside the module.
 */
@SuppressWarnings("requires-automatic") // diozero-core is an automatic module
module org.ntpclock.drivers {
  requires transitive org.ntpclock.rtc;
  requires com.google.common;
  requires transitive java.desktop;
  requires static diozero.core;

  exports org.ntpclock.drivers;

  provides RealTimeClockProvider with
      org.ntpclock.drivers.Ds3231ClockProvider,
      org.ntpclock.drivers.SimulatedDs3231ClockProvider;
  provides ClockDisplayProvider with
      org.ntpclock.drivers.Max7219DisplayProvider,
      org.ntpclock.drivers.TerminalClockDisplay.Provider,
      org.ntpclock.drivers.PngClockDisplay.Provider;
  provides AmbientLightSensorProvider with org.ntpclock.drivers.SimulatedLightSensorProvider;
}
