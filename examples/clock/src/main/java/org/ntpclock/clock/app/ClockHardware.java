package org.ntpclock.clock.app;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ntpclock.drivers.AutoDimmer;
import org.ntpclock.drivers.DimmingCurve;
import org.ntpclock.drivers.Ds3231;
import org.ntpclock.drivers.Ds3231Simulator;
import org.ntpclock.drivers.Max7219Cascade;
import org.ntpclock.drivers.TerminalClockDisplay;
import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Devices;
import org.ntpclock.rtc.RealTimeClock;

/**
 * Opens the clock's hardware from the {@code serve} options {@code KIND[:ARGUMENT]}, by provider
 * name through {@link Devices}: the kind is the provider's name and the argument its main setting
 * (or a whole provider configuration, {@code key=value,...}):
 *
 * <ul>
 *   <li>RTC: {@code simulated[:INSTANT]} (a DS3231 simulator set from the system clock, or to
 *       INSTANT with the system clock's sub-second phase), {@code system},
 *       {@code sysfs[:PATH]} (default {@code /sys/class/rtc/rtc0}), {@code ds3231[:I2C-BUS]}
 *       (default bus 1, through diozero);
 *   <li>display: {@code terminal} (a simulated four-module MAX7219 panel drawn on the command's
 *       output), {@code png:PATH} (the same panel written as a PNG picture), {@code none},
 *       {@code max7219[:SPI]} (SPI controller, or {@code CONTROLLER.CHIPSELECT}, default 0.0,
 *       through diozero);
 *   <li>light sensor: {@code simulated} (daylight following the local time) or {@code iio:PATH}
 *       (a Linux IIO ADC channel: channel 0, raw 0..4095).
 * </ul>
 *
 * <p>The terminal display is the one device not looked up by name: it draws on the command's own
 * output stream, which a provider cannot be handed.
 */
public final class ClockHardware {
  /** The configuration key a bare {@code :ARGUMENT} sets, by provider name. */
  private static final Map<String, String> ARGUMENT_KEYS =
      Map.of("sysfs", "path", "ds3231", "bus", "png", "path", "iio", "path", "simulated", "start");
  /**
   * Settings the clock always gives a provider: a Linux RTC whose device is absent (its driver not
   * loaded yet) is served as unsynchronized rather than refused.
   */
  private static final Map<String, String> FIXED_SETTINGS = Map.of("sysfs", "optional=true");
  /** What each clock is, for the start-up message. */
  private static final Map<String, String> RTC_DESCRIPTIONS = Map.of(
      "simulated", "simulated DS3231 set from the system clock", "system", "system clock",
      "sysfs", "Linux RTC", "ds3231", "DS3231 on I2C bus");

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
   * Opens the RTC and the time source over it, and reads it once.
   *
   * @param kind the clock provider's name: simulated, system, sysfs or ds3231
   * @param argument sysfs directory or I2C bus number, or a provider configuration
   * @return the opened RTC and its source
   * @throws HardwareException if the RTC cannot be opened
   */
  public static RtcChoice openRtc(String kind, Optional<String> argument) {
    RealTimeClock rtc;
    if (kind.equals("ds3231") && argument.orElse("1").matches("[0-9]+")) {
      // Checked here: diozero's native layer prints its own error line to stderr for a missing bus.
      Path device = Path.of("/dev/i2c-" + argument.orElse("1"));
      if (!Files.exists(device)) {
        throw new HardwareException("--rtc " + spec(kind, argument) + ": no I2C bus " + device
            + " (enable I2C, e.g. dtparam=i2c_arm=on on a Raspberry Pi, or name another bus)", null);
      }
    }
    try {
      rtc = Devices.openClock(kind, config(kind, argument));
    } catch (DeviceException e) {
      throw new HardwareException("--rtc " + spec(kind, argument) + ": " + e.getMessage(), e);
    }
    Optional<Ds3231Simulator> chip = rtc instanceof Ds3231 ds3231 && ds3231.bus() instanceof Ds3231Simulator sim
        ? Optional.of(sim) : Optional.empty();
    String description = RTC_DESCRIPTIONS.getOrDefault(kind, kind) + argument.map(a -> " " + a).orElse("");
    return RtcChoice.open(description, rtc, chip);
  }

  /**
   * Adds the display and light sensor to a clock under construction.
   *
   * @param builder the clock builder
   * @param display the display provider's name (terminal, png, max7219), or none
   * @param displayArgument PNG path or SPI device, or a provider configuration
   * @param light the light-sensor provider's name (simulated, iio)
   * @param lightArgument the IIO device directory, or a provider configuration
   * @param terminal where the terminal display draws
   * @param redrawInPlace whether the terminal display moves the cursor back up to redraw (a real
   *     terminal) instead of printing each new panel below the last
   * @throws HardwareException if a device cannot be opened
   */
  public static void attachDisplay(NtpClock.Builder builder, String display, Optional<String> displayArgument,
      String light, Optional<String> lightArgument, PrintWriter terminal, boolean redrawInPlace) {
    if (display.equals("none")) {
      return;
    }
    String displayConfig = config(display, displayArgument);
    AmbientLightSensor sensor;
    try {
      sensor = Devices.openLightSensor(light, config(light, lightArgument));
    } catch (DeviceException e) {
      throw new HardwareException("--light " + spec(light, lightArgument) + ": " + e.getMessage(), e);
    }
    // Brightness 0..15 (the MAX7219 intensity); dim longer as the room brightens, as the eye likes.
    AutoDimmer dimmer = AutoDimmer.create(DimmingCurve.gamma(0, Max7219Cascade.MAX_INTENSITY, 2.0));
    ClockDisplay opened;
    try {
      opened = display.equals("terminal")
          ? TerminalClockDisplay.create(new PrintStream(new WriterOutputStream(terminal), true, StandardCharsets.UTF_8),
              redrawInPlace)
          : Devices.openDisplay(display, displayConfig);
    } catch (DeviceException e) {
      sensor.close();
      throw new HardwareException("--display " + spec(display, displayArgument) + ": " + e.getMessage(), e);
    }
    builder.display(opened, sensor, dimmer::update, () -> {});
  }

  /**
   * The provider configuration for {@code KIND:ARGUMENT}: the argument itself when it is one
   * ({@code key=value,...}), else the key the kind's bare argument sets; for max7219 a bare
   * argument is {@code CONTROLLER[.CHIPSELECT]}. The kind's fixed settings come first.
   */
  static String config(String kind, Optional<String> argument) {
    String fixed = FIXED_SETTINGS.getOrDefault(kind, "");
    String given = argumentConfig(kind, argument);
    return fixed.isEmpty() || given.isEmpty() ? fixed + given : fixed + "," + given;
  }

  private static String argumentConfig(String kind, Optional<String> argument) {
    if (argument.isEmpty()) {
      return "";
    }
    String a = argument.get();
    if (a.contains("=")) {
      return a;
    }
    if (kind.equals("max7219")) {
      String[] spi = a.split("\\.", 2);
      return "controller=" + spi[0] + (spi.length > 1 ? ",chipSelect=" + spi[1] : "");
    }
    String key = ARGUMENT_KEYS.get(kind);
    if (key == null) {
      throw new HardwareException(kind + " takes no argument: " + a, null);
    }
    return key + "=" + a;
  }

  private static String spec(String kind, Optional<String> argument) {
    return kind + argument.map(a -> ":" + a).orElse("");
  }
}
