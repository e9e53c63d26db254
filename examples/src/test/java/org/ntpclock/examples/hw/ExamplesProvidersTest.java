package org.ntpclock.examples.hw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.ntpclock.rtc.ClockDisplayProvider;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Devices;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RealTimeClockProvider;
import org.ntpclock.rtc.RtcException;
import org.ntpclock.rtc.RtcReading;

class ExamplesProvidersTest {
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
        .isInstanceOfSatisfying(RtcException.class, e -> assertThat(e.reason()).isEqualTo(RtcException.Reason.CONFIGURATION));
    assertThatThrownBy(() -> Devices.openClock("ds3231", "address=0x99"))
        .isInstanceOfSatisfying(RtcException.class, e -> assertThat(e.reason()).isEqualTo(RtcException.Reason.CONFIGURATION));
    assertThatThrownBy(() -> Devices.openClock("ds3231", "adress=0x68"))
        .isInstanceOfSatisfying(RtcException.class, e -> assertThat(e.reason()).isEqualTo(RtcException.Reason.CONFIGURATION))
        .hasMessageContaining("address");
    assertThatThrownBy(() -> Devices.openDisplay("max7219", "modules=0"))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
    assertThatThrownBy(() -> Devices.openDisplay("max7219", "rotation=4"))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
  }
}
