package org.ntpclock.drivers;

import java.time.Duration;
import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RealTimeClockProvider;
import org.ntpclock.rtc.RegisterBus;

/**
 * Provides {@code "ds3231"}: a DS3231 on a real I2C bus through diozero. Configuration
 * {@code bus=1,address=0x68,attempts=3}. Needs diozero on the class path; use the kernel driver
 * and the {@code "sysfs"} clock instead when the chip is bound to {@code rtc-ds1307}.
 */
public final class Ds3231ClockProvider implements RealTimeClockProvider {
  /** For {@link java.util.ServiceLoader}. */
  public Ds3231ClockProvider() {}

  @Override
  public String name() {
    return "ds3231";
  }

  @Override
  public String description() {
    return "DS3231 over I2C through diozero; bus=1,address=0x68,attempts=3";
  }

  @Override
  public RealTimeClock open(String config) throws DeviceException {
    int[] settings = DeviceConfig.read(config, c -> new int[] {
        (int) c.integer("bus", 1, 0, 255),
        (int) c.integer("address", Ds3231.I2C_ADDRESS, 0x03, 0x77),
        (int) c.integer("attempts", 3, 1, 100)}, "bus", "address", "attempts");
    int bus = settings[0];
    int address = settings[1];
    int attempts = settings[2];
    RegisterBus registers;
    try {
      registers = HardwareBuses.diozero().openI2c(bus, address);
    } catch (DeviceException e) {
      throw new DeviceException(DeviceException.Reason.CONFIGURATION, e.getMessage(), e);
    } catch (BusException e) {
      throw new DeviceException(DeviceException.Reason.BUS_ERROR, e.getMessage(), e);
    }
    return Ds3231.create(registers, new RetryPolicy(attempts, Duration.ofMillis(5), Sleeper.system()));
  }
}
