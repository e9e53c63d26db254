package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.LocalTime;
import org.ntpclock.rtc.Frame;

/**
 * The 32×8 clock face of four 8×8 matrices: {@code HH:MM} in the 5×7 digits of
 * {@link PixelFont#standard()} on rows 0–6, and a seconds bar on row 7 that grows across the
 * minute ({@code (s + 1) × 32 / 60} pixels: empty at :00, full at :59). Layout, in columns:
 * two blank, H, blank, H, two blank, a two-pixel colon, two blank, M, blank, M, two blank.
 * Optionally the colon blinks (off on odd seconds). Immutable.
 */
public final class ClockFace {
  /** Face width in pixels. */
  public static final int WIDTH = 32;
  /** Face height in pixels. */
  public static final int HEIGHT = 8;

  private static final int[] DIGIT_X = {2, 8, 19, 25};
  private static final int COLON_X = 15;

  private final PixelFont font;
  private final boolean blinkColon;

  private ClockFace(PixelFont font, boolean blinkColon) {
    this.font = font;
    this.blinkColon = blinkColon;
  }

  /**
   * The face with the standard font and a steady colon.
   *
   * @return the face
   */
  public static ClockFace standard() {
    return new ClockFace(PixelFont.standard(), false);
  }

  /**
   * A face with options.
   *
   * @param font the font for the digits; its digits must be 5 wide
   * @param blinkColon whether the colon is off on odd seconds
   * @return the face
   * @throws IllegalArgumentException if a digit glyph is not 5×7
   */
  public static ClockFace of(PixelFont font, boolean blinkColon) {
    checkNotNull(font, "font");
    for (char c = '0'; c <= '9'; c++) {
      Frame g = font.glyph(c);
      if (g.width() != 5 || g.height() != 7) {
        throw new IllegalArgumentException("digit '" + c + "' is " + g.width() + "x" + g.height() + ", not 5x7");
      }
    }
    return new ClockFace(font, blinkColon);
  }

  /**
   * Draws the time.
   *
   * @param time the time of day; seconds drive the bar, nanoseconds are ignored
   * @return a 32×8 frame
   */
  public Frame render(LocalTime time) {
    checkNotNull(time, "time");
    Frame.Builder b = Frame.builder(WIDTH, HEIGHT);
    int[] digits = {time.getHour() / 10, time.getHour() % 10, time.getMinute() / 10, time.getMinute() % 10};
    for (int i = 0; i < 4; i++) {
      b.draw(font.glyph((char) ('0' + digits[i])), DIGIT_X[i], 0);
    }
    int s = time.getSecond();
    if (!blinkColon || s % 2 == 0) {
      b.fill(COLON_X, 1, 2, 2, true);
      b.fill(COLON_X, 4, 2, 2, true);
    }
    b.fill(0, 7, (s + 1) * WIDTH / 60, 1, true);
    return b.build();
  }
}
