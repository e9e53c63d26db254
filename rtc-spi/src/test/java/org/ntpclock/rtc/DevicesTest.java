package org.ntpclock.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DevicesTest {
  @Test
  void findsTheBuiltInProvidersByName() throws Exception {
    assertThat(Devices.clockProviders()).extracting(RealTimeClockProvider::name).contains("system", "sysfs");
    assertThat(Devices.lightSensorProviders()).extracting(AmbientLightSensorProvider::name).contains("iio");
    try (RealTimeClock clock = Devices.openClock("system", "")) {
      assertThat(clock).isInstanceOf(SystemRealTimeClock.class);
      RtcReading r = clock.read();
      assertThat(r.isTrusted()).isTrue();
      assertThat(r.time()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
      assertThat(clock.isSettable()).isFalse();
      assertThatThrownBy(() -> clock.set(Instant.EPOCH))
          .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.UNSUPPORTED));
    }
  }

  @Test
  void unknownNamesAndBadConfigurationAreTyped() {
    assertThatThrownBy(() -> Devices.openClock("nosuch", ""))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION))
        .hasMessageContaining("system");
    assertThatThrownBy(() -> Devices.openClock("system", "x=1"))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
    assertThatThrownBy(() -> Devices.openLightSensor("nosuch", ""))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
    assertThatThrownBy(() -> Devices.openDisplay("nosuch", ""))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
  }

  @Test
  void temperatureIsExact() {
    assertThat(Temperature.ofQuarterCelsius(101)).hasToString("25.25 °C");
    assertThat(Temperature.ofQuarterCelsius(-1).toCelsius()).isEqualByComparingTo("-0.25");
    assertThat(Temperature.ofMilliCelsius(42000)).hasToString("42 °C");
    assertThatThrownBy(() -> Temperature.ofMilliCelsius(-300_000)).isInstanceOf(IllegalArgumentException.class);
  }
}
