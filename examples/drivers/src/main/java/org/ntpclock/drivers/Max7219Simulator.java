package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.Frame;
import org.ntpclock.rtc.SpiBus;

/**
 * A chain of MAX7219 chips with 8×8 matrices on a simulated SPI bus, decoding frames into the
 * pixels the LEDs would show.
 *
 * <ul>
 *   <li><b>Shift register</b>: the chain is one {@code 16 × chips}-bit shift register; every byte
 *       of a frame shifts in at chip 0 and pushes the oldest byte out of the farthest chip. Bits
 *       left over from earlier frames stay, as in hardware.
 *   <li><b>Latch</b>: at the end of each frame (chip select rises) every chip decodes the word it
 *       holds: register 0 is a no-op, 1–8 digits, 9 decode mode, 0xA intensity (low nibble), 0xB
 *       scan limit (low 3 bits), 0xC shutdown (D0), 0xF display test (D0); others are ignored.
 *   <li><b>Power-up</b>: shutdown, scan limit 0, no decode, intensity 0, display test off, digit
 *       registers holding garbage (0xA5), so a driver that skips clearing shows it.
 *   <li><b>Pixels</b>: display test lights everything (even in shutdown); shutdown blanks; digits
 *       beyond the scan limit are dark; a decoded digit shows its Code B segment pattern.
 * </ul>
 *
 * <p>Renders as text ({@link #toText()}) and as a PNG of round red LEDs on black
 * ({@link #toImage(int)}, {@link #writePng(Path, int)}), brightness following the intensity.
 * Not thread-safe.
 */
public final class Max7219Simulator implements SpiBus {
  /** What a digit register holds before any write. */
  public static final int POWER_UP_GARBAGE = 0xA5;

  /** Code B font, segments DP A B C D E F G as D7..D0, for the low nibble 0..15. */
  private static final int[] CODE_B = {
    0x7E, 0x30, 0x6D, 0x79, 0x33, 0x5B, 0x5F, 0x70, 0x7F, 0x7B, 0x01, 0x4F, 0x37, 0x0E, 0x67, 0x00,
  };

  private final PanelLayout layout;
  private final int chips;
  private final byte[] chain;
  private final Chip[] state;
  private final List<byte[]> frames = new ArrayList<>();
  private int failures;

  private Max7219Simulator(PanelLayout layout) {
    this.layout = layout;
    this.chips = layout.modules();
    this.chain = new byte[2 * chips];
    this.state = new Chip[chips];
    for (int i = 0; i < chips; i++) {
      state[i] = new Chip();
    }
  }

  /**
   * A chain as it powers up.
   *
   * @param layout how the modules are wired and mounted (the physical board)
   * @return the simulator
   */
  public static Max7219Simulator create(PanelLayout layout) {
    return new Max7219Simulator(PanelLayout.require(layout));
  }

  @Override
  public void write(byte[] data, int offset, int length) throws BusException {
    SpiBus.checkFrame(data, offset, length);
    if (failures > 0) {
      failures--;
      throw new BusException(BusException.Reason.IO_ERROR, "injected failure");
    }
    frames.add(Arrays.copyOfRange(data, offset, offset + length));
    for (int i = 0; i < length; i++) {
      // chain[0] is the farthest chip's high byte; new bytes enter at the end (chip 0's low byte).
      System.arraycopy(chain, 1, chain, 0, chain.length - 1);
      chain[chain.length - 1] = data[offset + i];
    }
    for (int c = 0; c < chips; c++) {
      int at = 2 * (chips - 1 - c);
      state[c].latch(chain[at] & 0x0F, chain[at + 1] & 0xFF);
    }
  }

  /**
   * Fails the next {@code n} frames (nothing shifts).
   *
   * @param n 0 or more
   */
  public void failNext(int n) {
    checkArgument(n >= 0, "negative count: %s", n);
    failures = n;
  }

  /**
   * The frames received so far, each a copy.
   *
   * @return the frames in order
   */
  public List<byte[]> frames() {
    return List.copyOf(frames);
  }

  /** Forgets the received frames. */
  public void clearFrames() {
    frames.clear();
  }

  /**
   * A chip's digit register.
   *
   * @param chip 0 (controller end) .. chips-1
   * @param digit 0..7 (register 1..8)
   * @return 0..255
   */
  public int digit(int chip, int digit) {
    checkElementIndex(digit, 8, "digit");
    return chip(chip).digits[digit];
  }

  /**
   * A chip's intensity register.
   *
   * @param chip the chip
   * @return 0..15
   */
  public int intensity(int chip) {
    return chip(chip).intensity;
  }

  /**
   * A chip's scan limit.
   *
   * @param chip the chip
   * @return 0..7
   */
  public int scanLimit(int chip) {
    return chip(chip).scanLimit;
  }

  /**
   * A chip's decode-mode register.
   *
   * @param chip the chip
   * @return 0..255, one bit per digit
   */
  public int decodeMode(int chip) {
    return chip(chip).decodeMode;
  }

  /**
   * Whether a chip is in shutdown.
   *
   * @param chip the chip
   * @return true if blanked
   */
  public boolean isShutdown(int chip) {
    return chip(chip).shutdown;
  }

  /**
   * Whether a chip is in display test.
   *
   * @param chip the chip
   * @return true if all LEDs are forced on
   */
  public boolean isDisplayTest(int chip) {
    return chip(chip).displayTest;
  }

  private Chip chip(int chip) {
    checkElementIndex(chip, chips, "chip");
    return state[chip];
  }

  /**
   * Whether the LED at a panel position is lit.
   *
   * @param x 0..width-1
   * @param y 0..7
   * @return true if lit
   */
  public boolean isLit(int x, int y) {
    Chip c = state[layout.chipAt(x)];
    if (c.displayTest) {
      return true;
    }
    int d = layout.digitAt(x, y);
    if (c.shutdown || d > c.scanLimit) {
      return false;
    }
    int data = c.digits[d];
    int segments = (c.decodeMode >>> d & 1) != 0 ? CODE_B[data & 0x0F] | data & 0x80 : data;
    return (segments >>> layout.bitAt(x, y) & 1) != 0;
  }

  /**
   * The panel as the LEDs show it.
   *
   * @return a {@code 8 × chips} by 8 frame
   */
  public Frame litFrame() {
    Frame.Builder b = Frame.builder(layout.width(), 8);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < layout.width(); x++) {
        b.set(x, y, isLit(x, y));
      }
    }
    return b.build();
  }

  /**
   * The panel as text for a terminal: {@code '#'} lit, {@code '.'} dark, rows separated by
   * {@code '\n'}.
   *
   * @return the text
   */
  public String toText() {
    return litFrame().toText('#', '.');
  }

  /**
   * The panel as text with block characters: {@code '█'} lit, {@code '·'} dark.
   *
   * @return the text
   */
  public String toBlockText() {
    return litFrame().toText('\u2588', '\u00B7');
  }

  /**
   * A picture of the panel: round LEDs on a black board, a lit LED red with brightness following
   * its chip's duty cycle ({@code (2 × intensity + 1) / 32}, full in display test), a dark LED a
   * faint red disc.
   *
   * @param pitch pixels per LED, 4..64
   * @return the image, {@code pitch × width} by {@code pitch × 8} plus a border of one pitch
   */
  public BufferedImage toImage(int pitch) {
    checkArgument(pitch >= 4 && pitch <= 64, "pitch out of range 4..64: %s", pitch);
    int w = layout.width();
    BufferedImage image = new BufferedImage((w + 2) * pitch, 10 * pitch, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.BLACK);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      int inset = Math.max(1, pitch / 8);
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < w; x++) {
          Chip c = state[layout.chipAt(x)];
          int px = (x + 1) * pitch + inset;
          int py = (y + 1) * pitch + inset;
          int d = pitch - 2 * inset;
          if (isLit(x, y)) {
            int duty = c.displayTest ? 31 : 2 * c.intensity + 1;
            // Perceived brightness: keep the dimmest level visible, the brightest saturated.
            int red = 130 + 125 * duty / 31;
            g.setColor(new Color(red, red / 7, red / 10));
            g.fillOval(px, py, d, d);
            g.setColor(new Color(255, 80 + 100 * duty / 31, 60 + 80 * duty / 31, 150));
            g.fillOval(px + d / 4, py + d / 4, d / 2, d / 2);
          } else {
            g.setColor(new Color(34, 5, 5));
            g.fillOval(px, py, d, d);
          }
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Writes {@link #toImage(int)} as a PNG.
   *
   * @param file the file to write
   * @param pitch pixels per LED, 4..64
   * @throws IOException if writing fails
   */
  public void writePng(Path file, int pitch) throws IOException {
    checkNotNull(file, "file");
    if (!ImageIO.write(toImage(pitch), "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
  }

  @Override
  public String toString() {
    return "Max7219Simulator[" + chips + " chips]\n" + toText();
  }

  private static final class Chip {
    final int[] digits = new int[8];
    int decodeMode;
    int intensity;
    int scanLimit;
    boolean shutdown = true;
    boolean displayTest;

    Chip() {
      Arrays.fill(digits, POWER_UP_GARBAGE);
    }

    void latch(int register, int data) {
      switch (register) {
        case 0x0:
          break;
        case 0x1: case 0x2: case 0x3: case 0x4: case 0x5: case 0x6: case 0x7: case 0x8:
          digits[register - 1] = data;
          break;
        case 0x9:
          decodeMode = data;
          break;
        case 0xA:
          intensity = data & 0x0F;
          break;
        case 0xB:
          scanLimit = data & 0x07;
          break;
        case 0xC:
          shutdown = (data & 1) == 0;
          break;
        case 0xF:
          displayTest = (data & 1) != 0;
          break;
        default:
          break; // 0xD, 0xE: no register
      }
    }
  }
}
