package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * How a row of cascaded 8×8 MAX7219 modules is wired and mounted: which chip sits where, and how
 * each chip's digit registers and data bits map onto the LEDs a viewer sees. Immutable.
 *
 * <p>Panel coordinates: x from 0 at the viewer's left to {@code 8 × modules − 1}, y from 0 at the
 * top to 7. Chip coordinates: chip 0 is the one whose DIN is wired to the controller (nearest the
 * controller in the chain), chip {@code modules − 1} the farthest. Within a chip, digit register
 * 1..8 and data bit D7..D0.
 *
 * <p>Mapping a panel pixel: the module is {@code x / 8} from the left, and chip {@code x / 8} or
 * {@code modules − 1 − x / 8} as {@link #firstChipAtRight()} says. The pixel's position inside the
 * module is mirrored (if asked) and then rotated clockwise by {@link #rotation()} to the chip's
 * native position (column c, row r), which is digit register {@code r + 1}, data bit {@code 7 − c}.
 *
 * <p>{@link #fc16(int)} is the common four-in-one FC-16 board as the original MicroPython clock
 * drives it: input connector at the right, digit 1 the top row, D7 the leftmost column. Boards
 * differ; confirm on hardware with {@link Max7219Cascade#show} of an arrow and adjust.
 *
 * @param modules number of chained 8×8 modules, 1..64
 * @param rotation clockwise quarter turns from the panel to the chip's native orientation, 0..3
 * @param mirrorX whether each module's columns are mirrored (before the rotation)
 * @param mirrorY whether each module's rows are mirrored (before the rotation)
 * @param firstChipAtRight whether chip 0 (the controller's end) is the rightmost module
 */
public record PanelLayout(int modules, int rotation, boolean mirrorX, boolean mirrorY, boolean firstChipAtRight) {
  /**
   * Validates the components.
   *
   * @param modules number of modules
   * @param rotation quarter turns
   * @param mirrorX column mirroring
   * @param mirrorY row mirroring
   * @param firstChipAtRight chain direction
   * @throws IllegalArgumentException if out of range
   */
  public PanelLayout {
    checkArgument(modules >= 1 && modules <= 64, "modules out of range 1..64: %s", modules);
    checkArgument(rotation >= 0 && rotation <= 3, "rotation out of range 0..3 quarter turns: %s", rotation);
  }

  /**
   * The FC-16 layout for a chain of {@code modules} modules.
   *
   * @param modules 1..64
   * @return the layout
   */
  public static PanelLayout fc16(int modules) {
    return new PanelLayout(modules, 0, false, false, true);
  }

  /**
   * This layout with another rotation.
   *
   * @param quarterTurns 0..3
   * @return the layout
   */
  public PanelLayout withRotation(int quarterTurns) {
    return new PanelLayout(modules, quarterTurns, mirrorX, mirrorY, firstChipAtRight);
  }

  /**
   * This layout with other mirroring.
   *
   * @param x mirror columns
   * @param y mirror rows
   * @return the layout
   */
  public PanelLayout withMirror(boolean x, boolean y) {
    return new PanelLayout(modules, rotation, x, y, firstChipAtRight);
  }

  /**
   * This layout with the other chain direction.
   *
   * @param atRight whether chip 0 is the rightmost module
   * @return the layout
   */
  public PanelLayout withFirstChipAtRight(boolean atRight) {
    return new PanelLayout(modules, rotation, mirrorX, mirrorY, atRight);
  }

  /**
   * Panel width in pixels.
   *
   * @return {@code 8 × modules}
   */
  public int width() {
    return 8 * modules;
  }

  /**
   * The chip that shows panel column {@code x}.
   *
   * @param x 0..width-1
   * @return 0 (controller end) .. modules-1
   */
  public int chipAt(int x) {
    checkArgument(x >= 0 && x < width(), "x out of range 0..%s: %s", width() - 1, x);
    int fromLeft = x / 8;
    return firstChipAtRight ? modules - 1 - fromLeft : fromLeft;
  }

  /**
   * The digit register (0-based row index) that holds panel pixel ({@code x}, {@code y}).
   *
   * @param x 0..width-1
   * @param y 0..7
   * @return 0..7, for register 1..8
   */
  public int digitAt(int x, int y) {
    return nativePosition(x, y) & 7;
  }

  /**
   * The data bit that holds panel pixel ({@code x}, {@code y}).
   *
   * @param x 0..width-1
   * @param y 0..7
   * @return 0..7 (D0..D7)
   */
  public int bitAt(int x, int y) {
    return 7 - (nativePosition(x, y) >>> 3);
  }

  /** Native (column << 3 | row) of a panel pixel. */
  private int nativePosition(int x, int y) {
    checkArgument(x >= 0 && x < width(), "x out of range 0..%s: %s", width() - 1, x);
    checkArgument(y >= 0 && y < 8, "y out of range 0..7: %s", y);
    int c = x % 8;
    int r = y;
    if (mirrorX) {
      c = 7 - c;
    }
    if (mirrorY) {
      r = 7 - r;
    }
    for (int i = 0; i < rotation; i++) {
      int t = c; // clockwise quarter turn: (c, r) -> (7 - r, c)
      c = 7 - r;
      r = t;
    }
    return c << 3 | r;
  }

  /**
   * Checks a frame fits this panel.
   *
   * @param width the frame width
   * @param height the frame height
   * @throws IllegalArgumentException if not {@code width() × 8}
   */
  void checkSize(int width, int height) {
    checkArgument(width == width() && height == 8, "frame is %sx%s, the panel %sx8", width, height, width());
  }

  static PanelLayout require(PanelLayout layout) {
    return checkNotNull(layout, "layout");
  }
}
