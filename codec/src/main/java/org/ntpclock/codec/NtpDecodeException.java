package org.ntpclock.codec;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/**
 * The one exception the packet decoder throws for malformed input: a {@link Reason} and the byte
 * offset, relative to the first byte of the packet, where the problem was found.
 *
 * <p>Decoding untrusted datagrams is a hot path under floods, so this exception records no stack
 * trace and suppresses nothing; its message is built lazily.
 */
public final class NtpDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a datagram is not a well-formed NTP packet. */
  public enum Reason {
    /** Shorter than the 48-byte header (RFC 5905 section 9.2). */
    TOO_SHORT,
    /** Longer than {@link ParsePolicy#maxPacketLength()}. */
    TOO_LONG,
    /** The length is not a multiple of 4 octets (chrony; RFC 5905 section 9.2 "alignment"). */
    MISALIGNED_LENGTH,
    /** The version number is not in the policy's accepted range ({@link ParsePolicy#acceptsVersion(int)}). */
    UNSUPPORTED_VERSION,
    /** An extension-field length is not a multiple of 4 (RFC 7822 section 3). */
    EXTENSION_FIELD_MISALIGNED,
    /** An extension field is shorter than the policy's minimum (16 strict, 4 lenient). */
    EXTENSION_FIELD_TOO_SHORT,
    /** An extension field extends past the end of the packet. */
    EXTENSION_FIELD_OVERRUN,
    /** More extension fields than {@link ParsePolicy#maxExtensionFields()}. */
    TOO_MANY_EXTENSION_FIELDS,
    /** More extension-field octets than {@link ParsePolicy#maxExtensionFieldBytes()}. */
    EXTENSION_FIELDS_TOO_LONG,
    /** The bytes after the header (and extension fields) are neither a MAC nor a crypto-NAK. */
    MALFORMED_MAC
  }

  /** What is wrong. */
  private final Reason reason;
  /** Where, relative to the packet start. */
  private final int offset;

  /**
   * Creates the exception.
   *
   * @param reason what is wrong
   * @param offset the byte offset of the problem, relative to the packet start, 0 or more
   * @throws IllegalArgumentException if the offset is negative
   */
  public NtpDecodeException(Reason reason, int offset) {
    super(null, null, false, false);
    checkNotNull(reason, "reason");
    checkArgument(offset >= 0, "offset must not be negative: %s", offset);
    this.reason = reason;
    this.offset = offset;
  }

  /**
   * What is wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Where the problem was found.
   *
   * @return the byte offset relative to the start of the packet
   */
  public int offset() {
    return offset;
  }

  /** The reason and the offset, for example {@code MALFORMED_MAC at offset 48}. */
  @Override
  public String getMessage() {
    return reason + " at offset " + offset;
  }
}
