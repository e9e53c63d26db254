package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.ntpclock.rtc.Frame;

class ClockFaceTest {
  @Test
  void rendersHoursMinutesColonAndSecondsBar() {
    Frame f = ClockFace.standard().render(LocalTime.of(12, 34, 45));
    assertThat(f.toText('#', '.')).isEqualTo(String.join("\n",
        "....#....###.......#####....#...",
        "...##...#...#..##.....#....##...",
        "....#.......#..##....#....#.#...",
        "....#......#..........#..#..#...",
        "....#.....#....##......#.#####..",
        "....#....#.....##..#...#....#...",
        "...###..#####.......###.....#...",
        "########################........"));
  }

  @Test
  void secondsBarRunsFromEmptyToFull() {
    ClockFace face = ClockFace.standard();
    assertThat(bar(face.render(LocalTime.of(0, 0, 0)))).isZero();
    assertThat(bar(face.render(LocalTime.of(0, 0, 29)))).isEqualTo(16);
    assertThat(bar(face.render(LocalTime.of(23, 59, 59)))).isEqualTo(32);
    int last = -1;
    for (int s = 0; s < 60; s++) {
      int b = bar(face.render(LocalTime.of(7, 7, s)));
      assertThat(b).isGreaterThanOrEqualTo(last);
      last = b;
    }
  }

  private static int bar(Frame f) {
    return f.window(0, 7, 32, 1).litCount();
  }

  @Test
  void blinkingColon() {
    ClockFace blink = ClockFace.of(PixelFont.standard(), true);
    assertThat(blink.render(LocalTime.of(1, 2, 4)).window(15, 0, 2, 7).litCount()).isEqualTo(8);
    assertThat(blink.render(LocalTime.of(1, 2, 5)).window(15, 0, 2, 7).litCount()).isZero();
    assertThat(ClockFace.standard().render(LocalTime.of(1, 2, 5)).window(15, 0, 2, 7).litCount()).isEqualTo(8);
  }

  @Test
  void fontCoversDigitsLettersAndSigns() {
    PixelFont font = PixelFont.standard();
    for (char c = '0'; c <= '9'; c++) {
      assertThat(font.glyph(c).width()).isEqualTo(5);
      assertThat(font.glyph(c).height()).isEqualTo(7);
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      assertThat(font.glyph(c).litCount()).isPositive();
      assertThat(font.glyph(Character.toLowerCase(c))).isEqualTo(font.glyph(c));
    }
    assertThat(font.width("12:00")).isEqualTo(5 + 1 + 5 + 1 + 1 + 1 + 5 + 1 + 5);
    assertThat(font.width("")).isZero();
    assertThat(font.supports('~')).isFalse();
    assertThatThrownBy(() -> font.glyph('~')).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("~");
  }

  @Test
  void scrollsTextThroughThePanel() {
    TextScroller s = TextScroller.of(PixelFont.standard(), "NTP OK", 32, 8);
    int textWidth = PixelFont.standard().width("NTP OK");
    assertThat(s.steps()).isEqualTo(textWidth + 33);
    assertThat(s.frame(0).litCount()).isZero();
    assertThat(s.frame(s.steps() - 1).litCount()).isZero();
    // At step 32 the text starts at the left edge; one step later it has moved one column left.
    Frame at32 = s.frame(32);
    assertThat(at32.window(0, 0, 5, 7)).isEqualTo(PixelFont.standard().glyph('N'));
    assertThat(s.frame(33).window(0, 0, 4, 7)).isEqualTo(PixelFont.standard().glyph('N').window(1, 0, 4, 7));
    assertThat(at32.window(0, 7, 32, 1).litCount()).as("row 7 stays free").isZero();
    assertThatThrownBy(() -> s.frame(s.steps())).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> TextScroller.of(PixelFont.standard(), "", 32, 8)).isInstanceOf(IllegalArgumentException.class);
  }
}
