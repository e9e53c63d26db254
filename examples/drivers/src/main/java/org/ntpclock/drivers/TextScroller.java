package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import org.ntpclock.rtc.Frame;

/**
 * Text scrolling right to left through a panel, one column per step: it enters at the right edge
 * (step 0 is blank) and leaves at the left (the last step is blank again). Glyphs sit on rows
 * 0–6. Immutable.
 */
public final class TextScroller {
  private final Frame strip;
  private final int width;
  private final int height;

  private TextScroller(Frame strip, int width, int height) {
    this.strip = strip;
    this.width = width;
    this.height = height;
  }

  /**
   * A scroller.
   *
   * @param font the font
   * @param text the text, every character supported by the font, not empty
   * @param width the panel width, at least 1
   * @param height the panel height, at least {@link PixelFont#HEIGHT}
   * @return the scroller
   * @throws IllegalArgumentException if the text is empty or unsupported, or the panel too small
   */
  public static TextScroller of(PixelFont font, String text, int width, int height) {
    checkNotNull(font, "font");
    checkArgument(!text.isEmpty(), "empty text");
    checkArgument(width >= 1 && height >= PixelFont.HEIGHT, "panel %sx%s too small", width, height);
    int textWidth = font.width(text);
    // The strip is blank panel, text, blank panel, so windows slide in and out.
    Frame.Builder b = Frame.builder(textWidth + 2 * width, height);
    font.draw(b, text, width, 0);
    return new TextScroller(b.build(), width, height);
  }

  /**
   * Number of steps from blank to blank.
   *
   * @return text width plus panel width plus one
   */
  public int steps() {
    return strip.width() - width + 1;
  }

  /**
   * The panel at a step.
   *
   * @param step 0..steps()-1
   * @return a {@code width × height} frame
   */
  public Frame frame(int step) {
    checkElementIndex(step, steps(), "step");
    return strip.window(step, 0, width, height);
  }
}
