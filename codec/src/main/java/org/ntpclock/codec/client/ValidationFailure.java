package org.ntpclock.codec.client;

/**
 * Why a client rejects a reply, in the order {@link ResponseValidator} checks. The first four are
 * gates: a reply that fails one is not an answer to this request and nothing else is judged.
 */
public enum ValidationFailure {
  /** Source address or port differs from the request's destination (RFC 4330 section 5). */
  SOURCE_MISMATCH,
  /** The version is outside {@link ValidationPolicy#minVersion()}..{@link ValidationPolicy#maxVersion()}. */
  UNSUPPORTED_VERSION,
  /** The mode is not 4 (server), or 5 (broadcast) where accepted. */
  UNEXPECTED_MODE,
  /**
   * The origin timestamp is not, bit for bit, the transmit timestamp of the request (RFC 5905
   * section 8): a stray, duplicate or forged packet.
   */
  ORIGIN_MISMATCH,
  /** Stratum 0: a kiss-o'-death; its time is not used (RFC 5905 section 7.4). */
  KISS_OF_DEATH,
  /** The transmit timestamp is zero (chrony test 3; RFC 4330 section 5). */
  ZERO_TRANSMIT,
  /** The receive timestamp is zero. */
  ZERO_RECEIVE,
  /** Leap indicator 3: the server is not synchronized (RFC 5905 A.5.1.1). */
  UNSYNCHRONIZED,
  /** Stratum above {@link ValidationPolicy#maxStratum()} (16 and above are never accepted). */
  STRATUM_OUT_OF_RANGE,
  /** Root delay / 2 + root dispersion reaches {@link ValidationPolicy#maxDispersion()} (MAXDISP). */
  ROOT_DISTANCE_TOO_LARGE,
  /** The reference timestamp is after the transmit timestamp (era-aware; RFC 5905 A.5.1.1). */
  REFERENCE_AFTER_TRANSMIT,
  /**
   * The reference timestamp is unknown (zero) or older than
   * {@link ValidationPolicy#maxReferenceAge()} at transmit time.
   */
  STALE_REFERENCE,
  /** The receive timestamp is after the transmit timestamp: the server ticked backwards. */
  RECEIVE_AFTER_TRANSMIT,
  /**
   * The server's processing time (T3 - T2) exceeds the client's round trip (T4 - T1): a negative
   * delay, or a client clock that stepped during the exchange.
   */
  SERVER_TIME_EXCEEDS_ROUND_TRIP,
  /** |offset| reaches {@link ValidationPolicy#maxOffset()}. */
  OFFSET_TOO_LARGE
}
