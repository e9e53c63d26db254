package org.ntpclock.rtc;

import java.time.LocalTime;

/**
 * A display that shows a clock: a bitmap panel such as four cascaded MAX7219 8×8 matrices, or
 * anything else that can show a {@link Frame} and the time of day.
 *
 * <p>Brightness is in the display's own steps, {@code 0..}{@link #maxBrightness()}; 0 is the
 * dimmest visible level, not off (use {@link #setPowered(boolean)} to blank it).
 */
public interface ClockDisplay extends AutoCloseable {
  /**
   * Pixels across.
   *
   * @return the width
   */
  int width();

  /**
   * Pixels down.
   *
   * @return the height
   */
  int height();

  /**
   * Shows a picture.
   *
   * @param frame the picture, exactly {@link #width()} × {@link #height()}
   * @throws DeviceException if the display cannot be updated
   * @throws IllegalArgumentException if the frame has the wrong size
   */
  void show(Frame frame) throws DeviceException;

  /**
   * Shows the time of day in the display's own layout (for a 32×8 panel: HH:MM and a seconds
   * indicator).
   *
   * @param time the local time to show
   * @throws DeviceException if the display cannot be updated
   */
  void showTime(LocalTime time) throws DeviceException;

  /**
   * The brightest level.
   *
   * @return the maximum for {@link #setBrightness(int)}, at least 0
   */
  int maxBrightness();

  /**
   * Sets the brightness.
   *
   * @param level 0..{@link #maxBrightness()}
   * @throws DeviceException if the display cannot be updated
   * @throws IllegalArgumentException if the level is out of range
   */
  void setBrightness(int level) throws DeviceException;

  /**
   * Turns the display on or off; off blanks it but keeps its content.
   *
   * @param on true to show, false to blank
   * @throws DeviceException if the display cannot be updated
   */
  void setPowered(boolean on) throws DeviceException;

  /** Releases the display and its bus. The default does nothing. */
  @Override
  default void close() {}
}
