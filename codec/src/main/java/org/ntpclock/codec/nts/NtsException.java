package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/**
 * A failure of Network Time Security: a malformed or refused key exchange, a certificate that
 * cannot be trusted, or an NTS-protected packet that fails a check. The {@link Reason} says which;
 * the message adds the detail. Nothing that fails a check ever becomes a time sample.
 */
public final class NtsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** An NTS-KE record or message is shorter than its header or length says. */
    RECORD_TRUNCATED,
    /** A record of a known type has a body of the wrong length or content. */
    RECORD_MALFORMED,
    /** A record the receiver does not know has its critical bit set (RFC 8915 section 4). */
    UNKNOWN_CRITICAL_RECORD,
    /** A message breaks the rules of RFC 8915 section 4 (missing, repeated or misplaced records). */
    BAD_MESSAGE,
    /** A message or record is longer than this implementation accepts. */
    MESSAGE_TOO_LONG,
    /** The server answered with an NTS-KE Error record. */
    SERVER_ERROR,
    /** The peers share no next protocol (only NTPv4, id 0, exists). */
    NO_COMMON_PROTOCOL,
    /** The peers share no AEAD algorithm. */
    NO_COMMON_AEAD,
    /** The key exchange gave no cookie, or every cookie has been used. */
    NO_COOKIES,
    /** The server's certificate chain does not lead to a trusted CA. */
    CERTIFICATE_UNTRUSTED,
    /** The server's certificate (or one in its chain) is expired or not yet valid. */
    CERTIFICATE_EXPIRED,
    /** The server's certificate does not name the host or IP address that was asked for. */
    HOSTNAME_MISMATCH,
    /** TLS failed otherwise: no TLS 1.3, no {@code ntske/1} ALPN, a broken connection. */
    TLS_FAILURE,
    /** Neither the JDK (25+) nor BouncyCastle's TLS is there to export the NTS keys. */
    EXPORTER_UNAVAILABLE,
    /** The certificate or key files cannot be read. */
    BAD_CREDENTIALS,
    /** An NTS extension field is malformed, missing, repeated or misplaced. */
    BAD_EXTENSION_FIELD,
    /** The AEAD tag does not verify: the packet or its associated data was altered. */
    AUTHENTICATION_FAILED,
    /** The server cannot open the cookie: unknown master key, altered, or malformed. */
    COOKIE_INVALID,
    /** A reply's Unique Identifier does not echo any request this client has outstanding. */
    UNIQUE_ID_MISMATCH,
    /** A reply to a request that has already been answered. */
    REPLAYED_REPLY,
    /** The server answered with the kiss code NTSN: the client must run NTS-KE again. */
    NTS_NAK
  }

  /** What went wrong. */
  private final Reason reason;
  /** The octet offset, or -1. */
  private final int offset;

  /**
   * A failure with no position.
   *
   * @param reason what went wrong
   * @param detail what was seen
   */
  public NtsException(Reason reason, String detail) {
    this(reason, -1, detail, null);
  }

  /**
   * A failure at an octet offset of the input.
   *
   * @param reason what went wrong
   * @param offset octet offset, or -1 when none applies
   * @param detail what was seen
   */
  public NtsException(Reason reason, int offset, String detail) {
    this(reason, offset, detail, null);
  }

  /**
   * A failure caused by another exception.
   *
   * @param reason what went wrong
   * @param offset octet offset, or -1 when none applies
   * @param detail what was seen
   * @param cause the underlying exception, or null
   */
  public NtsException(Reason reason, int offset, String detail, Throwable cause) {
    super(checkNotNull(reason, "reason") + (offset >= 0 ? " at offset " + offset : "") + ": " + detail, cause);
    this.reason = reason;
    this.offset = offset;
  }

  /**
   * What went wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Where in the input, when the failure is a decoding one.
   *
   * @return the octet offset, or -1
   */
  public int offset() {
    return offset;
  }
}
