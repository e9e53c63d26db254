package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.ClockDisplayProvider;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Devices;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RealTimeClockProvider;
import org.ntpclock.rtc.RtcReading;

class DriversProvidersTest {
  @Test
  void providersAreFoundByName() {
    assertThat(Devices.clockProviders()).extracting(RealTimeClockProvider::name)
        .contains("system", "sysfs", "ds3231", "simulated");
    assertThat(Devices.displayProviders()).extracting(ClockDisplayProvider::name).contains("max7219");
    assertThat(Devices.clockProvider("ds3231")).hasValueSatisfying(p -> assertThat(p.description()).contains("address=0x68"));
  }

  @Test
  void simulatedClockStartsFromTheSystemClock() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (RealTimeClock clock = Devices.openClock("simulated", "")) {
      RtcReading r = clock.read();
      Instant after = Instant.now();
      assertThat(r.isTrusted()).isTrue();
      assertThat(r.time()).isBetween(before, after);
      assertThat(r.temperature()).isPresent();
    }
  }

  @Test
  void simulatedClockCanStartAsAtFirstPowerUp() throws Exception {
    try (RealTimeClock clock = Devices.openClock("simulated", "state=power-up")) {
      RtcReading r = clock.read();
      assertThat(r.validity()).isEqualTo(RtcReading.Validity.OSCILLATOR_STOPPED);
      assertThat(r.time()).isBefore(Instant.parse("2000-01-01T00:00:02Z"));
    }
  }

  @Test
  void badConfigurationIsTyped() {
    assertThatThrownBy(() -> Devices.openClock("simulated", "state=maybe"))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
    assertThatThrownBy(() -> Devices.openClock("ds3231", "address=0x99"))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
    assertThatThrownBy(() -> Devices.openClock("ds3231", "adress=0x68"))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION))
        .hasMessageContaining("address");
    assertThatThrownBy(() -> Devices.openDisplay("max7219", "modules=0"))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
    assertThatThrownBy(() -> Devices.openDisplay("max7219", "rotation=4"))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
  }

  @Test
  void simulatedClockExposesItsChip() throws Exception {
    try (RealTimeClock clock = Devices.openClock("simulated", "")) {
      assertThat(clock).isInstanceOfSatisfying(Ds3231.class,
          d -> assertThat(d.bus()).isInstanceOf(Ds3231Simulator.class));
      Ds3231Simulator chip = (Ds3231Simulator) ((Ds3231) clock).bus();
      chip.setPower(Ds3231Simulator.Power.NONE);
      chip.setPower(Ds3231Simulator.Power.VCC);
      assertThat(clock.read().isTrusted()).isFalse();
    }
  }

  @Test
  void simulatedLightFollowsDaylightByDefault() throws Exception {
    try (AmbientLightSensor s = Devices.openLightSensor("simulated", "")) {
      assertThat(s).isInstanceOf(DaylightLightSensor.class);
      assertThat(s.read()).isBetween(0.0, 1.0);
    }
    try (AmbientLightSensor s = Devices.openLightSensor("simulated", "level=daylight")) {
      assertThat(s).isInstanceOf(DaylightLightSensor.class);
    }
  }

  @Test
  void pngDisplayWritesThePanel(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("face.png");
    try (ClockDisplay display = Devices.openDisplay("png", "path=" + png + ",pitch=4")) {
      assertThat(png).doesNotExist();
      display.showTime(LocalTime.of(12, 34, 56));
      assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    }
    assertThatThrownBy(() -> Devices.openDisplay("png", ""))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
    assertThatThrownBy(() -> Devices.openDisplay("png", "path=" + dir.resolve("missing/face.png")))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
  }
}
