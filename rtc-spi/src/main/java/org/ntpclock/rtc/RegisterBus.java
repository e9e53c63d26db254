package org.ntpclock.rtc;

import static org.ntpclock.core.internal.Preconditions.checkPositionIndexes;

/**
 * A register-addressed device on a bus, the I2C device model: a write sets the device's register
 * pointer and stores bytes at successive registers; a read sets the pointer and returns bytes from
 * successive registers. Each call is one bus transaction (START … STOP), so a multi-byte read is a
 * burst the device can serve from one consistent snapshot (the DS3231 does).
 *
 * <p>Register numbers are 0..255. How the pointer advances past the last register is the device's
 * business (the DS3231 wraps to 0). Implementations need not be thread-safe; a driver owns its bus.
 */
public interface RegisterBus extends AutoCloseable {
  /**
   * Reads {@code length} bytes starting at {@code register} in one transaction.
   *
   * @param register the first register, 0..255
   * @param buffer where the bytes go
   * @param offset index in {@code buffer} of the first byte
   * @param length number of bytes, at least 1
   * @throws BusException if the transaction fails; {@code buffer} content is then unspecified
   * @throws IllegalArgumentException if the register or length is out of range
   * @throws IndexOutOfBoundsException if the range does not fit in {@code buffer}
   */
  void read(int register, byte[] buffer, int offset, int length) throws BusException;

  /**
   * Writes {@code length} bytes starting at {@code register} in one transaction.
   *
   * @param register the first register, 0..255
   * @param data the bytes
   * @param offset index in {@code data} of the first byte
   * @param length number of bytes, at least 1
   * @throws BusException if the transaction fails; the device may have stored a prefix
   * @throws IllegalArgumentException if the register or length is out of range
   * @throws IndexOutOfBoundsException if the range does not fit in {@code data}
   */
  void write(int register, byte[] data, int offset, int length) throws BusException;

  /**
   * Reads {@code length} bytes starting at {@code register} in one transaction.
   *
   * @param register the first register, 0..255
   * @param length number of bytes, at least 1
   * @return a new array with the bytes
   * @throws BusException if the transaction fails
   */
  default byte[] read(int register, int length) throws BusException {
    byte[] buffer = new byte[length];
    read(register, buffer, 0, length);
    return buffer;
  }

  /**
   * Reads one register.
   *
   * @param register the register, 0..255
   * @return its value, 0..255
   * @throws BusException if the transaction fails
   */
  default int readByte(int register) throws BusException {
    byte[] one = new byte[1];
    read(register, one, 0, 1);
    return one[0] & 0xFF;
  }

  /**
   * Writes bytes at successive registers in one transaction.
   *
   * @param register the first register, 0..255
   * @param data the bytes, at least one
   * @throws BusException if the transaction fails
   */
  default void write(int register, byte... data) throws BusException {
    write(register, data, 0, data.length);
  }

  /**
   * Writes one register.
   *
   * @param register the register, 0..255
   * @param value the value, 0..255
   * @throws BusException if the transaction fails
   * @throws IllegalArgumentException if {@code value} is not 0..255
   */
  default void writeByte(int register, int value) throws BusException {
    Buses.checkByte(value, "value");
    write(register, new byte[] {(byte) value}, 0, 1);
  }

  /**
   * Checks the arguments of {@link #read(int, byte[], int, int)} and
   * {@link #write(int, byte[], int, int)}; for implementations.
   *
   * @param register the register
   * @param array the buffer
   * @param offset the offset
   * @param length the length
   * @throws IllegalArgumentException if the register is not 0..255 or the length is below 1
   * @throws IndexOutOfBoundsException if the range does not fit in {@code array}
   */
  static void checkTransfer(int register, byte[] array, int offset, int length) {
    Buses.checkByte(register, "register");
    if (length < 1) {
      throw new IllegalArgumentException("length must be at least 1: " + length);
    }
    checkPositionIndexes(offset, offset + length, array.length);
  }

  /** Releases the bus. The default does nothing. */
  @Override
  default void close() {}
}
