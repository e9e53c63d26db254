package org.ntpclock.rtc;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkElementIndex;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * An immutable monochrome bitmap of {@code width × height} pixels, what a {@link ClockDisplay}
 * shows. Coordinates are panel coordinates as a viewer sees the display: x from 0 at the left,
 * y from 0 at the top. How pixels map onto chips and LEDs is the display driver's business.
 *
 * <p>Build one with {@link #builder(int, int)} or, for tests and fonts, {@link #parse(String...)}.
 */
public final class Frame {
  private final int width;
  private final int height;
  private final long[] bits;

  private Frame(int width, int height, long[] bits) {
    this.width = width;
    this.height = height;
    this.bits = bits;
  }

  /**
   * A frame with every pixel off.
   *
   * @param width pixels across, at least 1
   * @param height pixels down, at least 1
   * @return the frame
   * @throws IllegalArgumentException if a dimension is below 1 or the area exceeds 2^24 pixels
   */
  public static Frame blank(int width, int height) {
    return builder(width, height).build();
  }

  /**
   * A builder for a frame of the given size, all pixels off.
   *
   * @param width pixels across, at least 1
   * @param height pixels down, at least 1
   * @return the builder
   * @throws IllegalArgumentException if a dimension is below 1 or the area exceeds 2^24 pixels
   */
  public static Builder builder(int width, int height) {
    checkArgument(width >= 1 && height >= 1, "frame size must be positive: %sx%s", width, height);
    checkArgument((long) width * height <= 1 << 24, "frame too large: %sx%s", width, height);
    return new Builder(width, height, new long[(width * height + 63) >>> 6]);
  }

  /**
   * Parses a picture: one string per row, top first, all the same length; {@code '#'},
   * {@code 'X'}, {@code 'O'} or {@code '1'} is a lit pixel and {@code '.'}, {@code ' '} or
   * {@code '0'} an unlit one.
   *
   * @param rows the rows
   * @return the frame
   * @throws IllegalArgumentException if there are no rows, the rows differ in length or a
   *     character is not one of the above
   */
  public static Frame parse(String... rows) {
    checkArgument(rows.length > 0, "no rows");
    int w = rows[0].length();
    checkArgument(w > 0, "empty row");
    Builder b = builder(w, rows.length);
    for (int y = 0; y < rows.length; y++) {
      String row = rows[y];
      checkArgument(row.length() == w, "row %s has length %s, expected %s", y, row.length(), w);
      for (int x = 0; x < w; x++) {
        char c = row.charAt(x);
        switch (c) {
          case '#': case 'X': case 'O': case '1':
            b.set(x, y, true);
            break;
          case '.': case ' ': case '0':
            break;
          default:
            throw new IllegalArgumentException("row " + y + " column " + x + ": not a pixel: '" + c + "'");
        }
      }
    }
    return b.build();
  }

  /**
   * Pixels across.
   *
   * @return the width
   */
  public int width() {
    return width;
  }

  /**
   * Pixels down.
   *
   * @return the height
   */
  public int height() {
    return height;
  }

  /**
   * Whether a pixel is lit.
   *
   * @param x column, 0..width-1
   * @param y row, 0..height-1
   * @return true if lit
   * @throws IndexOutOfBoundsException if outside the frame
   */
  public boolean isLit(int x, int y) {
    checkElementIndex(x, width, "x");
    checkElementIndex(y, height, "y");
    int i = y * width + x;
    return (bits[i >>> 6] & (1L << i)) != 0;
  }

  /**
   * Number of lit pixels.
   *
   * @return the count
   */
  public int litCount() {
    int n = 0;
    for (long word : bits) {
      n += Long.bitCount(word);
    }
    return n;
  }

  /**
   * A copy of part of this frame; pixels of the window outside this frame are off, so a window can
   * slide past the edges (scrolling).
   *
   * @param x left column of the window in this frame, may be negative
   * @param y top row of the window in this frame, may be negative
   * @param w window width, at least 1
   * @param h window height, at least 1
   * @return the window
   */
  public Frame window(int x, int y, int w, int h) {
    Builder b = builder(w, h);
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < w; i++) {
        int sx = x + i;
        int sy = y + j;
        if (sx >= 0 && sx < width && sy >= 0 && sy < height && isLit(sx, sy)) {
          b.set(i, j, true);
        }
      }
    }
    return b.build();
  }

  /**
   * A builder starting from this frame's pixels.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder(width, height, bits.clone());
  }

  /**
   * The picture as text, one line per row, top first, rows separated by {@code '\n'}.
   *
   * @param lit the character for a lit pixel
   * @param unlit the character for an unlit pixel
   * @return the text
   */
  public String toText(char lit, char unlit) {
    StringBuilder sb = new StringBuilder(height * (width + 1));
    for (int y = 0; y < height; y++) {
      if (y > 0) {
        sb.append('\n');
      }
      for (int x = 0; x < width; x++) {
        sb.append(isLit(x, y) ? lit : unlit);
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof Frame && width == ((Frame) obj).width && height == ((Frame) obj).height
        && Arrays.equals(bits, ((Frame) obj).bits);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(bits);
  }

  /**
   * The size and the picture, {@code '#'} lit and {@code '.'} unlit.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "Frame[" + width + "x" + height + "]\n" + toText('#', '.');
  }

  /** A mutable frame under construction. Not thread-safe. */
  public static final class Builder {
    private final int width;
    private final int height;
    private long[] bits;

    private Builder(int width, int height, long[] bits) {
      this.width = width;
      this.height = height;
      this.bits = bits;
    }

    /**
     * Sets one pixel.
     *
     * @param x column, 0..width-1
     * @param y row, 0..height-1
     * @param lit whether the pixel is lit
     * @return this builder
     * @throws IndexOutOfBoundsException if outside the frame
     */
    public Builder set(int x, int y, boolean lit) {
      checkElementIndex(x, width, "x");
      checkElementIndex(y, height, "y");
      int i = y * width + x;
      if (lit) {
        bits[i >>> 6] |= 1L << i;
      } else {
        bits[i >>> 6] &= ~(1L << i);
      }
      return this;
    }

    /**
     * Draws another frame's lit pixels with its top-left corner at ({@code x}, {@code y}); parts
     * outside this frame are clipped, unlit source pixels leave the target unchanged.
     *
     * @param source the frame to draw
     * @param x target column of the source's left edge, may be negative
     * @param y target row of the source's top edge, may be negative
     * @return this builder
     */
    public Builder draw(Frame source, int x, int y) {
      checkNotNull(source, "source");
      for (int j = 0; j < source.height; j++) {
        for (int i = 0; i < source.width; i++) {
          int tx = x + i;
          int ty = y + j;
          if (tx >= 0 && tx < width && ty >= 0 && ty < height && source.isLit(i, j)) {
            set(tx, ty, true);
          }
        }
      }
      return this;
    }

    /**
     * Lights or clears a rectangle, clipped to the frame.
     *
     * @param x left column
     * @param y top row
     * @param w width
     * @param h height
     * @param lit whether the pixels are lit
     * @return this builder
     */
    public Builder fill(int x, int y, int w, int h, boolean lit) {
      for (int j = Math.max(y, 0); j < Math.min(y + h, height); j++) {
        for (int i = Math.max(x, 0); i < Math.min(x + w, width); i++) {
          set(i, j, lit);
        }
      }
      return this;
    }

    /**
     * The frame; the builder may be reused.
     *
     * @return the frame
     */
    public Frame build() {
      return new Frame(width, height, bits.clone());
    }
  }
}
