package org.ntpclock.examples.app;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import org.ntpclock.examples.hw.AutoDimmer;
import org.ntpclock.examples.hw.ClockFace;
import org.ntpclock.examples.hw.DimmingCurve;
import org.ntpclock.examples.hw.LedMatrixClockDisplay;
import org.ntpclock.examples.hw.Max7219Cascade;
import org.ntpclock.examples.hw.Max7219Simulator;
import org.ntpclock.examples.hw.PanelLayout;
import org.ntpclock.examples.hw.TerminalClockDisplay;
import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Devices;
import org.ntpclock.rtc.Frame;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RtcException;
import org.ntpclock.rtc.SystemRealTimeClock;
import org.ntpclock.rtc.linux.SysfsRealTimeClock;

/**
 * Opens the clock's hardware from the {@code serve} options, through the drivers and providers of
 * {@code org.ntpclock.examples.hw} and {@code org.ntpclock.rtc}:
 *
 * <ul>
 *   <li>RTC: {@code simulated} (a DS3231 simulator set from the system clock), {@code system},
 *       {@code sysfs[:PATH]} (default {@code /sys/class/rtc/rtc0}), {@code ds3231[:I2C-BUS]}
 *       (default bus 1, through diozero);
 *   <li>display: {@code terminal} (a simulated four-module MAX7219 panel drawn on stdout, the
 *       hardware module's {@link TerminalClockDisplay}),
 *       {@code png:PATH} (the same panel written as a PNG picture), {@code none},
 *       {@code max7219[:SPI]} (SPI controller, or {@code CONTROLLER.CHIPSELECT}, default 0.0,
 *       through diozero);
 *   <li>light sensor: {@code simulated} (daylight following the local time) or {@code iio:PATH}
 *       (a Linux IIO ADC channel through the {@code iio} provider: channel 0, raw 0..4095).
 * </ul>
 */
public final class ClockHardware {
  /** LED pitch of the PNG panel, pixels. */
  static final int PNG_PITCH = 16;

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
   * @param kind simulated, system, sysfs or ds3231
   * @param argument sysfs directory or I2C bus number
   * @return the opened RTC and its source
   * @throws HardwareException if the RTC cannot be opened
   */
  public static RtcChoice openRtc(String kind, Optional<String> argument) {
    RealTimeClock rtc;
    String description;
    switch (kind) {
      case "simulated" -> {
        SimulatedDs3231 sim = SimulatedDs3231.fromSystemClock();
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
      case "ds3231" -> {
        String bus = argument.orElse("1");
        // Checked here: diozero's native layer prints its own error line to stderr for a missing bus.
        Path device = Path.of("/dev/i2c-" + bus);
        if (!Files.exists(device)) {
          throw new HardwareException("--rtc ds3231:" + bus + ": no I2C bus " + device
              + " (enable I2C, e.g. dtparam=i2c_arm=on on a Raspberry Pi, or name another bus)", null);
        }
        try {
          rtc = Devices.openClock("ds3231", "bus=" + bus);
        } catch (RtcException e) {
          throw new HardwareException("--rtc ds3231:" + bus + ": " + e.getMessage(), e);
        }
        description = "DS3231 on I2C bus " + bus;
      }
      default -> throw new IllegalArgumentException("unknown RTC kind: " + kind);
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
   * @param redrawInPlace whether the terminal display moves the cursor back up to redraw (a real
   *     terminal) instead of printing each new panel below the last
   * @throws HardwareException if a device cannot be opened
   */
  public static void attachDisplay(NtpClock.Builder builder, String display, Optional<String> displayArgument,
      String light, Optional<String> lightArgument, PrintWriter terminal, boolean redrawInPlace) {
    if (display.equals("none")) {
      return;
    }
    AmbientLightSensor sensor;
    switch (light) {
      case "simulated" -> sensor = SimulatedLightSensor.following(Clock.systemDefaultZone());
      case "iio" -> {
        try {
          sensor = Devices.openLightSensor("iio", "path=" + lightArgument.orElseThrow());
        } catch (DeviceException e) {
          throw new HardwareException("--light iio:" + lightArgument.orElseThrow() + ": " + e.getMessage(), e);
        }
      }
      default -> throw new IllegalArgumentException("unknown light sensor kind: " + light);
    }
    // Brightness 0..15 (the MAX7219 intensity); dim longer as the room brightens, as the eye likes.
    AutoDimmer dimmer = AutoDimmer.create(DimmingCurve.gamma(0, Max7219Cascade.MAX_INTENSITY, 2.0));
    try {
      switch (display) {
        case "terminal" -> {
          PrintStream stream = new PrintStream(new WriterOutputStream(terminal), true, StandardCharsets.UTF_8);
          builder.display(TerminalClockDisplay.create(stream, redrawInPlace), sensor, dimmer::update, () -> {});
        }
        case "png" -> {
          PanelLayout layout = PanelLayout.fc16(4);
          Max7219Simulator panel = Max7219Simulator.create(layout);
          ClockDisplay led = LedMatrixClockDisplay.open(panel, layout, ClockFace.standard(), 4);
          builder.display(led, sensor, dimmer::update, new PngPanel(panel, Path.of(displayArgument.orElseThrow())));
        }
        case "max7219" -> {
          String[] spi = displayArgument.orElse("0.0").split("\\.", 2);
          String config = "controller=" + spi[0] + (spi.length > 1 ? ",chipSelect=" + spi[1] : "");
          builder.display(Devices.openDisplay("max7219", config), sensor, dimmer::update, () -> {});
        }
        default -> throw new IllegalArgumentException("unknown display kind: " + display);
      }
    } catch (DeviceException e) {
      sensor.close();
      throw new HardwareException("--display " + display + displayArgument.map(a -> ":" + a).orElse("") + ": "
          + e.getMessage(), e);
    }
  }

  /** Writes the simulated panel as a PNG whenever what it shows changes (atomically replaced). */
  static final class PngPanel implements Runnable {
    private final Max7219Simulator panel;
    private final Path file;
    private Frame last;
    private int lastIntensity = -1;

    PngPanel(Max7219Simulator panel, Path file) {
      this.panel = panel;
      this.file = file.toAbsolutePath();
    }

    @Override
    public void run() {
      Frame now = panel.litFrame();
      int intensity = panel.intensity(0);
      if (now.equals(last) && intensity == lastIntensity) {
        return;
      }
      try {
        Path tmp = Files.createTempFile(file.getParent(), ".clock-face", ".png");
        try {
          panel.writePng(tmp, PNG_PITCH);
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
        last = now;
        lastIntensity = intensity;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot write " + file, e);
      }
    }
  }
}
