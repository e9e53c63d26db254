import org.ntpclock.rtc.AmbientLightSensorProvider;
import org.ntpclock.rtc.ClockDisplayProvider;
import org.ntpclock.rtc.RealTimeClockProvider;

/**
 * Service-provider interfaces for real-time clocks, displays, light sensors and the I2C/SPI buses
 * under them; the system clock and Linux sysfs implementations; the time sources that serve a
 * real-time clock as a core {@link org.ntpclock.core.TimeSource}.
 */
module org.ntpclock.rtc {
  requires transitive org.ntpclock.core;
  requires com.google.common;

  exports org.ntpclock.rtc;
  exports org.ntpclock.rtc.linux;
  exports org.ntpclock.rtc.source;

  uses RealTimeClockProvider;
  uses AmbientLightSensorProvider;
  uses ClockDisplayProvider;

  provides RealTimeClockProvider with
      org.ntpclock.rtc.SystemRealTimeClock.Provider,
      org.ntpclock.rtc.linux.SysfsRealTimeClock.Provider;
  provides AmbientLightSensorProvider with org.ntpclock.rtc.linux.IioLightSensor.Provider;
}
