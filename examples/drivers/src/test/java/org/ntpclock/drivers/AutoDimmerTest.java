package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AutoDimmerTest {
  @Test
  void curves() {
    DimmingCurve linear = DimmingCurve.linear(0, 15);
    assertThat(linear.levelFor(0.0)).isZero();
    assertThat(linear.levelFor(0.5)).isEqualTo(8);
    assertThat(linear.levelFor(1.0)).isEqualTo(15);
    assertThat(linear.levelFor(7.0)).as("clamped").isEqualTo(15);
    assertThat(linear.levelFor(-1.0)).isZero();
    DimmingCurve gamma = DimmingCurve.gamma(1, 15, 2.2);
    assertThat(gamma.levelFor(0.0)).isEqualTo(1);
    assertThat(gamma.levelFor(0.5)).as("dimmer than linear at half light").isLessThan(linear.levelFor(0.5));
    assertThat(gamma.levelFor(1.0)).isEqualTo(15);
    DimmingCurve steps = DimmingCurve.steps(0.1, 0.4, 0.8);
    assertThat(new int[] {steps.levelFor(0.05), steps.levelFor(0.1), steps.levelFor(0.5), steps.levelFor(0.9)})
        .containsExactly(0, 1, 2, 3);
    assertThatThrownBy(() -> DimmingCurve.steps(0.5, 0.4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DimmingCurve.linear(5, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 200)
  void curvesAreMonotoneAndInRange(@ForAll @IntRange(min = 0, max = 15) int min, @ForAll @IntRange(min = 0, max = 15) int extra,
      @ForAll @DoubleRange(min = 0.2, max = 5) double gamma, @ForAll @DoubleRange(min = 0, max = 1) double a,
      @ForAll @DoubleRange(min = 0, max = 1) double b) {
    DimmingCurve c = DimmingCurve.gamma(min, min + extra, gamma);
    double lo = Math.min(a, b);
    double hi = Math.max(a, b);
    assertThat(c.levelFor(lo)).isLessThanOrEqualTo(c.levelFor(hi)).isBetween(min, min + extra);
  }

  @Test
  void firstReadingSetsTheLevelThenSmoothingFollows() {
    AutoDimmer d = AutoDimmer.create(DimmingCurve.linear(0, 15), 0.5, 0.02);
    assertThat(d.update(0.0)).isZero();
    int previous = 0;
    int steps = 0;
    while (d.level() < 15 && steps < 100) {
      int level = d.update(1.0);
      assertThat(level).as("never overshoots or goes back").isBetween(previous, 15);
      previous = level;
      steps++;
    }
    assertThat(d.level()).isEqualTo(15);
    assertThat(steps).as("the average approaches the step, not jumps to it").isGreaterThan(1);
    assertThat(d.smoothed()).isGreaterThan(0.9);
    assertThatThrownBy(() -> d.update(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSingleFlashIsSmoothedAway() {
    AutoDimmer d = AutoDimmer.create(DimmingCurve.linear(0, 15));
    d.update(0.2);
    int level = d.level();
    assertThat(d.update(1.0)).as("one bright reading moves the level by a little at most").isLessThanOrEqualTo(level + 4);
  }

  /**
   * Readings hovering within ±h/2 of a threshold of the curve never change the level after the
   * first reading (bins of 1/16 are wider than the 2h band).
   */
  @Property(tries = 300)
  void noFlickerAtAThreshold(@ForAll @IntRange(min = 1, max = 15) int threshold, @ForAll long seed,
      @ForAll @DoubleRange(min = 0.1, max = 1) double alpha) {
    double h = 0.04;
    AutoDimmer d = AutoDimmer.create(DimmingCurve.linear(0, 15), alpha, h);
    double t = threshold / 16.0;
    Random random = new Random(seed);
    int first = d.update(t + (random.nextDouble() - 0.5) * h);
    for (int i = 0; i < 200; i++) {
      assertThat(d.update(t + (random.nextDouble() - 0.5) * h)).isEqualTo(first);
    }
  }

  @Test
  void withoutHysteresisTheSameInputFlickers() {
    // The counterpart of the property above: h = 0 and no smoothing toggles at every crossing.
    AutoDimmer d = AutoDimmer.create(DimmingCurve.linear(0, 15), 1.0, 0.0);
    double t = 8 / 16.0;
    d.update(t - 0.001);
    int changes = 0;
    int last = d.level();
    for (int i = 0; i < 10; i++) {
      int level = d.update(i % 2 == 0 ? t + 0.001 : t - 0.001);
      changes += level != last ? 1 : 0;
      last = level;
    }
    assertThat(changes).isEqualTo(10);
  }

  @Test
  void adjustsTheDisplayFromTheSensor() throws Exception {
    PanelLayout layout = PanelLayout.fc16(4);
    Max7219Simulator panel = Max7219Simulator.create(layout);
    LedMatrixClockDisplay display = LedMatrixClockDisplay.open(panel, layout, ClockFace.standard(), 4);
    FixedLightSensor sensor = FixedLightSensor.of(0.0);
    AutoDimmer dimmer = AutoDimmer.create(DimmingCurve.linear(0, 20), 1.0, 0.0);
    assertThat(dimmer.adjust(sensor, display)).isZero();
    assertThat(panel.intensity(0)).isZero();
    panel.clearFrames();
    assertThat(dimmer.adjust(sensor, display)).isZero();
    assertThat(panel.frames()).as("no frame while the level stays").isEmpty();
    sensor.set(1.0);
    assertThat(dimmer.adjust(sensor, display)).as("clamped to the display's maximum").isEqualTo(15);
    assertThat(panel.intensity(3)).isEqualTo(15);
    panel.failNext(1);
    sensor.set(0.0);
    assertThatThrownBy(() -> dimmer.adjust(sensor, display)).isInstanceOf(org.ntpclock.rtc.DeviceException.class);
    assertThat(dimmer.adjust(sensor, display)).as("retried at the next call").isZero();
    assertThat(panel.intensity(3)).isZero();
  }
}
