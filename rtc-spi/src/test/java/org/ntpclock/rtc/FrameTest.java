package org.ntpclock.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import org.ntpclock.testing.RtcArbitraries;

class FrameTest {
  @Test
  void parseAndTextRoundTrip() {
    Frame f = Frame.parse("#..", ".#.", "..#");
    assertThat(f.width()).isEqualTo(3);
    assertThat(f.height()).isEqualTo(3);
    assertThat(f.isLit(0, 0)).isTrue();
    assertThat(f.isLit(1, 0)).isFalse();
    assertThat(f.isLit(2, 2)).isTrue();
    assertThat(f.litCount()).isEqualTo(3);
    assertThat(f.toText('#', '.')).isEqualTo("#..\n.#.\n..#");
    assertThat(f).hasToString("Frame[3x3]\n#..\n.#.\n..#");
  }

  @Test
  void parseRejectsRaggedRowsAndUnknownCharacters() {
    assertThatThrownBy(() -> Frame.parse("##", "#")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    assertThatThrownBy(() -> Frame.parse("#?")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 1");
    assertThatThrownBy(() -> Frame.parse()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Frame.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bounds() {
    Frame f = Frame.blank(32, 8);
    assertThatThrownBy(() -> f.isLit(32, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> f.isLit(0, 8)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("y");
    assertThatThrownBy(() -> Frame.blank(0, 8)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void drawClipsAndKeepsExistingPixels() {
    Frame glyph = Frame.parse("##", "##");
    Frame f = Frame.builder(3, 3).set(0, 0, true).draw(glyph, 2, 2).draw(glyph, -1, -1).build();
    assertThat(f).isEqualTo(Frame.parse("#..", "...", "..#"));
    assertThat(f.toBuilder().fill(0, 0, 3, 1, true).fill(2, 2, 5, 5, false).build())
        .isEqualTo(Frame.parse("###", "...", "..."));
  }

  @Test
  void windowSlidesPastEdges() {
    Frame f = Frame.parse("#.#", "###");
    assertThat(f.window(1, 0, 3, 2)).isEqualTo(Frame.parse(".#.", "##."));
    assertThat(f.window(-2, 1, 2, 2)).isEqualTo(Frame.blank(2, 2));
  }

  @Test
  void valueSemantics() {
    assertThat(Frame.parse("#.")).isEqualTo(Frame.parse("X0")).hasSameHashCodeAs(Frame.parse("1 "));
    assertThat(Frame.parse("#.")).isNotEqualTo(Frame.parse("#", "."));
    Frame.Builder b = Frame.builder(2, 1);
    Frame before = b.build();
    b.set(0, 0, true);
    assertThat(before.litCount()).as("a built frame does not follow its builder").isZero();
  }

  @Property(tries = 200)
  void textRoundTrips(@ForAll @IntRange(min = 1, max = 70) int width, @ForAll @IntRange(min = 1, max = 9) int height,
      @ForAll long seed) {
    java.util.Random random = new java.util.Random(seed);
    Frame.Builder b = Frame.builder(width, height);
    int lit = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean on = random.nextBoolean();
        b.set(x, y, on);
        lit += on ? 1 : 0;
      }
    }
    Frame f = b.build();
    assertThat(f.litCount()).isEqualTo(lit);
    assertThat(Frame.parse(f.toText('#', '.').split("\n"))).isEqualTo(f);
    assertThat(f.window(0, 0, width, height)).isEqualTo(f);
  }

  @Provide
  Arbitrary<Frame> panels() {
    return RtcArbitraries.frames(32, 8);
  }

  @Property(tries = 100)
  void windowsTileTheFrame(@ForAll("panels") Frame f) {
    Frame.Builder b = Frame.builder(32, 8);
    for (int x = 0; x < 32; x += 8) {
      b.draw(f.window(x, 0, 8, 8), x, 0);
    }
    assertThat(b.build()).isEqualTo(f);
    assertThat(f.window(0, 0, 16, 8).litCount() + f.window(16, 0, 16, 8).litCount()).isEqualTo(f.litCount());
  }
}
