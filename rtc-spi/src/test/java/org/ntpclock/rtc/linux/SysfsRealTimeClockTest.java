package org.ntpclock.rtc.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.rtc.Devices;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.rtc.Temperature;

/** The sysfs RTC reader against a fake {@code /sys/class/rtc/rtc0} built in a temporary directory. */
class SysfsRealTimeClockTest {
  @TempDir Path sys;
  Path rtc0;

  @BeforeEach
  void fakeSysfs() throws IOException {
    // Layout and content as the rtc-ds1307 driver presents a DS3231 (values with the kernel's newlines).
    rtc0 = Files.createDirectories(sys.resolve("class/rtc/rtc0"));
    Files.writeString(rtc0.resolve("name"), "rtc-ds1307 1-0068\n");
    Files.writeString(rtc0.resolve("since_epoch"), "1795262400\n");
    Files.writeString(rtc0.resolve("date"), "2026-11-21\n");
    Files.writeString(rtc0.resolve("time"), "12:00:00\n");
  }

  @Test
  void readsSinceEpochAsUtc() throws Exception {
    SysfsRealTimeClock clock = SysfsRealTimeClock.of(rtc0);
    RtcReading r = clock.read();
    assertThat(r.time()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
    assertThat(r.validity()).isEqualTo(RtcReading.Validity.VALID);
    assertThat(r.temperature()).isEmpty();
    assertThat(clock.deviceName()).isEqualTo("rtc-ds1307 1-0068");
    assertThat(clock.resolution()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void fallsBackToDateAndTime() throws Exception {
    Files.delete(rtc0.resolve("since_epoch"));
    Files.writeString(rtc0.resolve("date"), "2099-12-31\n");
    Files.writeString(rtc0.resolve("time"), "23:59:59\n");
    assertThat(SysfsRealTimeClock.of(rtc0).read().time()).isEqualTo(Instant.parse("2099-12-31T23:59:59Z"));
  }

  @Test
  void addsTheHwmonTemperature() throws Exception {
    Path hwmon = Files.createDirectories(rtc0.resolve("device/hwmon/hwmon3"));
    Files.writeString(hwmon.resolve("temp1_input"), "25250\n");
    assertThat(SysfsRealTimeClock.of(rtc0).read().temperature()).contains(Temperature.ofQuarterCelsius(101));
    Files.writeString(hwmon.resolve("temp1_input"), "garbage\n");
    assertThat(SysfsRealTimeClock.of(rtc0).read().temperature()).as("a broken sensor costs only the temperature").isEmpty();
  }

  @Test
  void garbageIsTimeInvalid() throws IOException {
    Files.writeString(rtc0.resolve("since_epoch"), "\n");
    assertReason(() -> SysfsRealTimeClock.of(rtc0).read(), DeviceException.Reason.TIME_INVALID);
    Files.delete(rtc0.resolve("since_epoch"));
    Files.writeString(rtc0.resolve("date"), "2026-02-30\n");
    assertReason(() -> SysfsRealTimeClock.of(rtc0).read(), DeviceException.Reason.TIME_INVALID);
  }

  @Test
  void failuresAreClassified() throws IOException {
    // EINVAL is how the kernel refuses a DS3231 whose oscillator-stop flag is set.
    assertThat(SysfsRealTimeClock.classify(new FileSystemException("/sys/class/rtc/rtc0/since_epoch", null, "Invalid argument")))
        .isEqualTo(DeviceException.Reason.TIME_INVALID);
    assertThat(SysfsRealTimeClock.classify(new NoSuchFileException("x"))).isEqualTo(DeviceException.Reason.CONFIGURATION);
    assertThat(SysfsRealTimeClock.classify(new IOException("Input/output error"))).isEqualTo(DeviceException.Reason.IO_ERROR);
    // A directory where a file should be is an I/O error from the JDK.
    Files.delete(rtc0.resolve("since_epoch"));
    Files.createDirectory(rtc0.resolve("since_epoch"));
    assertReason(() -> SysfsRealTimeClock.of(rtc0).read(), DeviceException.Reason.IO_ERROR);
  }

  @Test
  void isReadOnly() {
    SysfsRealTimeClock clock = SysfsRealTimeClock.of(rtc0);
    assertThat(clock.isSettable()).isFalse();
    assertThatThrownBy(() -> clock.set(Instant.parse("2030-01-01T00:00:00Z")))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.UNSUPPORTED))
        .hasMessageContaining("hwclock");
  }

  @Test
  void providerOpensByNameAndPath() throws Exception {
    try (RealTimeClock clock = Devices.openClock("sysfs", "path=" + rtc0)) {
      assertThat(clock.read().time()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
    }
    assertReason(() -> Devices.openClock("sysfs", "path=" + sys.resolve("class/rtc/rtc9")), DeviceException.Reason.CONFIGURATION);
    assertReason(() -> Devices.openClock("sysfs", "paht=" + rtc0), DeviceException.Reason.CONFIGURATION);
    // optional: opens while the device is absent, and every read says why it cannot be served.
    try (RealTimeClock absent = Devices.openClock("sysfs", "optional=true,path=" + sys.resolve("class/rtc/rtc9"))) {
      assertReason(absent::read, DeviceException.Reason.CONFIGURATION);
    }
  }

  interface Call {
    Object run() throws Exception;
  }

  static void assertReason(Call call, DeviceException.Reason reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
