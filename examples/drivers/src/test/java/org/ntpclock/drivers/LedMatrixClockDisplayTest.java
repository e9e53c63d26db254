package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.DeviceException;

class LedMatrixClockDisplayTest {
  PanelLayout layout = PanelLayout.fc16(4);
  Max7219Simulator panel = Max7219Simulator.create(layout);

  @Test
  void showsTheTimeAndFollowsBrightnessAndPower() throws Exception {
    try (LedMatrixClockDisplay display = LedMatrixClockDisplay.open(panel, layout, ClockFace.standard(), 2)) {
      ClockDisplay asPort = display;
      assertThat(asPort.width()).isEqualTo(32);
      assertThat(asPort.height()).isEqualTo(8);
      assertThat(asPort.maxBrightness()).isEqualTo(15);
      asPort.showTime(LocalTime.of(23, 5, 30));
      assertThat(panel.litFrame()).isEqualTo(ClockFace.standard().render(LocalTime.of(23, 5, 30)));
      asPort.setBrightness(11);
      assertThat(panel.intensity(3)).isEqualTo(11);
      panel.clearFrames();
      asPort.setBrightness(11);
      assertThat(panel.frames()).as("unchanged brightness is not resent").isEmpty();
      asPort.setPowered(false);
      assertThat(panel.litFrame().litCount()).isZero();
      asPort.setPowered(true);
      assertThat(panel.litFrame()).isEqualTo(ClockFace.standard().render(LocalTime.of(23, 5, 30)));
      assertThatThrownBy(() -> asPort.setBrightness(16)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void busFailuresAreTyped() throws Exception {
    LedMatrixClockDisplay display = LedMatrixClockDisplay.open(panel, layout, ClockFace.standard(), 2);
    panel.failNext(1);
    assertThatThrownBy(() -> display.showTime(LocalTime.NOON))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.BUS_ERROR));
    display.showTime(LocalTime.NOON);
    assertThat(panel.litFrame()).isEqualTo(ClockFace.standard().render(LocalTime.NOON));
    panel.failNext(1);
    assertThatThrownBy(() -> LedMatrixClockDisplay.open(panel, layout, ClockFace.standard(), 2))
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.BUS_ERROR));
  }

  @Test
  void theFaceNeedsFourModules() throws Exception {
    PanelLayout two = PanelLayout.fc16(2);
    LedMatrixClockDisplay display = LedMatrixClockDisplay.open(Max7219Simulator.create(two), two, ClockFace.standard(), 0);
    assertThatThrownBy(() -> display.showTime(LocalTime.NOON)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
  }
}
