package org.ntpclock.codec;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An NTPv4 extension field (RFC 7822 section 3, RFC 5905 section 7.5): a 16-bit field type, a
 * 16-bit length of the whole field including its 4-octet header and zero padding, and the value.
 *
 * <p>The codec does not interpret field types: every field, known or not, is kept as its type and
 * its body, the octets after the header <em>including</em> any padding, so that whatever decodes
 * re-encodes byte for byte. {@link #of(int, byte[])} pads a value with zeros to a 4-octet boundary
 * and to the 16-octet minimum; {@link #ofBody(int, byte[])} takes a body exactly as it is on the
 * wire.
 *
 * <p>Immutable: the body is copied in and out.
 */
public final class ExtensionField {
  /** NTS Unique Identifier (RFC 8915 section 5.3). */
  public static final int NTS_UNIQUE_IDENTIFIER = 0x0104;
  /** NTS Cookie (RFC 8915 section 5.4). */
  public static final int NTS_COOKIE = 0x0204;
  /** NTS Cookie Placeholder (RFC 8915 section 5.5). */
  public static final int NTS_COOKIE_PLACEHOLDER = 0x0304;
  /** NTS Authenticator and Encrypted Extension Fields (RFC 8915 section 5.6). */
  public static final int NTS_AUTHENTICATOR = 0x0404;

  /** The smallest field RFC 7822 allows: 16 octets. */
  public static final int MIN_LENGTH = 16;
  /** The smallest last field when no MAC follows (RFC 7822 section 7): 28 octets. */
  public static final int MIN_LAST_LENGTH = 28;
  /** The largest field the 16-bit length can describe, rounded down to a 4-octet boundary. */
  public static final int MAX_LENGTH = 0xFFFC;

  private final int type;
  private final byte[] body;

  private ExtensionField(int type, byte[] body) {
    this.type = type;
    this.body = body;
  }

  /**
   * A field holding a value, zero-padded to a 4-octet boundary and to at least {@link #MIN_LENGTH}
   * octets in all.
   *
   * @param type the field type, 0..65535
   * @param value the value; copied
   * @return the field
   * @throws IllegalArgumentException if the type is out of range or the field would exceed
   *     {@link #MAX_LENGTH}
   */
  public static ExtensionField of(int type, byte[] value) {
    return ofPadded(type, value, MIN_LENGTH);
  }

  /**
   * A field holding a value, zero-padded to a 4-octet boundary and to at least {@code minLength}
   * octets in all.
   *
   * @param type the field type, 0..65535
   * @param value the value; copied
   * @param minLength the smallest total length, 4..{@link #MAX_LENGTH}
   * @return the field
   * @throws IllegalArgumentException if a value is out of range or the field would exceed
   *     {@link #MAX_LENGTH}
   */
  public static ExtensionField ofPadded(int type, byte[] value, int minLength) {
    checkNotNull(value, "value");
    checkArgument(minLength >= 4 && minLength <= MAX_LENGTH, "minLength out of range 4..65532: %s", minLength);
    checkArgument(value.length <= MAX_LENGTH - 4, "value too long for an extension field: %s", value.length);
    int bodyLength = Math.max((value.length + 3) & ~3, minLength - 4);
    return ofBody(type, Arrays.copyOf(value, (bodyLength + 3) & ~3));
  }

  /**
   * A field with the body exactly as it appears on the wire after the 4-octet header.
   *
   * @param type the field type, 0..65535
   * @param body the octets after the header, padding included; a multiple of 4 octets long, at
   *     most {@link #MAX_LENGTH} - 4; copied
   * @return the field
   * @throws IllegalArgumentException if out of range
   */
  public static ExtensionField ofBody(int type, byte[] body) {
    checkArgument(type >= 0 && type <= 0xFFFF, "extension field type out of range 0..65535: %s", type);
    checkNotNull(body, "body");
    checkArgument(body.length % 4 == 0, "extension field body must be a multiple of 4 octets: %s", body.length);
    checkArgument(body.length <= MAX_LENGTH - 4, "extension field body too long: %s", body.length);
    return new ExtensionField(type, body.clone());
  }

  /**
   * The field type.
   *
   * @return 0..65535
   */
  public int type() {
    return type;
  }

  /**
   * The whole field's length as written in its length field.
   *
   * @return octets including the header, a multiple of 4
   */
  public int length() {
    return 4 + body.length;
  }

  /**
   * The body: the octets after the header, padding included.
   *
   * @return a copy
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * This field zero-padded to at least a total length.
   *
   * @param minLength the smallest total length, 4..{@link #MAX_LENGTH}
   * @return this field if already long enough, else a padded copy
   * @throws IllegalArgumentException if out of range
   */
  public ExtensionField paddedTo(int minLength) {
    checkArgument(minLength >= 4 && minLength <= MAX_LENGTH, "minLength out of range 4..65532: %s", minLength);
    if (length() >= minLength) {
      return this;
    }
    return new ExtensionField(type, Arrays.copyOf(body, ((minLength + 3) & ~3) - 4));
  }

  /**
   * Writes the field at the buffer's position, advancing it. Allocates nothing.
   *
   * @param buffer the destination with at least {@link #length()} octets remaining
   * @throws BufferOverflowException if there is not enough room
   */
  public void encode(ByteBuffer buffer) {
    if (buffer.remaining() < length()) {
      throw new BufferOverflowException();
    }
    int index = buffer.position();
    NtpWire.putU16(buffer, index, type);
    NtpWire.putU16(buffer, index + 2, length());
    buffer.position(index + 4);
    buffer.put(body);
  }

  /**
   * Reads a field whose bounds the caller has checked.
   *
   * @param buffer the source
   * @param index absolute index of the field header
   * @param length the field's total length
   * @return the field
   */
  static ExtensionField read(ByteBuffer buffer, int index, int length) {
    byte[] body = new byte[length - 4];
    buffer.get(index + 4, body);
    return new ExtensionField(NtpWire.getU16(buffer, index), body);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof ExtensionField && ((ExtensionField) obj).type == type
        && Arrays.equals(((ExtensionField) obj).body, body);
  }

  @Override
  public int hashCode() {
    return type * 31 + Arrays.hashCode(body);
  }

  /** Type in hex, length and body in hex, for example {@code EF[0x0104, 36: 00ff...]}. */
  @Override
  public String toString() {
    return String.format("EF[0x%04x, %d: %s]", type, length(), NtpWire.hex(body));
  }
}
