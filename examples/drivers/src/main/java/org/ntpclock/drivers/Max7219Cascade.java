package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.Frame;
import org.ntpclock.rtc.SpiBus;

/**
 * A driver for a chain of MAX7219 LED drivers, each lighting an 8×8 matrix, over one
 * {@link SpiBus} (DIN/CLK/LOAD shared, DOUT of chip i wired to DIN of chip i+1).
 *
 * <p>Protocol: a frame is one 16-bit word per chip, MSB first (D11–D8 register, D7–D0 data); the
 * first word shifted ends up in the farthest chip, and every chip latches the word it holds when
 * chip select rises at the end of the frame. So:
 * <ul>
 *   <li>every frame carries exactly one word per chip, farthest chip first;
 *   <li>a write to one chip is its word with no-op words (register 0) for the others;
 *   <li>a control register (intensity, shutdown, …) goes to all chips as one frame of identical
 *       words;
 *   <li>the picture goes out as one frame per digit register (row) across the chain: a full
 *       refresh is 8 frames of {@code 2 × chips} bytes.
 * </ul>
 *
 * <p>The framebuffer holds one byte per chip and digit; {@link #draw} updates it and marks the
 * rows that changed, {@link #flush} sends only those rows. A failed frame leaves its row dirty, so
 * the next flush retries it.
 *
 * <p>Not thread-safe.
 */
public final class Max7219Cascade {
  /** Register addresses. */
  static final int NO_OP = 0x00;
  static final int DIGIT_0 = 0x01;
  static final int DECODE_MODE = 0x09;
  static final int INTENSITY = 0x0A;
  static final int SCAN_LIMIT = 0x0B;
  static final int SHUTDOWN = 0x0C;
  static final int DISPLAY_TEST = 0x0F;

  /** The brightest intensity. */
  public static final int MAX_INTENSITY = 15;

  private final SpiBus bus;
  private final PanelLayout layout;
  private final int chips;
  private final byte[][] rows; // [chip][digit]
  private final boolean[] dirty = new boolean[8];
  private final byte[] frame;

  private Max7219Cascade(SpiBus bus, PanelLayout layout) {
    this.bus = bus;
    this.layout = layout;
    this.chips = layout.modules();
    this.rows = new byte[chips][8];
    this.frame = new byte[2 * chips];
  }

  /**
   * A driver; nothing is sent until {@link #init(int)}.
   *
   * @param bus the SPI bus with the chain's LOAD on its chip select
   * @param layout the chain and module layout
   * @return the driver
   */
  public static Max7219Cascade create(SpiBus bus, PanelLayout layout) {
    return new Max7219Cascade(checkNotNull(bus, "bus"), PanelLayout.require(layout));
  }

  /**
   * The layout.
   *
   * @return the layout
   */
  public PanelLayout layout() {
    return layout;
  }

  /**
   * Initializes every chip, normal operation last so no power-up garbage flashes: display test
   * off, scan limit 7, no decode, the intensity, digits 1–8 cleared, shutdown off. Clears the
   * framebuffer. 13 frames.
   *
   * @param intensity 0..15
   * @throws BusException if a frame fails
   * @throws IllegalArgumentException if the intensity is out of range
   */
  public void init(int intensity) throws BusException {
    checkIntensity(intensity);
    writeAll(DISPLAY_TEST, 0);
    writeAll(SCAN_LIMIT, 7);
    writeAll(DECODE_MODE, 0);
    writeAll(INTENSITY, intensity);
    for (int d = 0; d < 8; d++) {
      for (int c = 0; c < chips; c++) {
        rows[c][d] = 0;
      }
      writeAll(DIGIT_0 + d, 0);
      dirty[d] = false;
    }
    writeAll(SHUTDOWN, 1);
  }

  /**
   * Sets the brightness of every chip.
   *
   * @param intensity 0 (1/32 duty) .. 15 (31/32 duty)
   * @throws BusException if the frame fails
   * @throws IllegalArgumentException if out of range
   */
  public void setIntensity(int intensity) throws BusException {
    checkIntensity(intensity);
    writeAll(INTENSITY, intensity);
  }

  /**
   * Blanks (shutdown) or shows the display; the registers are kept either way.
   *
   * @param shutdown true to blank
   * @throws BusException if the frame fails
   */
  public void setShutdown(boolean shutdown) throws BusException {
    writeAll(SHUTDOWN, shutdown ? 0 : 1);
  }

  /**
   * Turns every LED on at full duty (display test), overriding shutdown, or back to normal.
   *
   * @param on true for the test pattern
   * @throws BusException if the frame fails
   */
  public void setDisplayTest(boolean on) throws BusException {
    writeAll(DISPLAY_TEST, on ? 1 : 0);
  }

  /**
   * Writes one register of one chip, no-ops to the others.
   *
   * @param chip 0 (controller end) .. chips-1
   * @param register 0x0..0xF
   * @param data 0..255
   * @throws BusException if the frame fails
   */
  public void writeChip(int chip, int register, int data) throws BusException {
    checkElementIndex(chip, chips, "chip");
    checkArgument(register >= 0 && register <= 0xF, "register out of range 0..15: %s", register);
    checkArgument(data >= 0 && data <= 0xFF, "data out of range 0..255: %s", data);
    for (int c = 0; c < chips; c++) {
      put(c, c == chip ? register : NO_OP, c == chip ? data : 0);
    }
    bus.write(frame, 0, frame.length);
    if (register >= DIGIT_0 && register < DIGIT_0 + 8) {
      rows[chip][register - DIGIT_0] = (byte) data;
    }
  }

  /**
   * Puts a picture in the framebuffer and marks the rows whose bytes changed; sends nothing.
   *
   * @param picture {@code 8 × chips} wide, 8 high
   * @throws IllegalArgumentException if the size does not match the panel
   */
  public void draw(Frame picture) {
    layout.checkSize(picture.width(), picture.height());
    byte[][] next = new byte[chips][8];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < picture.width(); x++) {
        if (picture.isLit(x, y)) {
          next[layout.chipAt(x)][layout.digitAt(x, y)] |= (byte) (1 << layout.bitAt(x, y));
        }
      }
    }
    for (int c = 0; c < chips; c++) {
      for (int d = 0; d < 8; d++) {
        if (next[c][d] != rows[c][d]) {
          rows[c][d] = next[c][d];
          dirty[d] = true;
        }
      }
    }
  }

  /**
   * Sends the dirty rows, one frame each, in register order.
   *
   * @return the number of frames sent
   * @throws BusException if a frame fails; that row and later ones stay dirty
   */
  public int flush() throws BusException {
    int sent = 0;
    for (int d = 0; d < 8; d++) {
      if (dirty[d]) {
        for (int c = 0; c < chips; c++) {
          put(c, DIGIT_0 + d, rows[c][d] & 0xFF);
        }
        bus.write(frame, 0, frame.length);
        dirty[d] = false;
        sent++;
      }
    }
    return sent;
  }

  /**
   * {@link #draw} then {@link #flush}.
   *
   * @param picture the picture
   * @return the number of frames sent
   * @throws BusException if a frame fails
   */
  public int show(Frame picture) throws BusException {
    draw(picture);
    return flush();
  }

  /**
   * Marks every row dirty, so the next {@link #flush} resends the whole picture (after a chip
   * reset or a glitch).
   */
  public void invalidate() {
    java.util.Arrays.fill(dirty, true);
  }

  /**
   * The framebuffer byte of a chip's digit register.
   *
   * @param chip 0..chips-1
   * @param digit 0..7 (register 1..8)
   * @return 0..255
   */
  public int row(int chip, int digit) {
    checkElementIndex(chip, chips, "chip");
    checkElementIndex(digit, 8, "digit");
    return rows[chip][digit] & 0xFF;
  }

  private void writeAll(int register, int data) throws BusException {
    for (int c = 0; c < chips; c++) {
      put(c, register, data);
    }
    bus.write(frame, 0, frame.length);
  }

  /** Places chip {@code c}'s word in the frame: the farthest chip's word goes first. */
  private void put(int c, int register, int data) {
    int at = 2 * (chips - 1 - c);
    frame[at] = (byte) register;
    frame[at + 1] = (byte) data;
  }

  private static void checkIntensity(int intensity) {
    checkArgument(intensity >= 0 && intensity <= MAX_INTENSITY, "intensity out of range 0..15: %s", intensity);
  }

  @Override
  public String toString() {
    return "Max7219Cascade[" + chips + " chips, " + layout + "]";
  }
}
