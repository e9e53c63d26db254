package org.ntpclock.drivers;

/** Packed binary-coded decimal, two digits per byte. */
final class Bcd {
  private Bcd() {}

  /**
   * Decodes a BCD byte.
   *
   * @return 0..99, or -1 if a nibble is above 9
   */
  static int decode(int bcd) {
    int tens = (bcd >>> 4) & 0xF;
    int ones = bcd & 0xF;
    return tens > 9 || ones > 9 ? -1 : tens * 10 + ones;
  }

  /** Encodes 0..99. */
  static int encode(int value) {
    if (value < 0 || value > 99) {
      throw new IllegalArgumentException("not a two-digit value: " + value);
    }
    return (value / 10) << 4 | value % 10;
  }
}
