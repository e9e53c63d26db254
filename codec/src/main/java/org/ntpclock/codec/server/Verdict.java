package org.ntpclock.codec.server;

/**
 * What {@link NtpResponder} did with one request: which kind of reply it wrote, or why it dropped
 * the request. Every request ends in exactly one verdict; the server counts them.
 *
 * <p>Drops are silent: nothing goes back on the wire. Replies are never longer than the request
 * (no amplification).
 */
public enum Verdict {
  /** A normal server reply (mode 4 to a client, mode 2 to a symmetric-active peer). */
  ANSWERED(true),
  /** A normal reply carrying a MAC made with the key the request was authenticated with. */
  ANSWERED_AUTHENTICATED(true),
  /** A kiss-o'-death RATE reply: the client exceeded the rate limit and the limiter asked for a KoD. */
  KOD_RATE(true),
  /** A kiss-o'-death DENY reply: the access list denies the client and is set to answer with DENY. */
  KOD_DENY(true),
  /**
   * A crypto-NAK reply (RFC 5905 section 9.2: a MAC of four zero octets): the request carried a MAC
   * with an unknown key or a wrong digest and the responder is set to answer those (off by default,
   * as in chrony, which drops them).
   */
  CRYPTO_NAK(true),
  /** An NTS-protected reply (RFC 8915): the request's cookie opened and its Authenticator verified. */
  ANSWERED_NTS(true),
  /**
   * An NTS NAK (kiss code NTSN, RFC 8915 section 5.7): the request's cookie did not open (unknown or
   * retired master key, altered) or its Authenticator did not verify.
   */
  KOD_NTS_NAK(true),
  /** Dropped: shorter than the 48-byte header. */
  DROPPED_TOO_SHORT(false),
  /**
   * Dropped: longer than the largest request the server accepts
   * ({@link NtpResponder#MAX_REQUEST_LENGTH}), or filling the receive buffer, so possibly truncated.
   */
  DROPPED_TOO_LONG(false),
  /** Dropped: the version number is not in the accepted range (1..4 by default). */
  DROPPED_BAD_VERSION(false),
  /** Dropped: mode 0, 2, 4 or 5, which are not requests a server answers. */
  DROPPED_NOT_A_REQUEST(false),
  /** Dropped: mode 6 (control) or 7 (private); never answered (amplification vectors). */
  DROPPED_CONTROL_OR_PRIVATE(false),
  /** Dropped: the bytes after the header are not well-formed extension fields and MAC. */
  DROPPED_MALFORMED(false),
  /** Dropped: the access list denies the client and is set to drop silently. */
  DROPPED_ACCESS_DENIED(false),
  /**
   * Dropped: the source address can never be a client (a network, broadcast, multicast or
   * unspecified address, {@link AccessList#isNeverAClient}); the request is spoofed, and a reply
   * would go to a whole subnet.
   */
  DROPPED_NOT_A_CLIENT_ADDRESS(false),
  /** Dropped: the client exceeded the rate limit. */
  DROPPED_RATE_LIMITED(false),
  /** Dropped: the request's MAC used an unknown key or did not verify (chrony's behaviour). */
  DROPPED_AUTHENTICATION_FAILED(false),
  /** Dropped: NTS fields that are malformed, missing or misplaced (no NTS NAK is due). */
  DROPPED_NTS_INVALID(false),
  /** Dropped: the reply would not fit in the caller's buffer or would be longer than the request. */
  DROPPED_NO_ROOM(false);

  private final boolean answered;

  Verdict(boolean answered) {
    this.answered = answered;
  }

  /**
   * Whether a reply was written to the caller's buffer.
   *
   * @return true for the {@code ANSWERED}, {@code KOD_*} and {@code CRYPTO_NAK} verdicts
   */
  public boolean isAnswered() {
    return answered;
  }
}
