package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkArgument;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ntpclock.codec.ExtensionField;
import org.ntpclock.codec.NtpPacket;

/**
 * The NTS extension fields of RFC 8915 section 5: Unique Identifier, NTS Cookie, Cookie Placeholder,
 * and Authenticator and Encrypted Extension Fields — building them, and reading them back with
 * bounds checks and typed failures.
 */
public final class NtsExtensionFields {
  /** The Unique Identifier length this implementation sends: 32 octets, the minimum allowed. */
  public static final int UNIQUE_ID_LENGTH = 32;
  /** The nonce length this implementation sends: 16 octets. */
  public static final int NONCE_LENGTH = 16;

  private NtsExtensionFields() {}

  /**
   * A Unique Identifier field.
   *
   * @param id at least 32 octets
   * @return the field
   */
  public static ExtensionField uniqueIdentifier(byte[] id) {
    checkArgument(id.length >= UNIQUE_ID_LENGTH, "a unique identifier has at least 32 octets: %s", id.length);
    return ExtensionField.of(ExtensionField.NTS_UNIQUE_IDENTIFIER, id);
  }

  /**
   * An NTS Cookie field.
   *
   * @param cookie the cookie
   * @return the field
   */
  public static ExtensionField cookie(byte[] cookie) {
    return ExtensionField.of(ExtensionField.NTS_COOKIE, cookie);
  }

  /**
   * A Cookie Placeholder field as long as a cookie field of the given cookie.
   *
   * @param cookieLength the cookie's length
   * @return the field, zero-filled
   */
  public static ExtensionField placeholder(int cookieLength) {
    return ExtensionField.of(ExtensionField.NTS_COOKIE_PLACEHOLDER, new byte[cookieLength]);
  }

  /**
   * An Authenticator and Encrypted Extension Fields field: nonce length, ciphertext length, the
   * nonce and the ciphertext, each padded to four octets.
   *
   * @param nonce the nonce
   * @param ciphertext the AEAD output (tag and encrypted fields)
   * @return the field
   */
  public static ExtensionField authenticator(byte[] nonce, byte[] ciphertext) {
    int n = pad4(nonce.length);
    int c = pad4(ciphertext.length);
    ByteBuffer body = ByteBuffer.allocate(4 + n + c);
    body.putShort((short) nonce.length).putShort((short) ciphertext.length);
    body.put(nonce).position(4 + n);
    body.put(ciphertext);
    return ExtensionField.ofBody(ExtensionField.NTS_AUTHENTICATOR, body.array());
  }

  /**
   * The parts of an Authenticator field.
   *
   * @param nonce the nonce
   * @param ciphertext the AEAD output
   */
  public record Authenticator(byte[] nonce, byte[] ciphertext) {}

  /**
   * Reads an Authenticator field's body.
   *
   * @param field an {@link ExtensionField#NTS_AUTHENTICATOR} field
   * @return nonce and ciphertext
   * @throws NtsException {@link NtsException.Reason#BAD_EXTENSION_FIELD} if the lengths overrun
   *     the body, the nonce is empty or the ciphertext shorter than a tag
   */
  public static Authenticator readAuthenticator(ExtensionField field) throws NtsException {
    byte[] body = field.body();
    if (body.length < 4) {
      throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, "authenticator body of " + body.length + " octets");
    }
    int nonceLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    int ciphertextLength = ((body[2] & 0xFF) << 8) | (body[3] & 0xFF);
    if (nonceLength == 0 || ciphertextLength < AesSiv.TAG_LENGTH) {
      throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD,
          "authenticator with a " + nonceLength + "-octet nonce and " + ciphertextLength + "-octet ciphertext");
    }
    long needed = 4L + pad4(nonceLength) + pad4(ciphertextLength);
    if (needed > body.length) {
      throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, "authenticator lengths need " + needed + " octets, body has " + body.length);
    }
    int ct = 4 + pad4(nonceLength);
    return new Authenticator(Arrays.copyOfRange(body, 4, 4 + nonceLength), Arrays.copyOfRange(body, ct, ct + ciphertextLength));
  }

  /**
   * Reads the extension fields inside a decrypted plaintext: type, length (a multiple of four, at
   * least four, within the plaintext), body.
   *
   * @param plaintext the decrypted octets
   * @return the fields
   * @throws NtsException {@link NtsException.Reason#BAD_EXTENSION_FIELD} if a field overruns
   */
  public static List<ExtensionField> readEncryptedFields(byte[] plaintext) throws NtsException {
    List<ExtensionField> fields = new ArrayList<>();
    int pos = 0;
    while (pos < plaintext.length) {
      if (plaintext.length - pos < 4) {
        throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, pos, "encrypted field header truncated");
      }
      int type = ((plaintext[pos] & 0xFF) << 8) | (plaintext[pos + 1] & 0xFF);
      int length = ((plaintext[pos + 2] & 0xFF) << 8) | (plaintext[pos + 3] & 0xFF);
      if (length < 4 || length % 4 != 0 || length > plaintext.length - pos) {
        throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, pos, "encrypted field length " + length);
      }
      fields.add(ExtensionField.ofBody(type, Arrays.copyOfRange(plaintext, pos + 4, pos + length)));
      pos += length;
    }
    return fields;
  }

  /**
   * Encodes fields back to back, as the plaintext of an Authenticator.
   *
   * @param fields the fields
   * @return the octets
   */
  public static byte[] encodeFields(List<ExtensionField> fields) {
    ByteBuffer buffer = ByteBuffer.allocate(fields.stream().mapToInt(ExtensionField::length).sum());
    fields.forEach(f -> f.encode(buffer));
    return buffer.array();
  }

  /**
   * Where a packet's extension field starts in its encoding.
   *
   * @param packet the packet
   * @param index the field's index in {@link NtpPacket#extensionFields()}
   * @return 48 plus the lengths of the fields before it
   */
  public static int offsetOf(NtpPacket packet, int index) {
    int offset = 48;
    for (int i = 0; i < index; i++) {
      offset += packet.extensionFields().get(i).length();
    }
    return offset;
  }

  /**
   * Whether a packet carries any NTS field, so that a server routes it to NTS handling.
   *
   * @param packet the packet
   * @return true if one of its fields is an NTS type
   */
  public static boolean isNts(NtpPacket packet) {
    for (ExtensionField f : packet.extensionFields()) {
      int t = f.type();
      if (t == ExtensionField.NTS_UNIQUE_IDENTIFIER || t == ExtensionField.NTS_COOKIE || t == ExtensionField.NTS_COOKIE_PLACEHOLDER
          || t == ExtensionField.NTS_AUTHENTICATOR) {
        return true;
      }
    }
    return false;
  }

  static int pad4(int n) {
    return (n + 3) & ~3;
  }
}
