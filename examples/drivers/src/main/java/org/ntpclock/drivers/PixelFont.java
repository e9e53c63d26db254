package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.HashMap;
import java.util.Map;
import org.ntpclock.rtc.Frame;

/**
 * A small proportional bitmap font, 7 pixels high, for 8-pixel LED panels: digits 0–9 and A–Z
 * five pixels wide, and a few narrow signs ({@code ' ' : - . ! ? / '}). Lower-case letters render
 * as capitals. Immutable and thread-safe.
 */
public final class PixelFont {
  /** Glyph height in pixels. */
  public static final int HEIGHT = 7;

  private static final PixelFont STANDARD = new PixelFont(standardGlyphs());

  private final Map<Character, Frame> glyphs;

  private PixelFont(Map<Character, Frame> glyphs) {
    this.glyphs = glyphs;
  }

  /**
   * The built-in font.
   *
   * @return the font
   */
  public static PixelFont standard() {
    return STANDARD;
  }

  /**
   * Whether the font has a glyph for a character (lower case counts as upper case).
   *
   * @param c the character
   * @return true if {@link #glyph(char)} succeeds
   */
  public boolean supports(char c) {
    return glyphs.containsKey(Character.toUpperCase(c));
  }

  /**
   * The glyph of a character.
   *
   * @param c the character
   * @return its bitmap, {@link #HEIGHT} high
   * @throws IllegalArgumentException if the font has no such glyph
   */
  public Frame glyph(char c) {
    Frame g = glyphs.get(Character.toUpperCase(c));
    checkArgument(g != null, "no glyph for '%s' (U+%s)", c, Integer.toHexString(c));
    return g;
  }

  /**
   * The width of a text: glyph widths plus one blank column between glyphs.
   *
   * @param text the text, every character supported
   * @return pixels, 0 for the empty text
   * @throws IllegalArgumentException if a character is not supported
   */
  public int width(String text) {
    checkNotNull(text, "text");
    int w = 0;
    for (int i = 0; i < text.length(); i++) {
      w += glyph(text.charAt(i)).width() + (i > 0 ? 1 : 0);
    }
    return w;
  }

  /**
   * Draws a text into a frame builder, clipped to its bounds.
   *
   * @param target the builder
   * @param text the text
   * @param x left edge of the first glyph, may be negative
   * @param y top edge of the glyphs
   * @return the x just after the last glyph
   * @throws IllegalArgumentException if a character is not supported
   */
  public int draw(Frame.Builder target, String text, int x, int y) {
    checkNotNull(target, "target");
    int at = x;
    for (int i = 0; i < text.length(); i++) {
      Frame g = glyph(text.charAt(i));
      target.draw(g, at, y);
      at += g.width() + 1;
    }
    return at - (text.isEmpty() ? 0 : 1);
  }

  private static Map<Character, Frame> standardGlyphs() {
    Map<Character, Frame> m = new HashMap<>();
    String[][] table = {
      {"0", ".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."},
      {"1", "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."},
      {"2", ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"},
      {"3", "#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."},
      {"4", "...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."},
      {"5", "#####", "#....", "####.", "....#", "....#", "#...#", ".###."},
      {"6", "..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."},
      {"7", "#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."},
      {"8", ".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."},
      {"9", ".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."},
      {"A", ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
      {"B", "####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."},
      {"C", ".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."},
      {"D", "####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."},
      {"E", "#####", "#....", "#....", "####.", "#....", "#....", "#####"},
      {"F", "#####", "#....", "#....", "####.", "#....", "#....", "#...."},
      {"G", ".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"},
      {"H", "#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
      {"I", ".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."},
      {"J", "..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."},
      {"K", "#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"},
      {"L", "#....", "#....", "#....", "#....", "#....", "#....", "#####"},
      {"M", "#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"},
      {"N", "#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"},
      {"O", ".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
      {"P", "####.", "#...#", "#...#", "####.", "#....", "#....", "#...."},
      {"Q", ".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"},
      {"R", "####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"},
      {"S", ".####", "#....", "#....", ".###.", "....#", "....#", "####."},
      {"T", "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."},
      {"U", "#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
      {"V", "#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."},
      {"W", "#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."},
      {"X", "#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"},
      {"Y", "#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."},
      {"Z", "#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"},
      {" ", "...", "...", "...", "...", "...", "...", "..."},
      {":", ".", "#", "#", ".", "#", "#", "."},
      {"-", "...", "...", "...", "###", "...", "...", "..."},
      {".", ".", ".", ".", ".", ".", ".", "#"},
      {"!", "#", "#", "#", "#", "#", ".", "#"},
      {"?", ".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#.."},
      {"/", "....#", "...#.", "...#.", "..#..", ".#...", ".#...", "#...."},
      {"'", "#", "#", ".", ".", ".", ".", "."},
    };
    for (String[] row : table) {
      String[] rows = new String[HEIGHT];
      System.arraycopy(row, 1, rows, 0, HEIGHT);
      m.put(row[0].charAt(0), Frame.parse(rows));
    }
    return Map.copyOf(m);
  }
}
