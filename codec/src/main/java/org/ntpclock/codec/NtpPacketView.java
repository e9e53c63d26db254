package org.ntpclock.codec;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.ByteBuffer;
import org.ntpclock.codec.NtpDecodeException.Reason;

/**
 * A reusable, allocation-free reader over a datagram in a {@link ByteBuffer}, for the server hot
 * path: header fields as primitives, timestamps as raw {@code long} bits, and the framing check of
 * the decoder without building objects.
 *
 * <p>Typical use: one view per receive thread, {@link #wrap(ByteBuffer)} after each receive, then
 * {@link #check(ParsePolicy)} (or the cheaper {@link #checkHeader(ParsePolicy)}), then the getters.
 * Getters read the buffer on every call and throw {@link IndexOutOfBoundsException} if the datagram
 * is shorter than the field, so check first. The view never changes the buffer's position, limit
 * or order, and reads nothing outside the wrapped region.
 *
 * <p>Not thread-safe (it is a mutable cursor); the values it returns are plain primitives.
 */
public final class NtpPacketView {
  private ByteBuffer buffer;
  private int base;
  private int length;
  private long scan;
  private boolean checked;

  /** An empty view; {@link #wrap} it before use. */
  public NtpPacketView() {}

  /**
   * Points this view at the buffer's remaining octets (position to limit).
   *
   * @param datagram the received datagram
   * @return this view
   */
  public NtpPacketView wrap(ByteBuffer datagram) {
    return wrap(datagram, datagram.position(), datagram.remaining());
  }

  /**
   * Points this view at a region of a buffer.
   *
   * @param datagram the buffer
   * @param offset absolute index of the first octet
   * @param length the datagram length
   * @return this view
   * @throws IndexOutOfBoundsException if the region is not within the buffer's limit
   */
  public NtpPacketView wrap(ByteBuffer datagram, int offset, int length) {
    checkNotNull(datagram, "datagram");
    if (offset < 0 || length < 0 || offset > datagram.limit() - length) {
      throw new IndexOutOfBoundsException("region " + offset + "+" + length + " outside limit " + datagram.limit());
    }
    this.buffer = datagram;
    this.base = offset;
    this.length = length;
    this.checked = false;
    return this;
  }

  /**
   * The wrapped datagram's length.
   *
   * @return octets
   */
  public int length() {
    return length;
  }

  /**
   * The cheap check for a server: at least 48 octets, at most the policy's maximum, a multiple of
   * 4, and an accepted version. Does not walk extension fields or the MAC.
   *
   * @param policy the rules
   * @return {@code null} if the header is acceptable, else the reason
   */
  public Reason checkHeader(ParsePolicy policy) {
    if (length < NtpWire.HEADER_LENGTH) {
      return Reason.TOO_SHORT;
    }
    if (length > policy.maxPacketLength()) {
      return Reason.TOO_LONG;
    }
    if (!policy.acceptsVersion(version())) {
      return Reason.UNSUPPORTED_VERSION;
    }
    return (length & 3) != 0 ? Reason.MISALIGNED_LENGTH : null;
  }

  /**
   * The full framing check the decoder applies (header, extension fields, MAC), without
   * allocating. After a successful check {@link #macOffset()}, {@link #hasMac()} and
   * {@link #isCryptoNak()} are available.
   *
   * @param policy the rules
   * @return {@code null} if {@link NtpPacket#decode(ByteBuffer, ParsePolicy)} would succeed, else
   *     the reason it would throw
   */
  public Reason check(ParsePolicy policy) {
    checkNotNull(policy, "policy");
    scan = Framing.scan(buffer, base, length, policy);
    checked = true;
    return Framing.isError(scan) ? Framing.reason(scan) : null;
  }

  /**
   * Whether {@link #check(ParsePolicy)} passes.
   *
   * @param policy the rules
   * @return true if the datagram is well framed
   */
  public boolean isValid(ParsePolicy policy) {
    return check(policy) == null;
  }

  /**
   * Where the last failed {@link #check(ParsePolicy)} found its problem.
   *
   * @return the offset relative to the datagram start
   * @throws IllegalStateException if the last check passed or none ran
   */
  public int problemOffset() {
    if (!checked || !Framing.isError(scan)) {
      throw new IllegalStateException("no failed check");
    }
    return Framing.offset(scan);
  }

  /**
   * The offset of the MAC (or of the end of the datagram when there is none): the octets a MAC
   * covers.
   *
   * @return 48 plus the extension fields' lengths
   * @throws IllegalStateException unless {@link #check(ParsePolicy)} passed since the last wrap
   */
  public int macOffset() {
    requireChecked();
    return Framing.macOffset(scan);
  }

  /**
   * Whether a MAC with a digest ends the datagram.
   *
   * @return true for a MAC, false for none or a crypto-NAK
   * @throws IllegalStateException unless {@link #check(ParsePolicy)} passed since the last wrap
   */
  public boolean hasMac() {
    requireChecked();
    return Framing.tailKind(scan) == NtpWire.TAIL_MAC;
  }

  /**
   * Whether a crypto-NAK ends the datagram.
   *
   * @return true for four zero octets after the header and extension fields
   * @throws IllegalStateException unless {@link #check(ParsePolicy)} passed since the last wrap
   */
  public boolean isCryptoNak() {
    requireChecked();
    return Framing.tailKind(scan) == NtpWire.TAIL_CRYPTO_NAK;
  }

  /**
   * The MAC's key id.
   *
   * @return 0..2<sup>32</sup>-1
   * @throws IllegalStateException unless {@link #check(ParsePolicy)} passed and {@link #hasMac()}
   */
  public long keyId() {
    if (!hasMac()) {
      throw new IllegalStateException("no MAC");
    }
    return NtpWire.getU32(buffer, base + Framing.macOffset(scan));
  }

  /**
   * The buffer this view reads, not a copy; for code that must read the raw octets, such as a MAC
   * check over the header and extension fields.
   *
   * @return the wrapped buffer
   */
  public ByteBuffer buffer() {
    return buffer;
  }

  /**
   * The absolute index of the datagram's first octet in {@link #buffer()}.
   *
   * @return the offset given to {@link #wrap}
   */
  public int offset() {
    return base;
  }

  private void requireChecked() {
    if (!checked || Framing.isError(scan)) {
      throw new IllegalStateException("check(policy) has not passed since the last wrap");
    }
  }

  /**
   * The first octet.
   *
   * @return 0..255
   */
  public int flags() {
    return NtpWire.getU8(buffer, at(NtpWire.OFFSET_FLAGS, 1));
  }

  /**
   * The leap indicator.
   *
   * @return 0..3
   */
  public int leap() {
    return NtpWire.leapOf(flags());
  }

  /**
   * The version number.
   *
   * @return 0..7
   */
  public int version() {
    return NtpWire.versionOf(flags());
  }

  /**
   * The mode.
   *
   * @return 0..7 ({@link Mode#code()})
   */
  public int mode() {
    return NtpWire.modeOf(flags());
  }

  /**
   * The stratum.
   *
   * @return 0..255
   */
  public int stratum() {
    return NtpWire.getU8(buffer, at(NtpWire.OFFSET_STRATUM, 1));
  }

  /**
   * The poll exponent.
   *
   * @return -128..127, log2 seconds
   */
  public int poll() {
    return NtpWire.getI8(buffer, at(NtpWire.OFFSET_POLL, 1));
  }

  /**
   * The precision exponent.
   *
   * @return -128..127, log2 seconds
   */
  public int precision() {
    return NtpWire.getI8(buffer, at(NtpWire.OFFSET_PRECISION, 1));
  }

  /**
   * The root delay, short format.
   *
   * @return 0..2<sup>32</sup>-1, units of 2<sup>-16</sup> s
   */
  public long rootDelayBits() {
    return NtpWire.getU32(buffer, at(NtpWire.OFFSET_ROOT_DELAY, 4));
  }

  /**
   * The root dispersion, short format.
   *
   * @return 0..2<sup>32</sup>-1, units of 2<sup>-16</sup> s
   */
  public long rootDispersionBits() {
    return NtpWire.getU32(buffer, at(NtpWire.OFFSET_ROOT_DISPERSION, 4));
  }

  /**
   * The reference id.
   *
   * @return four bytes, the first most significant
   */
  public int referenceIdBits() {
    return NtpWire.getI32(buffer, at(NtpWire.OFFSET_REFERENCE_ID, 4));
  }

  /**
   * The reference timestamp.
   *
   * @return raw bits
   */
  public long referenceTimestampBits() {
    return NtpWire.getTimestamp(buffer, at(NtpWire.OFFSET_REFERENCE_TIMESTAMP, 8));
  }

  /**
   * The origin timestamp.
   *
   * @return raw bits
   */
  public long originTimestampBits() {
    return NtpWire.getTimestamp(buffer, at(NtpWire.OFFSET_ORIGIN_TIMESTAMP, 8));
  }

  /**
   * The receive timestamp.
   *
   * @return raw bits
   */
  public long receiveTimestampBits() {
    return NtpWire.getTimestamp(buffer, at(NtpWire.OFFSET_RECEIVE_TIMESTAMP, 8));
  }

  /**
   * The transmit timestamp.
   *
   * @return raw bits
   */
  public long transmitTimestampBits() {
    return NtpWire.getTimestamp(buffer, at(NtpWire.OFFSET_TRANSMIT_TIMESTAMP, 8));
  }

  private int at(int offset, int size) {
    if (buffer == null || offset + size > length) {
      throw new IndexOutOfBoundsException("field at " + offset + " beyond datagram length " + length);
    }
    return base + offset;
  }
}
