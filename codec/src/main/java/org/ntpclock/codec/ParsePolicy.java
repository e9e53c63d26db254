package org.ntpclock.codec;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How strictly the decoder and {@link NtpPacketView} frame a datagram: which versions they accept,
 * the longest datagram, and how short, how many and how long extension fields may be.
 *
 * <ul>
 *   <li>{@link #server()}: strict framing, versions 1..4 (RFC 5905 section 9.2 accepts 1..4);
 *   <li>{@link #client()}: strict framing, versions 3..4 (ntpd-rs, chrony's client);
 *   <li>{@link #lenient()}: versions 1..4, extension fields down to 4 octets (ntpd-rs, RS-4).
 * </ul>
 *
 * <p>Strict means every extension field is at least 16 octets (RFC 5905 section 7.5, RFC 7822
 * section 3); lenient takes 4. Framing rules that every policy applies, as chrony's
 * {@code parse_packet} does: length at least 48 and a multiple of 4; version 0, 5, 6 and 7 never
 * decode; extension fields only in version 4; in version 4 a tail of exactly 4 zero octets is a
 * crypto-NAK, a tail of 20..24 octets is a MAC (at most 24, RFC 7822 section 7.5), and an extension
 * field only starts where more than 24 octets remain. That last rule is what makes parsing
 * deterministic, and it already implies RFC 7822's "the last extension field is at least 28 octets
 * when no MAC follows": a trailing field of 16..24 octets without MAC is read as a MAC (or rejected
 * as a malformed one), exactly as chrony reads it, so the 28-octet rule needs no switch of its own.
 * Senders get it right through {@link NtpPacket.Builder#build()}, which pads the last field to 28.
 *
 * @param minVersion lowest accepted version number, 1..4
 * @param maxVersion highest accepted version number, {@code minVersion}..4
 * @param minExtensionFieldLength smallest extension field in octets including its 4-octet header,
 *     4..16 and a multiple of 4
 * @param maxExtensionFields most extension fields accepted, 0 or more
 * @param maxExtensionFieldBytes most octets of extension fields (headers included) accepted
 * @param maxPacketLength longest datagram accepted, at least 48
 */
public record ParsePolicy(
    int minVersion,
    int maxVersion,
    int minExtensionFieldLength,
    int maxExtensionFields,
    int maxExtensionFieldBytes,
    int maxPacketLength) {

  /** Default cap on the number of extension fields (rTime uses 32). */
  public static final int DEFAULT_MAX_EXTENSION_FIELDS = 32;
  /** Default cap on extension-field octets (chrony's {@code NTP_MAX_EXTENSIONS_LENGTH}). */
  public static final int DEFAULT_MAX_EXTENSION_FIELD_BYTES = 1024;
  /** Default cap on a datagram: header, extension fields and the longest (version 3) MAC. */
  public static final int DEFAULT_MAX_PACKET_LENGTH =
      NtpWire.HEADER_LENGTH + DEFAULT_MAX_EXTENSION_FIELD_BYTES + NtpWire.MAX_V3_MAC_LENGTH;

  private static final ParsePolicy SERVER = new ParsePolicy(1, 4, 16,
      DEFAULT_MAX_EXTENSION_FIELDS, DEFAULT_MAX_EXTENSION_FIELD_BYTES, DEFAULT_MAX_PACKET_LENGTH);
  private static final ParsePolicy CLIENT = SERVER.withVersions(3, 4);
  private static final ParsePolicy LENIENT = new ParsePolicy(1, 4, 4,
      DEFAULT_MAX_EXTENSION_FIELDS, DEFAULT_MAX_EXTENSION_FIELD_BYTES, DEFAULT_MAX_PACKET_LENGTH);

  /**
   * Checks the ranges.
   *
   * @param minVersion lowest accepted version number, 1..4
   * @param maxVersion highest accepted version number, {@code minVersion}..4
   * @param minExtensionFieldLength 4..16, a multiple of 4
   * @param maxExtensionFields 0 or more
   * @param maxExtensionFieldBytes 0 or more
   * @param maxPacketLength at least 48
   * @throws IllegalArgumentException if a value is out of range
   */
  public ParsePolicy {
    checkArgument(minVersion >= 1 && minVersion <= maxVersion && maxVersion <= 4,
        "versions must satisfy 1 <= min <= max <= 4: %s..%s", minVersion, maxVersion);
    checkArgument(minExtensionFieldLength >= 4 && minExtensionFieldLength <= 16 && minExtensionFieldLength % 4 == 0,
        "minimum extension field length must be 4, 8, 12 or 16: %s", minExtensionFieldLength);
    checkArgument(maxExtensionFields >= 0, "maxExtensionFields must not be negative: %s", maxExtensionFields);
    checkArgument(maxExtensionFieldBytes >= 0, "maxExtensionFieldBytes must not be negative: %s", maxExtensionFieldBytes);
    checkArgument(maxPacketLength >= NtpWire.HEADER_LENGTH, "maxPacketLength below 48: %s", maxPacketLength);
  }

  /**
   * Strict framing, versions 1..4: what a server accepts by default.
   *
   * @return the policy
   */
  public static ParsePolicy server() {
    return SERVER;
  }

  /**
   * Strict framing, versions 3..4: what a client accepts by default.
   *
   * @return the policy
   */
  public static ParsePolicy client() {
    return CLIENT;
  }

  /**
   * Lenient framing (extension fields of 4 octets and more), versions 1..4.
   *
   * @return the policy
   */
  public static ParsePolicy lenient() {
    return LENIENT;
  }

  /**
   * Whether a version number is accepted.
   *
   * @param version the header's version number, any int
   * @return true if within {@link #minVersion()}..{@link #maxVersion()}
   */
  public boolean acceptsVersion(int version) {
    return version >= minVersion && version <= maxVersion;
  }

  /**
   * This policy with other accepted versions.
   *
   * @param min lowest accepted version, 1..4
   * @param max highest accepted version, {@code min}..4
   * @return the policy
   * @throws IllegalArgumentException if out of range
   */
  public ParsePolicy withVersions(int min, int max) {
    return new ParsePolicy(min, max, minExtensionFieldLength, maxExtensionFields,
        maxExtensionFieldBytes, maxPacketLength);
  }

  /**
   * This policy with other bounds on extension fields and datagram size.
   *
   * @param fields most extension fields, 0 or more
   * @param fieldBytes most extension-field octets, 0 or more
   * @param packetLength longest datagram, at least 48
   * @return the policy
   * @throws IllegalArgumentException if out of range
   */
  public ParsePolicy withLimits(int fields, int fieldBytes, int packetLength) {
    return new ParsePolicy(minVersion, maxVersion, minExtensionFieldLength, fields,
        fieldBytes, packetLength);
  }
}
