package org.ntpclock.examples.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RtcException;
import org.ntpclock.rtc.SystemRealTimeClock;
import org.ntpclock.rtc.linux.SysfsRealTimeClock;

/**
 * Opens the clock's hardware from the {@code serve} options: the RTC ({@code simulated},
 * {@code system}, {@code sysfs[:PATH]}, {@code ds3231[:I2C-BUS]}), the display ({@code terminal},
 * {@code png:PATH}, {@code none}, {@code max7219[:SPI]}) and the light sensor ({@code simulated},
 * {@code iio:PATH}).
 */
public final class ClockHardware {
  private ClockHardware() {}

  /** Hardware that cannot be opened as configured. */
  public static final class HardwareException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the cause, or null
     */
    public HardwareException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Opens the RTC and the time source over it.
   *
   * @param kind simulated, system, sysfs or ds3231
   * @param argument sysfs directory or I2C bus number
   * @return the opened RTC and its source, already read once
   * @throws HardwareException if the RTC cannot be opened
   */
  public static RtcChoice openRtc(String kind, Optional<String> argument) {
    RealTimeClock rtc;
    String description;
    switch (kind) {
      case "simulated" -> {
        SimulatedDs3231 sim;
        try {
          sim = SimulatedDs3231.fromSystemClock();
        } catch (RtcException e) {
          throw new HardwareException("cannot set the simulated DS3231: " + e.getMessage(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new HardwareException("interrupted while setting the simulated DS3231", e);
        }
        return RtcChoice.open("simulated DS3231 set from the system clock", sim.driver(), Optional.of(sim.chip()));
      }
      case "system" -> {
        rtc = SystemRealTimeClock.create();
        description = "system clock";
      }
      case "sysfs" -> {
        Path dir = argument.map(Path::of).orElse(SysfsRealTimeClock.DEFAULT_PATH);
        rtc = SysfsRealTimeClock.of(dir);
        description = "Linux RTC " + dir;
      }
      default -> throw new HardwareException("--rtc " + kind + ": not available in this build", null);
    }
    return RtcChoice.open(description, rtc, Optional.empty());
  }

  /**
   * Adds the display and light sensor to a clock under construction.
   *
   * @param builder the clock builder
   * @param display terminal, png, none or max7219
   * @param displayArgument PNG path or SPI device
   * @param light simulated or iio
   * @param lightArgument the IIO device directory
   * @param terminal where the terminal display draws
   * @throws HardwareException if a device cannot be opened
   */
  public static void attachDisplay(NtpClock.Builder builder, String display, Optional<String> displayArgument,
      String light, Optional<String> lightArgument, PrintWriter terminal) {
    if (display.equals("none")) {
      return;
    }
    throw new HardwareException("--display " + display + ": not available in this build", null);
  }
}
