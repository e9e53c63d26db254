package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.ClockDisplayProvider;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Devices;

class TerminalClockDisplayTest {
  @Test
  void printsThePanelWhenItChanges() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TerminalClockDisplay display = TerminalClockDisplay.create(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    display.showTime(LocalTime.of(12, 34, 45));
    String first = bytes.toString(StandardCharsets.UTF_8);
    assertThat(first).isEqualTo(display.panel().toBlockText() + System.lineSeparator());
    assertThat(first.split("\n")[7]).startsWith("████████████████████████·");
    display.showTime(LocalTime.of(12, 34, 45));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).as("unchanged: nothing printed").isEqualTo(first);
    display.showTime(LocalTime.of(12, 34, 46));
    assertThat(bytes.toString(StandardCharsets.UTF_8).substring(first.length())).startsWith("\u001B[8A\r");
    display.setPowered(false);
    assertThat(display.panel().litFrame().litCount()).isZero();
  }

  @Test
  void providers() throws Exception {
    assertThat(Devices.displayProviders()).extracting(ClockDisplayProvider::name).contains("terminal", "max7219");
    try (AmbientLightSensor s = Devices.openLightSensor("simulated", "level=0.25")) {
      assertThat(s.read()).isEqualTo(0.25);
    }
    assertThatThrownBy(() -> Devices.openLightSensor("simulated", "level=2"))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
    assertThatThrownBy(() -> Devices.openDisplay("terminal", "ansi=yes"))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.CONFIGURATION));
  }
}
