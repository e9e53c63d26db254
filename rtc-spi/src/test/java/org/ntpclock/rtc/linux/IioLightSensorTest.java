package org.ntpclock.rtc.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Devices;

/** The IIO ADC reader against a fake {@code /sys/bus/iio/devices/iio:device0} built in a temporary directory. */
class IioLightSensorTest {
  @TempDir Path sys;
  Path dev;

  @BeforeEach
  void fakeSysfs() throws IOException {
    // An ADS1115 (ti-ads1015 driver) at ±4.096 V: 0.125 mV per count, shared scale, per-channel raw.
    dev = Files.createDirectories(sys.resolve("bus/iio/devices/iio:device0"));
    Files.writeString(dev.resolve("name"), "ads1115\n");
    Files.writeString(dev.resolve("in_voltage0_raw"), "13200\n");
    Files.writeString(dev.resolve("in_voltage1_raw"), "4095\n");
    Files.writeString(dev.resolve("in_voltage_scale"), "0.125000000\n");
  }

  @Test
  void normalizesRawCounts() throws Exception {
    assertThat(IioLightSensor.ofRaw(dev, 1, 4095, false).read()).isEqualTo(1.0);
    assertThat(IioLightSensor.ofRaw(dev, 1, 8190, false).read()).isEqualTo(0.5);
    assertThat(IioLightSensor.ofRaw(dev, 1, 8190, true).read()).isEqualTo(0.5);
    assertThat(IioLightSensor.ofRaw(dev, 1, 16380, true).read()).isEqualTo(0.75);
  }

  @Test
  void clampsToTheUnitInterval() throws Exception {
    assertThat(IioLightSensor.ofRaw(dev, 0, 4095, false).read()).isEqualTo(1.0);
    Files.writeString(dev.resolve("in_voltage1_raw"), "-12\n"); // differential channels can go negative
    assertThat(IioLightSensor.ofRaw(dev, 1, 4095, false).read()).isEqualTo(0.0);
    assertThat(IioLightSensor.ofRaw(dev, 1, 4095, true).read()).isEqualTo(1.0);
  }

  @Test
  void usesScaleAndOffsetForMillivolts() throws Exception {
    // 13200 counts * 0.125 mV = 1650 mV of 3300 mV.
    assertThat(IioLightSensor.ofMillivolts(dev, 0, new BigDecimal("3300"), false).read()).isCloseTo(0.5, within(1e-12));
    // A per-channel scale wins over the shared one; the offset is added to the raw count first.
    Files.writeString(dev.resolve("in_voltage0_scale"), "0.0625\n");
    Files.writeString(dev.resolve("in_voltage_offset"), "-1200\n");
    assertThat(IioLightSensor.ofMillivolts(dev, 0, new BigDecimal("3000"), false).read()).isCloseTo(0.25, within(1e-12));
    assertThat(IioLightSensor.ofMillivolts(dev, 0, new BigDecimal("3000"), true).read()).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void failuresAreTyped() throws IOException {
    assertReason(() -> IioLightSensor.ofRaw(dev, 7, 4095, false).read(), DeviceException.Reason.IO_ERROR);
    Files.writeString(dev.resolve("in_voltage0_raw"), "n/a\n");
    assertReason(() -> IioLightSensor.ofRaw(dev, 0, 4095, false).read(), DeviceException.Reason.BAD_VALUE);
    Files.delete(dev.resolve("in_voltage_scale"));
    Files.writeString(dev.resolve("in_voltage0_raw"), "1\n");
    assertReason(() -> IioLightSensor.ofMillivolts(dev, 0, BigDecimal.TEN, false).read(), DeviceException.Reason.CONFIGURATION);
    assertThatThrownBy(() -> IioLightSensor.ofRaw(dev, 0, 0, false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void providerOpensByNameAndConfiguration() throws Exception {
    try (AmbientLightSensor s = Devices.openLightSensor("iio", "path=" + dev + ",channel=1,fullScale=8190")) {
      assertThat(s.read()).isEqualTo(0.5);
    }
    try (AmbientLightSensor s = Devices.openLightSensor("iio", "path=" + dev + ",fullScaleMillivolts=3300,inverted=true")) {
      assertThat(s.read()).isCloseTo(0.5, within(1e-12));
    }
    assertReason(() -> Devices.openLightSensor("iio", "path=" + dev + ",fullScale=1,fullScaleMillivolts=1"), DeviceException.Reason.CONFIGURATION);
    assertReason(() -> Devices.openLightSensor("iio", "path=" + dev.resolveSibling("iio:device9")), DeviceException.Reason.CONFIGURATION);
    assertReason(() -> Devices.openLightSensor("iio", "chanel=1"), DeviceException.Reason.CONFIGURATION);
  }

  interface Call {
    Object run() throws Exception;
  }

  static void assertReason(Call call, DeviceException.Reason reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
