package org.ntpclock.codec;

import java.nio.ByteBuffer;
import org.ntpclock.codec.NtpDecodeException.Reason;

/**
 * The one implementation of the framing rules, shared by the decoder and the flyweight view: a
 * header of 48 octets, a length that is a multiple of four, then (NTPv4 only) extension fields of
 * at least the policy's minimum length each, while more than the longest MAC remains, then the tail
 * {@link NtpWire#tailKind} allows. It walks the extension fields without allocating and packs its
 * answer into a {@code long}: negative for an error (reason ordinal and offset), otherwise the tail
 * kind and the offset where the MAC (or crypto-NAK, or the end) starts.
 */
final class Framing {

  private static final Reason[] REASONS = Reason.values();

  private Framing() {}

  /**
   * Checks a datagram's framing.
   *
   * @param b the buffer
   * @param base absolute index of the first octet
   * @param len datagram length
   * @param policy the rules
   * @return a packed result; see {@link #isError}, {@link #macOffset}, {@link #tailKind}
   */
  static long scan(ByteBuffer b, int base, int len, ParsePolicy policy) {
    if (len < NtpWire.HEADER_LENGTH) {
      return error(Reason.TOO_SHORT, Math.max(len, 0));
    }
    if (len > policy.maxPacketLength()) {
      return error(Reason.TOO_LONG, policy.maxPacketLength());
    }
    int version = NtpWire.versionOf(b.get(base));
    if (!policy.acceptsVersion(version)) {
      return error(Reason.UNSUPPORTED_VERSION, 0);
    }
    if ((len & 3) != 0) {
      return error(Reason.MISALIGNED_LENGTH, len & ~3);
    }
    int pos = NtpWire.HEADER_LENGTH;
    if (version < 4) {
      // Before NTPv4 there are no extension fields: all that follows the header is a MAC.
      return tail(b, base, pos, len - pos, NtpWire.MAX_V3_MAC_LENGTH);
    }
    int count = 0;
    while (true) {
      int remaining = len - pos;
      if (remaining <= NtpWire.MAX_V4_MAC_LENGTH) {
        // chrony's rule: what is no longer than the longest v4 MAC is the MAC; this also makes a
        // last field without MAC at least 28 octets long (RFC 7822 section 7).
        return tail(b, base, pos, remaining, NtpWire.MAX_V4_MAC_LENGTH);
      }
      int efLength = NtpWire.getU16(b, base + pos + 2);
      if ((efLength & 3) != 0) {
        return error(Reason.EXTENSION_FIELD_MISALIGNED, pos + 2);
      }
      if (efLength < policy.minExtensionFieldLength()) {
        return error(Reason.EXTENSION_FIELD_TOO_SHORT, pos + 2);
      }
      if (efLength > remaining) {
        return error(Reason.EXTENSION_FIELD_OVERRUN, pos + 2);
      }
      if (++count > policy.maxExtensionFields()) {
        return error(Reason.TOO_MANY_EXTENSION_FIELDS, pos);
      }
      if (pos + efLength - NtpWire.HEADER_LENGTH > policy.maxExtensionFieldBytes()) {
        return error(Reason.EXTENSION_FIELDS_TOO_LONG, pos);
      }
      pos += efLength;
    }
  }

  private static long tail(ByteBuffer b, int base, int pos, int remaining, int maxMac) {
    int kind = NtpWire.tailKind(b, base + pos, remaining, maxMac);
    return kind == NtpWire.TAIL_MALFORMED ? error(Reason.MALFORMED_MAC, pos) : ok(kind, pos);
  }

  private static long ok(int tailKind, int macOffset) {
    return (long) tailKind << 32 | macOffset;
  }

  private static long error(Reason reason, int offset) {
    return Long.MIN_VALUE | (long) reason.ordinal() << 32 | offset;
  }

  static boolean isError(long scan) {
    return scan < 0;
  }

  static Reason reason(long scan) {
    return REASONS[(int) ((scan >>> 32) & 0xFF)];
  }

  static int offset(long scan) {
    return (int) scan;
  }

  static int macOffset(long scan) {
    return (int) scan;
  }

  static int tailKind(long scan) {
    return (int) (scan >>> 32);
  }
}
