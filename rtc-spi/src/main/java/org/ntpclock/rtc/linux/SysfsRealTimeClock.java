package org.ntpclock.rtc.linux;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.ntpclock.core.input.BoundedInput;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RealTimeClockProvider;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.rtc.Temperature;

/**
 * A Linux RTC-class clock read through sysfs, {@code /sys/class/rtc/rtcN/}: how a DS3231 appears
 * once the kernel's {@code rtc-ds1307} driver binds it ({@code dtoverlay=i2c-rtc,ds3231} on a
 * Raspberry Pi).
 *
 * <p>Reading: {@code since_epoch} (POSIX seconds) when present, else {@code date} and
 * {@code time} ({@code YYYY-MM-DD}, {@code HH:MM:SS}); both are the RTC's counters taken as UTC,
 * so an RTC kept in local time reads wrong here. Resolution is one second. The kernel refuses to
 * read a clock whose oscillator-stop flag is set (the read fails with EINVAL, "Invalid
 * argument"), which this class reports as {@link DeviceException.Reason#TIME_INVALID}; a successful
 * read is therefore {@link RtcReading.Validity#VALID}. A temperature is added when the device
 * exposes a hwmon sensor ({@code device/hwmon/hwmon*}{@code /temp1_input}, milli-degrees; the
 * DS3231 driver does).
 *
 * <p>Read-only: setting needs the {@code RTC_SET_TIME} ioctl on {@code /dev/rtcN}, which Java
 * cannot issue without native code; use {@code hwclock --systohc} (or let the kernel's 11-minute
 * mode sync it) instead. Thread-safe.
 */
public final class SysfsRealTimeClock implements RealTimeClock {
  /** sysfs attributes are at most a page; a path pointing elsewhere (a device, a FIFO) is refused or cut there. */
  private static final int MAX_ATTRIBUTE_BYTES = 4096;
  /** The first RTC's sysfs directory. */
  public static final Path DEFAULT_PATH = Path.of("/sys/class/rtc/rtc0");

  private final Path dir;

  private SysfsRealTimeClock(Path dir) {
    this.dir = dir;
  }

  /**
   * A clock over an RTC-class directory. Nothing is read until {@link #read()}.
   *
   * @param dir the directory, such as {@code /sys/class/rtc/rtc0}
   * @return the clock
   */
  public static SysfsRealTimeClock of(Path dir) {
    return new SysfsRealTimeClock(checkNotNull(dir, "dir"));
  }

  /**
   * The directory read.
   *
   * @return the directory
   */
  public Path directory() {
    return dir;
  }

  /**
   * The kernel driver's name for the chip ({@code name} attribute, such as {@code rtc-ds1307}).
   *
   * @return the name
   * @throws DeviceException {@link DeviceException.Reason#IO_ERROR} if it cannot be read
   */
  public String deviceName() throws DeviceException {
    return readAttribute("name");
  }

  @Override
  public RtcReading read() throws DeviceException {
    Instant time;
    if (Files.exists(dir.resolve("since_epoch"))) {
      String text = readAttribute("since_epoch");
      try {
        time = Instant.ofEpochSecond(Long.parseLong(text));
      } catch (NumberFormatException | DateTimeException e) {
        throw new DeviceException(DeviceException.Reason.TIME_INVALID, dir + "/since_epoch is not a second count: '" + text + "'", e);
      }
    } else {
      String date = readAttribute("date");
      String clock = readAttribute("time");
      try {
        time = LocalDate.parse(date).atTime(LocalTime.parse(clock)).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        throw new DeviceException(DeviceException.Reason.TIME_INVALID, dir + " date/time unreadable: '" + date + " " + clock + "'", e);
      }
    }
    return new RtcReading(time, RtcReading.Validity.VALID, temperature());
  }

  private Optional<Temperature> temperature() {
    Path hwmon = dir.resolve("device").resolve("hwmon");
    if (!Files.isDirectory(hwmon)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> sensors = Files.newDirectoryStream(hwmon, "hwmon*")) {
      for (Path sensor : sensors) {
        Path input = sensor.resolve("temp1_input");
        if (Files.isRegularFile(input)) {
          return Optional.of(Temperature.ofMilliCelsius(Integer.parseInt(new String(BoundedInput.readFile(input, MAX_ATTRIBUTE_BYTES), StandardCharsets.US_ASCII).trim())));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // The temperature is an extra; a broken sensor must not cost the time.
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * Always fails: see the class description for how to set a Linux RTC.
   *
   * @param time ignored
   * @throws DeviceException always, {@link DeviceException.Reason#UNSUPPORTED}
   */
  @Override
  public void set(Instant time) throws DeviceException {
    throw new DeviceException(DeviceException.Reason.UNSUPPORTED,
        dir + " is read-only through sysfs; set it with the RTC_SET_TIME ioctl on /dev/rtcN or 'hwclock --systohc'");
  }

  @Override
  public Duration resolution() {
    return Duration.ofSeconds(1);
  }

  @Override
  public boolean isSettable() {
    return false;
  }

  private String readAttribute(String name) throws DeviceException {
    Path file = dir.resolve(name);
    try {
      return new String(BoundedInput.readFile(file, MAX_ATTRIBUTE_BYTES), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new DeviceException(classify(e), "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * How a failed attribute read is reported: EINVAL is the kernel saying the time is invalid
   * (oscillator stopped), a missing file is a configuration error, anything else an I/O error.
   */
  static DeviceException.Reason classify(IOException e) {
    if (e instanceof NoSuchFileException) {
      return DeviceException.Reason.CONFIGURATION;
    }
    String message = e.getMessage();
    return message != null && message.contains("Invalid argument")
        ? DeviceException.Reason.TIME_INVALID : DeviceException.Reason.IO_ERROR;
  }

  /**
   * The class and the RTC-class directory, which do not change.
   *
   * @return for example {@code SysfsRealTimeClock[/sys/class/rtc/rtc0]}
   */
  @Override
  public String description() {
    return toString();
  }

  @Override
  public String toString() {
    return "SysfsRealTimeClock[" + dir + "]";
  }

  /**
   * Provides {@code "sysfs"}: configuration {@code path=} the RTC-class directory (default
   * {@code /sys/class/rtc/rtc0}).
   */
  public static final class Provider implements RealTimeClockProvider {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {}

    @Override
    public String name() {
      return "sysfs";
    }

    @Override
    public String description() {
      return "Linux RTC class through sysfs, read-only; path=/sys/class/rtc/rtc0,optional=false"
          + " (optional: open even while the directory is absent; reads fail until it appears)";
    }

    @Override
    public RealTimeClock open(String config) throws DeviceException {
      record Settings(Path dir, boolean optional) {}
      Settings set = DeviceConfig.read(config,
          c -> new Settings(c.path("path", DEFAULT_PATH), c.bool("optional", false)), "path", "optional");
      Path dir = set.dir();
      if (!set.optional() && !Files.isDirectory(dir)) {
        throw new DeviceException(DeviceException.Reason.CONFIGURATION, "no RTC directory " + dir);
      }
      return of(dir);
    }
  }
}
