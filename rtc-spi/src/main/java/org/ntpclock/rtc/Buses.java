package org.ntpclock.rtc;

/** Shared argument checks for the bus ports. */
final class Buses {
  private Buses() {}

  static void checkByte(int value, String name) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException(name + " out of range 0..255: " + value);
    }
  }
}
