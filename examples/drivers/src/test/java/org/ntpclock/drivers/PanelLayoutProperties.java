package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ntpclock.rtc.Frame;

class PanelLayoutProperties {
  @Property(tries = 100)
  void everyLayoutIsABijectionOntoChipDigitBit(@ForAll @IntRange(min = 1, max = 6) int modules,
      @ForAll @IntRange(min = 0, max = 3) int rotation, @ForAll boolean mirrorX, @ForAll boolean mirrorY, @ForAll boolean right) {
    PanelLayout layout = new PanelLayout(modules, rotation, mirrorX, mirrorY, right);
    Set<Integer> seen = new HashSet<>();
    for (int x = 0; x < layout.width(); x++) {
      for (int y = 0; y < 8; y++) {
        seen.add(layout.chipAt(x) << 6 | layout.digitAt(x, y) << 3 | layout.bitAt(x, y));
      }
    }
    assertThat(seen).hasSize(64 * modules);
  }

  @Property(tries = 100)
  void whatTheDriverDrawsTheSimulatorShows(@ForAll @IntRange(min = 1, max = 5) int modules,
      @ForAll @IntRange(min = 0, max = 3) int rotation, @ForAll boolean mirrorX, @ForAll boolean mirrorY, @ForAll boolean right,
      @ForAll long seed) throws Exception {
    PanelLayout layout = new PanelLayout(modules, rotation, mirrorX, mirrorY, right);
    Max7219Simulator panel = Max7219Simulator.create(layout);
    Max7219Cascade driver = Max7219Cascade.create(panel, layout);
    driver.init(7);
    Random random = new Random(seed);
    for (int round = 0; round < 3; round++) {
      Frame.Builder b = Frame.builder(layout.width(), 8);
      for (int i = 0; i < 20; i++) {
        b.set(random.nextInt(layout.width()), random.nextInt(8), true);
      }
      Frame picture = b.build();
      panel.clearFrames();
      int sent = driver.show(picture);
      assertThat(panel.litFrame()).isEqualTo(picture);
      assertThat(panel.frames()).hasSize(sent).allSatisfy(f -> assertThat(f).hasSize(2 * modules));
    }
  }
}
