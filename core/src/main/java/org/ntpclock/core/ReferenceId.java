package org.ntpclock.core;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 32-bit reference identifier of an NTP header (RFC 5905 section 7.3), kept as four raw bytes.
 * What the bytes mean depends on the stratum: a kiss code (stratum 0), an ASCII reference-clock
 * name such as {@code GPS} or {@code PPS} (stratum 1), or an IPv4 address or the first four octets
 * of the MD5 hash of an IPv6 address (stratum 2 and above). It is never a signed number.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReferenceId {
  /** All zero bytes. */
  public static final ReferenceId ZERO = new ReferenceId(0);

  private final int bits;

  private ReferenceId(int bits) {
    this.bits = bits;
  }

  /**
   * The identifier with the given four bytes, big-endian in an {@code int}.
   *
   * @param bits the raw bytes, first byte most significant
   * @return the identifier
   */
  public static ReferenceId ofBits(int bits) {
    return bits == 0 ? ZERO : new ReferenceId(bits);
  }

  /**
   * An ASCII identifier (kiss code or reference-clock name), left-justified and zero-padded.
   *
   * @param code one to four printable US-ASCII characters
   * @return the identifier
   * @throws IllegalArgumentException if the code is empty, longer than four characters, or not
   *     printable ASCII
   */
  public static ReferenceId ofAscii(String code) {
    checkNotNull(code, "code");
    checkArgument(!code.isEmpty() && code.length() <= 4, "ASCII reference id must have 1..4 characters: '%s'", code);
    int bits = 0;
    for (int i = 0; i < 4; i++) {
      int c = i < code.length() ? code.charAt(i) : 0;
      checkArgument(i >= code.length() || (c >= 0x20 && c < 0x7F), "not printable ASCII: '%s'", code);
      bits = bits << 8 | c;
    }
    return ofBits(bits);
  }

  /**
   * The identifier of an IPv4 upstream server.
   *
   * @param address the address
   * @return the identifier holding the address's four octets
   */
  public static ReferenceId ofIpv4(Inet4Address address) {
    byte[] b = address.getAddress();
    return ofBits((b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF));
  }

  /**
   * The identifier of an IPv6 upstream server: the first four octets of the MD5 hash of its address
   * (RFC 5905 section 7.3).
   *
   * @param address the address
   * @return the identifier
   */
  public static ReferenceId ofIpv6(Inet6Address address) {
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(address.getAddress());
      return ofBits((d[0] & 0xFF) << 24 | (d[1] & 0xFF) << 16 | (d[2] & 0xFF) << 8 | (d[3] & 0xFF));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every Java platform", e);
    }
  }

  /**
   * The raw bytes, big-endian in an {@code int}.
   *
   * @return the four bytes
   */
  public int toBits() {
    return bits;
  }

  /**
   * The four bytes as a new array.
   *
   * @return a fresh 4-byte array
   */
  public byte[] toBytes() {
    return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
  }

  /**
   * Whether the bytes read as an ASCII code: one or more printable characters, left-justified,
   * followed only by zero bytes.
   *
   * @return true if {@link #toAscii()} is meaningful
   */
  public boolean isAscii() {
    boolean seenZero = false;
    for (int shift = 24; shift >= 0; shift -= 8) {
      int c = (bits >>> shift) & 0xFF;
      if (c == 0) {
        seenZero = true;
      } else if (seenZero || c < 0x20 || c >= 0x7F) {
        return false;
      }
    }
    return (bits >>> 24) != 0;
  }

  /**
   * The bytes as ASCII with trailing zero bytes removed.
   *
   * @return the code, for example {@code GPS}
   * @throws IllegalStateException if {@link #isAscii()} is false
   */
  public String toAscii() {
    if (!isAscii()) {
      throw new IllegalStateException("reference id is not ASCII: " + this);
    }
    StringBuilder sb = new StringBuilder(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      int c = (bits >>> shift) & 0xFF;
      if (c != 0) {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  /**
   * The bytes as a dotted-quad IPv4 address.
   *
   * @return for example {@code 192.53.103.108}
   */
  public String toDottedQuad() {
    return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
  }

  /**
   * The bytes as eight lower-case hex digits.
   *
   * @return for example {@code 7f7f0101}
   */
  public String toHex() {
    return String.format("%08x", bits);
  }

  /**
   * The form that fits the stratum: ASCII for stratum 0 and 1 when the bytes are ASCII, dotted
   * IPv4 for stratum 2..15, eight hex digits otherwise (an IPv6 hash cannot be told from an IPv4
   * address, so stratum 2..15 always prints dotted).
   *
   * @param stratum the header's stratum
   * @return the readable form
   */
  public String describe(int stratum) {
    if (stratum <= 1) {
      return isAscii() ? toAscii() : toHex();
    }
    return stratum < 16 ? toDottedQuad() : (isAscii() ? toAscii() : toHex());
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof ReferenceId && ((ReferenceId) obj).bits == bits;
  }

  @Override
  public int hashCode() {
    return bits;
  }

  /** Eight lower-case hex digits. */
  @Override
  public String toString() {
    return toHex();
  }
}
