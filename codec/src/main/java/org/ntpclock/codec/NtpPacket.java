package org.ntpclock.codec;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.TimeSourceStatus;

/**
 * An NTP packet as it is on the wire (RFC 5905 section 7.3): the 48-octet header, NTPv4 extension
 * fields (RFC 7822) and an optional MAC or crypto-NAK. Immutable and thread-safe; equal packets
 * encode to equal bytes.
 *
 * <h2>Fields</h2>
 * Every header field holds its wire value: {@link LeapIndicator}, version 1..4, {@link Mode},
 * stratum 0..255 (0 kiss-o'-death or unspecified, 1 primary, 2..15 secondary, 16 unsynchronized,
 * 17..255 reserved but kept so that what decodes re-encodes), poll and precision as signed log2
 * seconds (-128..127), root delay and root dispersion as unsigned {@link NtpShort}, the
 * {@link ReferenceId} with its stratum-dependent meaning ({@link #referenceIdMeaning()}), and the
 * four {@link NtpTimestamp}s as raw era-less bits (zero means unknown).
 *
 * <h2>Stratum mapping</h2>
 * RFC 5905 section 7.3 maps a received stratum 0 to 16 ({@link #effectiveStratum()}) and a system
 * stratum of 16 or more to 0 when transmitting ({@link Builder#systemStratum(int)},
 * {@link Builder#status(TimeSourceStatus)}). The RFC describes these as mappings of the peer and
 * system variables, so the packet itself never rewrites an explicit {@link Builder#stratum(int)}:
 * that would break {@code decode(encode(p)).equals(p)} and mask the caller's value.
 *
 * <h2>Versions</h2>
 * Versions 1..4 decode (as the {@link ParsePolicy} allows). This library originates versions 3
 * and 4; the builder also takes 1 and 2 because a server answers in the version of the request
 * (RFC 5905 section 9.2, chrony) and because every packet that decodes must re-encode. Extension
 * fields exist only in version 4.
 *
 * <h2>Encoding</h2>
 * {@link #encode(ByteBuffer)} writes {@link #encodedLength()} octets into the caller's buffer and
 * allocates nothing. The octets a MAC covers are the first {@link #macOffset()} ones.
 */
public final class NtpPacket {
  private final LeapIndicator leap;
  private final int version;
  private final Mode mode;
  private final int stratum;
  private final int poll;
  private final int precision;
  private static final ExtensionField[] NO_FIELDS = {};

  // Wire values are held as raw bits, like java.time's values hold primitives: a decoded packet is
  // one object, and the typed views the getters return are cheap enough for escape analysis.
  private final long rootDelayBits;
  private final long rootDispersionBits;
  private final int referenceIdBits;
  private final long referenceBits;
  private final long originBits;
  private final long receiveBits;
  private final long transmitBits;
  private final ExtensionField[] extensionFields;
  private final List<ExtensionField> extensionFieldList;
  private final Mac mac;
  private final int macOffset;

  private NtpPacket(LeapIndicator leap, int version, Mode mode, int stratum, int poll, int precision,
      long rootDelayBits, long rootDispersionBits, int referenceIdBits, long referenceBits, long originBits,
      long receiveBits, long transmitBits, ExtensionField[] fields, Mac mac) {
    this.leap = leap;
    this.version = version;
    this.mode = mode;
    this.stratum = stratum;
    this.poll = poll;
    this.precision = precision;
    this.rootDelayBits = rootDelayBits;
    this.rootDispersionBits = rootDispersionBits;
    this.referenceIdBits = referenceIdBits;
    this.referenceBits = referenceBits;
    this.originBits = originBits;
    this.receiveBits = receiveBits;
    this.transmitBits = transmitBits;
    this.extensionFields = fields;
    this.extensionFieldList = fields.length == 0 ? List.of() : Collections.unmodifiableList(Arrays.asList(fields));
    this.mac = mac;
    int offset = NtpWire.HEADER_LENGTH;
    for (ExtensionField field : fields) {
      offset += field.length();
    }
    this.macOffset = offset;
  }

  /**
   * A builder with every field zero except version 4 and mode {@link Mode#CLIENT}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this packet's fields.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.leap = leap;
    b.version = version;
    b.mode = mode;
    b.stratum = stratum;
    b.poll = poll;
    b.precision = precision;
    b.rootDelay = rootDelay();
    b.rootDispersion = rootDispersion();
    b.referenceId = referenceId();
    b.referenceTimestamp = referenceTimestamp();
    b.originTimestamp = originTimestamp();
    b.receiveTimestamp = receiveTimestamp();
    b.transmitTimestamp = transmitTimestamp();
    for (ExtensionField field : extensionFields) {
      b.addExtensionField(field);
    }
    b.mac = mac;
    return b;
  }

  // ---------------------------------------------------------------------------------------------
  // Decoding

  /**
   * Decodes a datagram with {@link ParsePolicy#server()}.
   *
   * @param datagram the whole datagram
   * @return the packet
   * @throws NtpDecodeException if the datagram is malformed
   */
  public static NtpPacket decode(byte[] datagram) throws NtpDecodeException {
    return decode(datagram, ParsePolicy.server());
  }

  /**
   * Decodes a datagram.
   *
   * @param datagram the whole datagram
   * @param policy the framing rules
   * @return the packet
   * @throws NtpDecodeException if the datagram is malformed
   */
  public static NtpPacket decode(byte[] datagram, ParsePolicy policy) throws NtpDecodeException {
    checkNotNull(datagram, "datagram");
    return decode(ByteBuffer.wrap(datagram), policy);
  }

  /**
   * Decodes the buffer's remaining octets (position to limit) as one datagram with
   * {@link ParsePolicy#server()}. The buffer's position, limit and order are not changed.
   *
   * @param datagram the buffer
   * @return the packet
   * @throws NtpDecodeException if the datagram is malformed
   */
  public static NtpPacket decode(ByteBuffer datagram) throws NtpDecodeException {
    return decode(datagram, ParsePolicy.server());
  }

  /**
   * Decodes the buffer's remaining octets (position to limit) as one datagram. Nothing is read
   * outside them; the buffer's position, limit and order are not changed. Error offsets are
   * relative to the buffer's position.
   *
   * @param datagram the buffer
   * @param policy the framing rules
   * @return the packet
   * @throws NtpDecodeException if the datagram is malformed
   */
  public static NtpPacket decode(ByteBuffer datagram, ParsePolicy policy) throws NtpDecodeException {
    checkNotNull(datagram, "datagram");
    checkNotNull(policy, "policy");
    int base = datagram.position();
    int length = datagram.remaining();
    long scan = Framing.scan(datagram, base, length, policy);
    if (Framing.isError(scan)) {
      throw new NtpDecodeException(Framing.reason(scan), Framing.offset(scan));
    }
    int flags = NtpWire.getU8(datagram, base);
    int macOffset = Framing.macOffset(scan);
    ExtensionField[] fields = NO_FIELDS;
    if (macOffset > NtpWire.HEADER_LENGTH) {
      List<ExtensionField> list = new ArrayList<>();
      for (int pos = NtpWire.HEADER_LENGTH; pos < macOffset; ) {
        int efLength = NtpWire.getU16(datagram, base + pos + 2);
        list.add(ExtensionField.read(datagram, base + pos, efLength));
        pos += efLength;
      }
      fields = list.toArray(NO_FIELDS);
    }
    Mac mac = Framing.tailKind(scan) == NtpWire.TAIL_NONE ? null : Mac.read(datagram, base + macOffset, length - macOffset);
    // Decoded packets keep their fields exactly as received (no padding, no builder checks
    // beyond what framing guarantees), so they re-encode byte for byte.
    return new NtpPacket(LeapIndicator.ofCode(NtpWire.leapOf(flags)), NtpWire.versionOf(flags),
        Mode.ofCode(NtpWire.modeOf(flags)), NtpWire.getU8(datagram, base + NtpWire.OFFSET_STRATUM),
        NtpWire.getI8(datagram, base + NtpWire.OFFSET_POLL), NtpWire.getI8(datagram, base + NtpWire.OFFSET_PRECISION),
        NtpWire.getU32(datagram, base + NtpWire.OFFSET_ROOT_DELAY),
        NtpWire.getU32(datagram, base + NtpWire.OFFSET_ROOT_DISPERSION),
        NtpWire.getI32(datagram, base + NtpWire.OFFSET_REFERENCE_ID),
        NtpWire.getTimestamp(datagram, base + NtpWire.OFFSET_REFERENCE_TIMESTAMP),
        NtpWire.getTimestamp(datagram, base + NtpWire.OFFSET_ORIGIN_TIMESTAMP),
        NtpWire.getTimestamp(datagram, base + NtpWire.OFFSET_RECEIVE_TIMESTAMP),
        NtpWire.getTimestamp(datagram, base + NtpWire.OFFSET_TRANSMIT_TIMESTAMP), fields, mac);
  }

  // ---------------------------------------------------------------------------------------------
  // Encoding

  /**
   * The number of octets {@link #encode(ByteBuffer)} writes.
   *
   * @return header, extension fields and MAC
   */
  public int encodedLength() {
    return macOffset + (mac == null ? 0 : mac.encodedLength());
  }

  /**
   * The offset of the MAC: the octets before it (header and extension fields) are what a MAC
   * covers. Equal to {@link #encodedLength()} when there is no MAC.
   *
   * @return 48 plus the extension fields' lengths
   */
  public int macOffset() {
    return macOffset;
  }

  /**
   * Writes the packet at the buffer's position and advances it by {@link #encodedLength()}.
   * Allocates nothing and writes nothing if the packet does not fit.
   *
   * @param buffer the destination, any byte order (the wire order is always big-endian)
   * @throws BufferOverflowException if fewer than {@link #encodedLength()} octets remain
   * @throws java.nio.ReadOnlyBufferException if the buffer is read-only
   */
  public void encode(ByteBuffer buffer) {
    if (buffer.remaining() < encodedLength()) {
      throw new BufferOverflowException();
    }
    int index = buffer.position();
    // Every field was range-checked when the packet was built or decoded: write without checks.
    NtpWire.writeHeader(buffer, index, leap.code() << 6 | version << 3 | mode.code(), stratum, poll, precision,
        (int) rootDelayBits, (int) rootDispersionBits, referenceIdBits, referenceBits, originBits, receiveBits,
        transmitBits);
    buffer.position(index + NtpWire.HEADER_LENGTH);
    for (ExtensionField field : extensionFields) {
      field.encode(buffer);
    }
    if (mac != null) {
      mac.encode(buffer);
    }
  }

  /**
   * The packet's octets in a new array.
   *
   * @return {@link #encodedLength()} octets
   */
  public byte[] toByteArray() {
    byte[] out = new byte[encodedLength()];
    encode(ByteBuffer.wrap(out));
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Accessors

  /**
   * The leap indicator.
   *
   * @return the indicator
   */
  public LeapIndicator leap() {
    return leap;
  }

  /**
   * The version number.
   *
   * @return 1..4
   */
  public int version() {
    return version;
  }

  /**
   * The mode.
   *
   * @return the mode
   */
  public Mode mode() {
    return mode;
  }

  /**
   * The stratum as on the wire.
   *
   * @return 0..255
   */
  public int stratum() {
    return stratum;
  }

  /**
   * The stratum as RFC 5905 section 7.3 stores it in a peer variable: wire 0 (kiss-o'-death or
   * unspecified) reads as 16, unsynchronized.
   *
   * @return 1..255
   */
  public int effectiveStratum() {
    return stratum == 0 ? TimeSourceStatus.UNSYNCHRONIZED_STRATUM : stratum;
  }

  /**
   * Whether this is a kiss-o'-death: stratum 0 (RFC 5905 section 7.4). Its receive and transmit
   * timestamps must not be used.
   *
   * @return true for stratum 0
   */
  public boolean isKissOfDeath() {
    return stratum == 0;
  }

  /**
   * The registered kiss code of a kiss-o'-death.
   *
   * @return the code, or empty if the stratum is not 0 or the reference id is not a registered code
   */
  public Optional<KissCode> kissCode() {
    return stratum == 0 ? KissCode.of(referenceId()) : Optional.empty();
  }

  /**
   * The poll exponent: the maximum interval between successive messages, log2 seconds.
   *
   * @return -128..127
   */
  public int poll() {
    return poll;
  }

  /**
   * The precision exponent of the sender's clock, log2 seconds (-18 is about 1 µs).
   *
   * @return -128..127
   */
  public int precision() {
    return precision;
  }

  /**
   * The root delay, unsigned 16.16 seconds.
   *
   * @return the root delay
   */
  public NtpShort rootDelay() {
    return NtpShort.ofBits(rootDelayBits);
  }

  /**
   * The root dispersion, unsigned 16.16 seconds.
   *
   * @return the root dispersion
   */
  public NtpShort rootDispersion() {
    return NtpShort.ofBits(rootDispersionBits);
  }

  /**
   * The raw reference id.
   *
   * @return four bytes
   */
  public ReferenceId referenceId() {
    return ReferenceId.ofBits(referenceIdBits);
  }

  /**
   * What the reference id means at this packet's stratum.
   *
   * @return the interpretation
   */
  public ReferenceIdMeaning referenceIdMeaning() {
    return ReferenceIdMeaning.of(stratum, referenceId());
  }

  /**
   * The reference timestamp: when the sender's clock was last set or corrected.
   *
   * @return the timestamp, {@link NtpTimestamp#UNKNOWN} if never
   */
  public NtpTimestamp referenceTimestamp() {
    return NtpTimestamp.ofBits(referenceBits);
  }

  /**
   * The origin timestamp (T1): in a reply, the request's transmit timestamp echoed bit for bit.
   *
   * @return the timestamp
   */
  public NtpTimestamp originTimestamp() {
    return NtpTimestamp.ofBits(originBits);
  }

  /**
   * The receive timestamp (T2): when the server received the request.
   *
   * @return the timestamp
   */
  public NtpTimestamp receiveTimestamp() {
    return NtpTimestamp.ofBits(receiveBits);
  }

  /**
   * The transmit timestamp (T3): when the packet left its sender; in a data-minimized request an
   * unpredictable value.
   *
   * @return the timestamp
   */
  public NtpTimestamp transmitTimestamp() {
    return NtpTimestamp.ofBits(transmitBits);
  }

  /**
   * The extension fields in wire order.
   *
   * @return an unmodifiable list, empty before version 4
   */
  public List<ExtensionField> extensionFields() {
    return extensionFieldList;
  }

  /**
   * The MAC or crypto-NAK that ends the packet.
   *
   * @return the MAC, {@link Mac#CRYPTO_NAK}, or empty
   */
  public Optional<Mac> mac() {
    return Optional.ofNullable(mac);
  }

  /**
   * Whether the packet ends in a crypto-NAK.
   *
   * @return true if the MAC is {@link Mac#CRYPTO_NAK}
   */
  public boolean isCryptoNak() {
    return mac != null && mac.isCryptoNak();
  }

  /**
   * This packet with another MAC, for a signer that has computed the digest over the first
   * {@link #macOffset()} octets.
   *
   * @param newMac the MAC or {@link Mac#CRYPTO_NAK}
   * @return the packet
   * @throws IllegalArgumentException if the MAC does not fit this version (see
   *     {@link Builder#mac(Mac)})
   */
  public NtpPacket withMac(Mac newMac) {
    return toBuilder().mac(newMac).build();
  }

  /**
   * This packet without MAC or crypto-NAK.
   *
   * @return the packet
   */
  public NtpPacket withoutMac() {
    return mac == null ? this : toBuilder().noMac().build();
  }

  @Override
  public boolean equals(Object obj) {
    if (this == obj) {
      return true;
    }
    if (!(obj instanceof NtpPacket)) {
      return false;
    }
    NtpPacket o = (NtpPacket) obj;
    return leap == o.leap && version == o.version && mode == o.mode && stratum == o.stratum && poll == o.poll
        && precision == o.precision && rootDelayBits == o.rootDelayBits && rootDispersionBits == o.rootDispersionBits
        && referenceIdBits == o.referenceIdBits && referenceBits == o.referenceBits && originBits == o.originBits
        && receiveBits == o.receiveBits && transmitBits == o.transmitBits
        && Arrays.equals(extensionFields, o.extensionFields)
        && Objects.equals(mac, o.mac);
  }

  @Override
  public int hashCode() {
    // Folded by hand: Objects.hash would box the seven wire values.
    int h = Objects.hash(leap, mode, mac);
    h = 31 * h + (version << 24 | stratum << 16 | (poll & 0xFF) << 8 | (precision & 0xFF));
    h = 31 * h + Long.hashCode(rootDelayBits << 32 | rootDispersionBits);
    h = 31 * h + referenceIdBits;
    h = 31 * h + Long.hashCode(referenceBits);
    h = 31 * h + Long.hashCode(originBits);
    h = 31 * h + Long.hashCode(receiveBits);
    h = 31 * h + Long.hashCode(transmitBits);
    return 31 * h + Arrays.hashCode(extensionFields);
  }

  /** Every field, timestamps in hex, for example {@code NtpPacket[v4 SERVER LI=NO_WARNING ...]}. */
  @Override
  public String toString() {
    return "NtpPacket[v" + version + " " + mode + " LI=" + leap + " stratum=" + stratum + " poll=" + poll
        + " precision=" + precision + " rootDelay=" + rootDelay() + " rootDisp=" + rootDispersion()
        + " refid=" + referenceId().describe(stratum) + " ref=" + referenceTimestamp() + " org=" + originTimestamp()
        + " rec=" + receiveTimestamp() + " xmt=" + transmitTimestamp()
        + (extensionFields.length == 0 ? "" : " ef=" + extensionFieldList)
        + (mac == null ? "" : " mac=" + mac) + "]";
  }

  /**
   * Builds packets; every setter rejects out-of-range values with
   * {@link IllegalArgumentException}, nothing is masked. Not thread-safe.
   */
  public static final class Builder {
    private LeapIndicator leap = LeapIndicator.NO_WARNING;
    private int version = 4;
    private Mode mode = Mode.CLIENT;
    private int stratum;
    private int poll;
    private int precision;
    private NtpShort rootDelay = NtpShort.ZERO;
    private NtpShort rootDispersion = NtpShort.ZERO;
    private ReferenceId referenceId = ReferenceId.ZERO;
    private NtpTimestamp referenceTimestamp = NtpTimestamp.UNKNOWN;
    private NtpTimestamp originTimestamp = NtpTimestamp.UNKNOWN;
    private NtpTimestamp receiveTimestamp = NtpTimestamp.UNKNOWN;
    private NtpTimestamp transmitTimestamp = NtpTimestamp.UNKNOWN;
    private List<ExtensionField> extensionFields; // created on the first field: most packets have none
    private Mac mac;

    private Builder() {}

    /**
     * Sets the leap indicator.
     *
     * @param value the indicator
     * @return this builder
     */
    public Builder leap(LeapIndicator value) {
      this.leap = checkNotNull(value, "leap");
      return this;
    }

    /**
     * Sets the version number.
     *
     * @param value 1..4 (this library originates 3 and 4; 1 and 2 answer old requests)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder version(int value) {
      checkArgument(value >= 1 && value <= 4, "version out of range 1..4: %s", value);
      this.version = value;
      return this;
    }

    /**
     * Sets the mode.
     *
     * @param value the mode
     * @return this builder
     */
    public Builder mode(Mode value) {
      this.mode = checkNotNull(value, "mode");
      return this;
    }

    /**
     * Sets the stratum exactly as it goes on the wire.
     *
     * @param value 0..255
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder stratum(int value) {
      checkArgument(value >= 0 && value <= 255, "stratum out of range 0..255: %s", value);
      this.stratum = value;
      return this;
    }

    /**
     * Sets the stratum from a system stratum the way RFC 5905 section 7.3 transmits it: 1..15 as
     * is, 16 (unsynchronized, MAXSTRAT) and above as 0.
     *
     * @param systemStratum 1..255
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder systemStratum(int systemStratum) {
      checkArgument(systemStratum >= 1 && systemStratum <= 255, "system stratum out of range 1..255: %s",
          systemStratum);
      this.stratum = systemStratum >= TimeSourceStatus.UNSYNCHRONIZED_STRATUM ? 0 : systemStratum;
      return this;
    }

    /**
     * Sets the poll exponent.
     *
     * @param value log2 seconds, -128..127
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder poll(int value) {
      checkArgument(value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE, "poll out of range -128..127: %s", value);
      this.poll = value;
      return this;
    }

    /**
     * Sets the precision exponent.
     *
     * @param value log2 seconds, -128..127
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder precision(int value) {
      checkArgument(value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE, "precision out of range -128..127: %s",
          value);
      this.precision = value;
      return this;
    }

    /**
     * Sets the root delay.
     *
     * @param value unsigned 16.16 seconds
     * @return this builder
     */
    public Builder rootDelay(NtpShort value) {
      this.rootDelay = checkNotNull(value, "rootDelay");
      return this;
    }

    /**
     * Sets the root dispersion.
     *
     * @param value unsigned 16.16 seconds
     * @return this builder
     */
    public Builder rootDispersion(NtpShort value) {
      this.rootDispersion = checkNotNull(value, "rootDispersion");
      return this;
    }

    /**
     * Sets the reference id.
     *
     * @param value the four bytes
     * @return this builder
     */
    public Builder referenceId(ReferenceId value) {
      this.referenceId = checkNotNull(value, "referenceId");
      return this;
    }

    /**
     * Makes this a kiss-o'-death: stratum 0 and the code in the reference id. Other fields are
     * left as set (ntpd-rs zeroes them, chrony also sets LI=3).
     *
     * @param code the kiss code
     * @return this builder
     */
    public Builder kissCode(KissCode code) {
      checkNotNull(code, "code");
      this.stratum = 0;
      this.referenceId = code.toReferenceId();
      return this;
    }

    /**
     * Sets the reference timestamp.
     *
     * @param value the timestamp
     * @return this builder
     */
    public Builder referenceTimestamp(NtpTimestamp value) {
      this.referenceTimestamp = checkNotNull(value, "referenceTimestamp");
      return this;
    }

    /**
     * Sets the origin timestamp.
     *
     * @param value the timestamp
     * @return this builder
     */
    public Builder originTimestamp(NtpTimestamp value) {
      this.originTimestamp = checkNotNull(value, "originTimestamp");
      return this;
    }

    /**
     * Sets the receive timestamp.
     *
     * @param value the timestamp
     * @return this builder
     */
    public Builder receiveTimestamp(NtpTimestamp value) {
      this.receiveTimestamp = checkNotNull(value, "receiveTimestamp");
      return this;
    }

    /**
     * Sets the transmit timestamp.
     *
     * @param value the timestamp
     * @return this builder
     */
    public Builder transmitTimestamp(NtpTimestamp value) {
      this.transmitTimestamp = checkNotNull(value, "transmitTimestamp");
      return this;
    }

    /**
     * Copies a time source's status into the server fields: leap indicator, stratum (16 goes out
     * as 0, {@link #systemStratum(int)}), precision, root delay, root dispersion, reference id and
     * reference timestamp.
     *
     * @param status the server's state
     * @return this builder
     */
    public Builder status(TimeSourceStatus status) {
      checkNotNull(status, "status");
      leap(status.leap());
      systemStratum(status.stratum());
      precision(status.precision());
      rootDelay(status.rootDelay());
      rootDispersion(status.rootDispersion());
      referenceId(status.referenceId());
      referenceTimestamp(status.referenceTime());
      return this;
    }

    /**
     * Appends an extension field (version 4 only, checked by {@link #build()}).
     *
     * @param field the field
     * @return this builder
     */
    public Builder addExtensionField(ExtensionField field) {
      checkNotNull(field, "field");
      if (extensionFields == null) {
        extensionFields = new ArrayList<>();
      }
      extensionFields.add(field);
      return this;
    }

    /**
     * Removes all extension fields.
     *
     * @return this builder
     */
    public Builder clearExtensionFields() {
      extensionFields = null;
      return this;
    }

    /**
     * Sets the MAC or crypto-NAK. Version 4 packets take digests of at most
     * {@link Mac#MAX_V4_DIGEST_LENGTH} octets (checked by {@link #build()}).
     *
     * @param value a MAC or {@link Mac#CRYPTO_NAK}
     * @return this builder
     */
    public Builder mac(Mac value) {
      this.mac = checkNotNull(value, "mac");
      return this;
    }

    /**
     * Sets the crypto-NAK as the packet's MAC.
     *
     * @return this builder
     */
    public Builder cryptoNak() {
      return mac(Mac.CRYPTO_NAK);
    }

    /**
     * Removes the MAC or crypto-NAK.
     *
     * @return this builder
     */
    public Builder noMac() {
      this.mac = null;
      return this;
    }

    /**
     * Builds the packet. When there are extension fields and no MAC with a digest follows, the
     * last field is zero-padded to 28 octets as RFC 7822 section 7 requires of senders; a MAC
     * longer than 24 octets cannot follow an NTPv4 header.
     *
     * @return the packet
     * @throws IllegalArgumentException if extension fields are set for a version below 4, a MAC
     *     digest is too long for the version, or an extension field followed by a MAC is so short
     *     that a receiver would take both for one MAC
     * @throws IllegalStateException never in practice; reserved for internal consistency
     */
    public NtpPacket build() {
      ExtensionField[] fields = extensionFields == null ? NO_FIELDS : extensionFields.toArray(NO_FIELDS);
      if (fields.length > 0) {
        checkArgument(version == 4, "extension fields need version 4, not %s", version);
        int last = fields.length - 1;
        if (mac == null || mac.isCryptoNak()) {
          fields[last] = fields[last].paddedTo(ExtensionField.MIN_LAST_LENGTH);
        }
        checkArgument(fields[last].length() + (mac == null ? 0 : mac.encodedLength()) > NtpWire.MAX_V4_MAC_LENGTH,
            "the last extension field (%s octets) and the MAC would read as one MAC; use fields of 16 octets or more",
            fields[last].length());
      }
      if (mac != null && version == 4) {
        checkArgument(mac.digestLength() <= Mac.MAX_V4_DIGEST_LENGTH,
            "NTPv4 digests are at most 20 octets (truncate, RFC 8573): %s", mac.digestLength());
      }
      NtpPacket packet = new NtpPacket(leap, version, mode, stratum, poll, precision, rootDelay.toBits(),
          rootDispersion.toBits(), referenceId.toBits(), referenceTimestamp.toBits(), originTimestamp.toBits(),
          receiveTimestamp.toBits(), transmitTimestamp.toBits(), fields, mac);
      checkState(packet.encodedLength() >= NtpWire.HEADER_LENGTH);
      return packet;
    }
  }
}
