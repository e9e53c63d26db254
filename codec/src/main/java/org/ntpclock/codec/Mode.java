package org.ntpclock.codec;

/**
 * The three-bit association mode of an NTP header (RFC 5905 section 7.3, Figure 10).
 *
 * <p>Every wire value 0..7 has a constant, so any decoded header has a mode; whether a mode is
 * acceptable is a question for the validator or the responder, not the codec.
 */
public enum Mode {
  /** 0: reserved. NTPv1 clients sent it, so a server that answers version 1 sees it. */
  RESERVED(0),
  /** 1: symmetric active. */
  SYMMETRIC_ACTIVE(1),
  /** 2: symmetric passive. */
  SYMMETRIC_PASSIVE(2),
  /** 3: client request. */
  CLIENT(3),
  /** 4: server reply. */
  SERVER(4),
  /** 5: broadcast. */
  BROADCAST(5),
  /** 6: NTP control message (RFC 9327). */
  CONTROL(6),
  /** 7: reserved for private use (ntpd's mode 7 monitoring). */
  PRIVATE(7);

  private static final Mode[] BY_CODE = values();

  private final int code;

  Mode(int code) {
    this.code = code;
  }

  /**
   * The wire value.
   *
   * @return 0..7
   */
  public int code() {
    return code;
  }

  /**
   * The mode for a wire value.
   *
   * @param code 0..7
   * @return the mode
   * @throws IllegalArgumentException if {@code code} is not 0..7
   */
  public static Mode ofCode(int code) {
    if (code < 0 || code > 7) {
      throw new IllegalArgumentException("mode out of range 0..7: " + code);
    }
    return BY_CODE[code];
  }
}
