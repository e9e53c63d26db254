package org.ntpclock.rtc;

import static org.ntpclock.core.internal.Preconditions.checkPositionIndexes;

/**
 * A write-only SPI device: each call shifts one frame out, MSB first, with chip select asserted
 * for the whole frame and released at its end. Shift-register devices such as the MAX7219 latch on
 * that release, so the frame boundary is part of the protocol: never split a frame across calls.
 *
 * <p>Implementations need not be thread-safe; a driver owns its bus.
 */
public interface SpiBus extends AutoCloseable {
  /**
   * Sends one frame with chip select held from its first to its last byte.
   *
   * @param frame the bytes
   * @param offset index of the first byte
   * @param length number of bytes, at least 1
   * @throws BusException if the transfer fails
   * @throws IllegalArgumentException if {@code length} is below 1
   * @throws IndexOutOfBoundsException if the range does not fit in {@code frame}
   */
  void write(byte[] frame, int offset, int length) throws BusException;

  /**
   * Sends one frame with chip select held.
   *
   * @param frame the bytes, at least one
   * @throws BusException if the transfer fails
   */
  default void write(byte... frame) throws BusException {
    write(frame, 0, frame.length);
  }

  /**
   * Checks the arguments of {@link #write(byte[], int, int)}; for implementations.
   *
   * @param frame the frame
   * @param offset the offset
   * @param length the length
   * @throws IllegalArgumentException if the length is below 1
   * @throws IndexOutOfBoundsException if the range does not fit in {@code frame}
   */
  static void checkFrame(byte[] frame, int offset, int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be at least 1: " + length);
    }
    checkPositionIndexes(offset, offset + length, frame.length);
  }

  /** Releases the bus. The default does nothing. */
  @Override
  default void close() {}
}
