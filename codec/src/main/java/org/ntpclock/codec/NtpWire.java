package org.ntpclock.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Allocation-free static helpers for reading and writing NTP header fields at absolute indexes of
 * a {@link ByteBuffer}, for hot paths such as a server responder writing into its send buffer.
 *
 * <p>All multi-octet fields are big-endian on the wire whatever the buffer's {@link ByteOrder}; no
 * method changes the buffer's position, limit or order. Timestamps travel as raw 64-bit
 * {@code long} bits (seconds in the high half), short-format values and key ids as unsigned 32-bit
 * values in a {@code long}, the reference id as an {@code int}. Writers check argument ranges and
 * throw {@link IllegalArgumentException} rather than mask; index errors surface as
 * {@link IndexOutOfBoundsException} from the buffer.
 */
public final class NtpWire {
  /** The header length in octets. */
  public static final int HEADER_LENGTH = 48;
  /** Offset of the LI/VN/mode octet. */
  public static final int OFFSET_FLAGS = 0;
  /** Offset of the stratum octet. */
  public static final int OFFSET_STRATUM = 1;
  /** Offset of the poll exponent octet (signed). */
  public static final int OFFSET_POLL = 2;
  /** Offset of the precision exponent octet (signed). */
  public static final int OFFSET_PRECISION = 3;
  /** Offset of the root delay (short format). */
  public static final int OFFSET_ROOT_DELAY = 4;
  /** Offset of the root dispersion (short format). */
  public static final int OFFSET_ROOT_DISPERSION = 8;
  /** Offset of the reference id. */
  public static final int OFFSET_REFERENCE_ID = 12;
  /** Offset of the reference timestamp. */
  public static final int OFFSET_REFERENCE_TIMESTAMP = 16;
  /** Offset of the origin timestamp (the client's transmit timestamp, echoed). */
  public static final int OFFSET_ORIGIN_TIMESTAMP = 24;
  /** Offset of the receive timestamp (T2). */
  public static final int OFFSET_RECEIVE_TIMESTAMP = 32;
  /** Offset of the transmit timestamp (T3). */
  public static final int OFFSET_TRANSMIT_TIMESTAMP = 40;
  /** The crypto-NAK's length: four zero octets. */
  public static final int CRYPTO_NAK_LENGTH = 4;
  /** Shortest MAC: key id and a 16-octet digest. */
  public static final int MIN_MAC_LENGTH = 20;
  /** Longest MAC in an NTPv4 packet: key id and a 20-octet digest (RFC 8573; chrony). */
  public static final int MAX_V4_MAC_LENGTH = 24;
  /** Longest MAC accepted in packets of version 1..3 (the 72-octet MS-SNTP extended tail). */
  public static final int MAX_V3_MAC_LENGTH = 72;

  /** {@link #tailKind}: nothing follows the header and extension fields. */
  public static final int TAIL_NONE = 0;
  /** {@link #tailKind}: a crypto-NAK follows the header and extension fields. */
  public static final int TAIL_CRYPTO_NAK = 1;
  /** {@link #tailKind}: a MAC with a digest follows the header and extension fields. */
  public static final int TAIL_MAC = 2;
  /** {@link #tailKind}: what follows is neither a MAC nor a crypto-NAK. */
  public static final int TAIL_MALFORMED = -1;

  private NtpWire() {}

  /**
   * The first header octet.
   *
   * @param leap leap indicator 0..3
   * @param version version number 0..7
   * @param mode mode 0..7
   * @return {@code leap << 6 | version << 3 | mode}
   * @throws IllegalArgumentException if a value is out of range
   */
  public static int flags(int leap, int version, int mode) {
    if ((leap & ~3) != 0 || (version & ~7) != 0 || (mode & ~7) != 0) {
      throw new IllegalArgumentException("leap 0..3, version 0..7, mode 0..7 required: "
          + leap + ", " + version + ", " + mode);
    }
    return leap << 6 | version << 3 | mode;
  }

  /**
   * The leap indicator of a first octet.
   *
   * @param flags the first octet, 0..255
   * @return 0..3
   */
  public static int leapOf(int flags) {
    return (flags >>> 6) & 3;
  }

  /**
   * The version number of a first octet.
   *
   * @param flags the first octet, 0..255
   * @return 0..7
   */
  public static int versionOf(int flags) {
    return (flags >>> 3) & 7;
  }

  /**
   * The mode of a first octet.
   *
   * @param flags the first octet, 0..255
   * @return 0..7
   */
  public static int modeOf(int flags) {
    return flags & 7;
  }

  /**
   * An unsigned octet.
   *
   * @param buffer the source
   * @param index absolute index
   * @return 0..255
   */
  public static int getU8(ByteBuffer buffer, int index) {
    return buffer.get(index) & 0xFF;
  }

  /**
   * A signed octet (poll, precision).
   *
   * @param buffer the source
   * @param index absolute index
   * @return -128..127
   */
  public static int getI8(ByteBuffer buffer, int index) {
    return buffer.get(index);
  }

  /**
   * A big-endian unsigned 16-bit value.
   *
   * @param buffer the source
   * @param index absolute index
   * @return 0..65535
   */
  public static int getU16(ByteBuffer buffer, int index) {
    return (buffer.get(index) & 0xFF) << 8 | (buffer.get(index + 1) & 0xFF);
  }

  /**
   * A big-endian 32-bit value as raw bits (reference id).
   *
   * @param buffer the source
   * @param index absolute index
   * @return the bits, first octet most significant
   */
  public static int getI32(ByteBuffer buffer, int index) {
    int v = buffer.getInt(index);
    return buffer.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
  }

  /**
   * A big-endian unsigned 32-bit value (short format, key id).
   *
   * @param buffer the source
   * @param index absolute index
   * @return 0..2<sup>32</sup>-1
   */
  public static long getU32(ByteBuffer buffer, int index) {
    return Integer.toUnsignedLong(getI32(buffer, index));
  }

  /**
   * A big-endian 64-bit timestamp as raw bits.
   *
   * @param buffer the source
   * @param index absolute index
   * @return seconds in the high 32 bits, fraction in the low 32 bits
   */
  public static long getTimestamp(ByteBuffer buffer, int index) {
    long v = buffer.getLong(index);
    return buffer.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
  }

  /**
   * Writes an unsigned octet.
   *
   * @param buffer the destination
   * @param index absolute index
   * @param value 0..255
   * @throws IllegalArgumentException if out of range
   */
  public static void putU8(ByteBuffer buffer, int index, int value) {
    if ((value & ~0xFF) != 0) {
      throw new IllegalArgumentException("unsigned octet out of range 0..255: " + value);
    }
    buffer.put(index, (byte) value);
  }

  /**
   * Writes a signed octet (poll, precision).
   *
   * @param buffer the destination
   * @param index absolute index
   * @param value -128..127
   * @throws IllegalArgumentException if out of range
   */
  public static void putI8(ByteBuffer buffer, int index, int value) {
    if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("signed octet out of range -128..127: " + value);
    }
    buffer.put(index, (byte) value);
  }

  /**
   * Writes a big-endian unsigned 16-bit value.
   *
   * @param buffer the destination
   * @param index absolute index
   * @param value 0..65535
   * @throws IllegalArgumentException if out of range
   */
  public static void putU16(ByteBuffer buffer, int index, int value) {
    if ((value & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("unsigned 16-bit value out of range 0..65535: " + value);
    }
    buffer.put(index, (byte) (value >>> 8));
    buffer.put(index + 1, (byte) value);
  }

  /**
   * Writes 32 raw bits big-endian (reference id).
   *
   * @param buffer the destination
   * @param index absolute index
   * @param bits the bits, first octet most significant
   */
  public static void putI32(ByteBuffer buffer, int index, int bits) {
    buffer.putInt(index, buffer.order() == ByteOrder.BIG_ENDIAN ? bits : Integer.reverseBytes(bits));
  }

  /**
   * Writes a big-endian unsigned 32-bit value (short format, key id).
   *
   * @param buffer the destination
   * @param index absolute index
   * @param value 0..2<sup>32</sup>-1
   * @throws IllegalArgumentException if out of range
   */
  public static void putU32(ByteBuffer buffer, int index, long value) {
    if ((value & ~0xFFFF_FFFFL) != 0) {
      throw new IllegalArgumentException("unsigned 32-bit value out of range: " + value);
    }
    putI32(buffer, index, (int) value);
  }

  /**
   * Writes a 64-bit timestamp big-endian.
   *
   * @param buffer the destination
   * @param index absolute index
   * @param bits raw timestamp bits, seconds in the high half
   */
  public static void putTimestamp(ByteBuffer buffer, int index, long bits) {
    buffer.putLong(index, buffer.order() == ByteOrder.BIG_ENDIAN ? bits : Long.reverseBytes(bits));
  }

  /**
   * Writes a whole 48-octet header from primitives. Allocates nothing; checks every range before
   * writing anything.
   *
   * @param buffer the destination
   * @param index absolute index of the first header octet
   * @param leap leap indicator 0..3
   * @param version version number 1..4
   * @param mode mode 0..7
   * @param stratum stratum 0..255 as it goes on the wire (a system stratum of 16 goes out as 0)
   * @param poll poll exponent -128..127
   * @param precision precision exponent -128..127
   * @param rootDelayBits root delay, short format 0..2<sup>32</sup>-1
   * @param rootDispersionBits root dispersion, short format 0..2<sup>32</sup>-1
   * @param referenceIdBits reference id bits
   * @param referenceBits reference timestamp bits
   * @param originBits origin timestamp bits
   * @param receiveBits receive timestamp bits
   * @param transmitBits transmit timestamp bits
   * @throws IllegalArgumentException if a value is out of range
   * @throws IndexOutOfBoundsException if the header does not fit below the buffer's limit
   */
  public static void putHeader(ByteBuffer buffer, int index, int leap, int version, int mode, int stratum,
      int poll, int precision, long rootDelayBits, long rootDispersionBits, int referenceIdBits,
      long referenceBits, long originBits, long receiveBits, long transmitBits) {
    // The checks only branch here; building a message is left to a cold method, so this stays
    // small enough for C2 to inline into its caller and fold constant arguments.
    if ((leap & ~3) != 0 || version < 1 || version > 4 || (mode & ~7) != 0 || (stratum & ~0xFF) != 0
        || poll != (byte) poll || precision != (byte) precision
        || ((rootDelayBits | rootDispersionBits) & ~0xFFFF_FFFFL) != 0) {
      throw headerOutOfRange(leap, version, mode, stratum, poll, precision, rootDelayBits, rootDispersionBits);
    }
    // An intrinsic check with its message built out of line: a compact method C2 will inline.
    Objects.checkFromIndexSize(index, HEADER_LENGTH, buffer.limit());
    writeHeader(buffer, index, leap << 6 | version << 3 | mode, stratum, poll, precision, (int) rootDelayBits,
        (int) rootDispersionBits, referenceIdBits, referenceBits, originBits, receiveBits, transmitBits);
  }

  private static IllegalArgumentException headerOutOfRange(int leap, int version, int mode, int stratum, int poll,
      int precision, long rootDelayBits, long rootDispersionBits) {
    if (version < 1 || version > 4) {
      return new IllegalArgumentException("version out of range 1..4: " + version);
    }
    if ((leap & ~3) != 0 || (mode & ~7) != 0) {
      return new IllegalArgumentException("leap 0..3 and mode 0..7 required: " + leap + ", " + mode);
    }
    return new IllegalArgumentException("header field out of range: stratum " + stratum + ", poll " + poll
        + ", precision " + precision + ", root delay " + rootDelayBits + ", root dispersion " + rootDispersionBits);
  }

  /**
   * Writes a 48-octet header of fields the caller has already checked (a built or decoded
   * {@link NtpPacket}, or {@link #putHeader}): no range checks, only the buffer's own bounds checks.
   */
  static void writeHeader(ByteBuffer buffer, int index, int flags, int stratum, int poll, int precision,
      int rootDelayBits, int rootDispersionBits, int referenceIdBits, long referenceBits, long originBits,
      long receiveBits, long transmitBits) {
    // Six 8-octet stores instead of eleven field stores: the first word holds the four one-octet
    // fields and the root delay, the second root dispersion and reference id. Fewer bounds
    // checks, and compiled code small enough for C2 to inline into callers.
    long word0 = (long) (flags & 0xFF) << 56 | (long) (stratum & 0xFF) << 48 | (long) (poll & 0xFF) << 40
        | (long) (precision & 0xFF) << 32 | (rootDelayBits & 0xFFFF_FFFFL);
    long word1 = (long) rootDispersionBits << 32 | (referenceIdBits & 0xFFFF_FFFFL);
    if (buffer.order() != ByteOrder.BIG_ENDIAN) {
      word0 = Long.reverseBytes(word0);
      word1 = Long.reverseBytes(word1);
      referenceBits = Long.reverseBytes(referenceBits);
      originBits = Long.reverseBytes(originBits);
      receiveBits = Long.reverseBytes(receiveBits);
      transmitBits = Long.reverseBytes(transmitBits);
    }
    buffer.putLong(index, word0);
    buffer.putLong(index + OFFSET_ROOT_DISPERSION, word1);
    buffer.putLong(index + OFFSET_REFERENCE_TIMESTAMP, referenceBits);
    buffer.putLong(index + OFFSET_ORIGIN_TIMESTAMP, originBits);
    buffer.putLong(index + OFFSET_RECEIVE_TIMESTAMP, receiveBits);
    buffer.putLong(index + OFFSET_TRANSMIT_TIMESTAMP, transmitBits);
  }

  /**
   * The one rule for what may follow the header and extension fields: nothing, a crypto-NAK (four
   * zero octets), or a MAC of a key id and a digest of at least 16 octets, at most
   * {@code maxMacLength} octets in all.
   *
   * @param buffer the datagram
   * @param index absolute index of the first octet after the extension fields
   * @param length how many octets follow, to the end of the datagram
   * @param maxMacLength the longest MAC allowed ({@link #MAX_V4_MAC_LENGTH} for NTPv4,
   *     {@link #MAX_V3_MAC_LENGTH} for earlier versions)
   * @return {@link #TAIL_NONE}, {@link #TAIL_CRYPTO_NAK}, {@link #TAIL_MAC} or {@link #TAIL_MALFORMED}
   */
  public static int tailKind(ByteBuffer buffer, int index, int length, int maxMacLength) {
    if (length == 0) {
      return TAIL_NONE;
    }
    if (length == CRYPTO_NAK_LENGTH) {
      return buffer.getInt(index) == 0 ? TAIL_CRYPTO_NAK : TAIL_MALFORMED;
    }
    return length >= MIN_MAC_LENGTH && length <= maxMacLength ? TAIL_MAC : TAIL_MALFORMED;
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
