package org.ntpclock.codec.client;

/**
 * Why a client exchange or query produced no sample. Some reasons concern one stray datagram
 * only ({@link #isFinal()} false): the exchange stays open and waits for the genuine reply.
 */
public enum FailureReason {
  /** No acceptable reply before the timeout, after every retry and address. */
  TIMEOUT(true),
  /**
   * The server answered with a kiss-o'-death (stratum 0): its time is not used; see the kiss code
   * and the reaction RFC 5905 section 7.4 requires.
   */
  KISS_OF_DEATH(true),
  /** The reply failed one or more response checks (see the codec's validation failures). */
  VALIDATION_FAILED(true),
  /**
   * A datagram is not the reply to the pending request: it came from another address or port than
   * the one queried (RFC 4330 section 5), or its origin timestamp is not the request's transmit
   * value (stray, late, duplicated or forged; RFC 5905 section 8). Which check failed is
   * {@link ExchangeFailure.Stray#check()}, a {@link ValidationFailure}.
   */
  STRAY(false),
  /** A datagram did not decode as an NTP packet. */
  MALFORMED(false),
  /**
   * The reply's MAC is missing, a crypto-NAK, made with another key, or does not verify, while the
   * query is authenticated. Unauthenticated replies may be forged, so the exchange keeps waiting
   * for a genuine one; the query reports this reason if none comes.
   */
  AUTHENTICATION_FAILED(false),
  /** A datagram arrived after the exchange had already accepted its reply (each origin once). */
  ALREADY_COMPLETED(false),
  /**
   * The server was queried less than the minimum poll interval ago (RFC 4330 section 10: never
   * more often than every 15 s), or the last reply's poll asks for more; nothing was sent.
   */
  POLL_TOO_SOON(true),
  /**
   * The server sent a kiss-o'-death RATE and its back-off interval has not passed yet; nothing was
   * sent (RFC 5905 section 7.4b).
   */
  RATE_BACKOFF(true),
  /**
   * The server sent a kiss-o'-death DENY or RSTR earlier; the client no longer queries it (RFC 5905
   * section 7.4a).
   */
  SERVER_DEMOBILIZED(true),
  /**
   * Nothing listens on the server's port: the request drew an ICMP port unreachable (where the
   * network delivers one; else the query ends in {@link #TIMEOUT}). Not retried.
   */
  PORT_UNREACHABLE(true),
  /** The host name did not resolve. */
  UNRESOLVED(true),
  /** A socket operation failed. */
  IO_ERROR(true),
  /**
   * With NTS: a reply failed an NTS check (Unique Identifier, Authenticator, replay). It may be
   * forged, so the exchange keeps waiting for a genuine one; the query reports this reason if none
   * comes.
   */
  NTS_REJECTED(false),
  /** With NTS: the server answered with an NTS NAK (kiss code NTSN); the cookies are worthless. */
  NTS_NAK(true);

  private final boolean isFinal;

  FailureReason(boolean isFinal) {
    this.isFinal = isFinal;
  }

  /**
   * Whether the failure ends the exchange; false when only one datagram was rejected and the
   * exchange still waits for the genuine reply.
   *
   * @return true if final
   */
  public boolean isFinal() {
    return isFinal;
  }
}
