package org.ntpclock.core;

/**
 * The two-bit leap indicator of an NTP header (RFC 5905 section 7.3): a warning of an impending
 * leap second at the end of the current UTC day, or the "clock unsynchronized" alarm.
 */
public enum LeapIndicator {
  /** 0: no warning. */
  NO_WARNING(0),
  /** 1: the last minute of the day has 61 seconds (a positive leap second is inserted). */
  LAST_MINUTE_61(1),
  /** 2: the last minute of the day has 59 seconds (a negative leap second). */
  LAST_MINUTE_59(2),
  /** 3: unknown; the clock is unsynchronized and its time must not be used. */
  UNSYNCHRONIZED(3);

  private static final LeapIndicator[] BY_CODE = values();

  private final int code;

  LeapIndicator(int code) {
    this.code = code;
  }

  /**
   * The wire value.
   *
   * @return 0..3
   */
  public int code() {
    return code;
  }

  /**
   * The indicator for a wire value.
   *
   * @param code 0..3
   * @return the indicator
   * @throws IllegalArgumentException if {@code code} is not 0..3
   */
  public static LeapIndicator ofCode(int code) {
    if (code < 0 || code > 3) {
      throw new IllegalArgumentException("leap indicator out of range 0..3: " + code);
    }
    return BY_CODE[code];
  }
}
