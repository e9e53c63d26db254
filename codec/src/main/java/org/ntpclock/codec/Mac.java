package org.ntpclock.codec;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The message authentication code that ends a packet (RFC 5905 section 7.3): a 32-bit key id and
 * a digest, or the crypto-NAK, a lone key id of zero without digest (RFC 5905 section 9.2).
 *
 * <p>This is the wire model only; computing and checking digests belongs to
 * {@code org.ntpclock.codec.auth}. Digests are 16..68 octets in multiples of 4; version 4 packets
 * carry at most 20 (longer digests are truncated to 20 by the signer, as chrony and ntpsec do,
 * RFC 8573), version 3 packets up to 68.
 *
 * <p>Immutable: the digest is copied in and out.
 */
public final class Mac {
  /** Shortest digest in octets (MD5, AES-CMAC). */
  public static final int MIN_DIGEST_LENGTH = 16;
  /** Longest digest in an NTPv4 packet (SHA-1; longer digests are truncated to this). */
  public static final int MAX_V4_DIGEST_LENGTH = 20;
  /** Longest digest accepted in packets of version 1..3 (up to the MS-SNTP extended tail). */
  public static final int MAX_V3_DIGEST_LENGTH = NtpWire.MAX_V3_MAC_LENGTH - 4;

  /** The crypto-NAK: four zero octets, key id 0 and no digest. Unauthenticated (CVE-2016-1547). */
  public static final Mac CRYPTO_NAK = new Mac(0, new byte[0]);

  private static final long MAX_KEY_ID = 0xFFFF_FFFFL;

  private final long keyId;
  private final byte[] digest;

  private Mac(long keyId, byte[] digest) {
    this.keyId = keyId;
    this.digest = digest;
  }

  /**
   * A MAC with a digest.
   *
   * @param keyId the key id, 0..2<sup>32</sup>-1 (ntpsec reserves 0; the wire allows it)
   * @param digest 16..68 octets, a multiple of 4; copied
   * @return the MAC
   * @throws IllegalArgumentException if out of range
   */
  public static Mac of(long keyId, byte[] digest) {
    checkArgument(keyId >= 0 && keyId <= MAX_KEY_ID, "key id out of range 0..2^32-1: %s", keyId);
    checkNotNull(digest, "digest");
    checkArgument(digest.length >= MIN_DIGEST_LENGTH && digest.length <= MAX_V3_DIGEST_LENGTH
        && digest.length % 4 == 0, "digest length must be 16..68 and a multiple of 4: %s", digest.length);
    return new Mac(keyId, digest.clone());
  }

  /**
   * The key id.
   *
   * @return 0..2<sup>32</sup>-1
   */
  public long keyId() {
    return keyId;
  }

  /**
   * The digest.
   *
   * @return a copy; empty for the crypto-NAK
   */
  public byte[] digest() {
    return digest.clone();
  }

  /**
   * The digest length.
   *
   * @return octets; 0 for the crypto-NAK
   */
  public int digestLength() {
    return digest.length;
  }

  /**
   * Whether this is the crypto-NAK.
   *
   * @return true for {@link #CRYPTO_NAK}
   */
  public boolean isCryptoNak() {
    return digest.length == 0;
  }

  /**
   * The octets on the wire.
   *
   * @return 4 plus the digest length
   */
  public int encodedLength() {
    return 4 + digest.length;
  }

  /**
   * Writes key id and digest at the buffer's position, advancing it. Allocates nothing.
   *
   * @param buffer the destination with at least {@link #encodedLength()} octets remaining
   * @throws java.nio.BufferOverflowException if there is not enough room
   */
  public void encode(ByteBuffer buffer) {
    if (buffer.remaining() < encodedLength()) {
      throw new java.nio.BufferOverflowException();
    }
    NtpWire.putU32(buffer, buffer.position(), keyId);
    buffer.position(buffer.position() + 4);
    buffer.put(digest);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof Mac && ((Mac) obj).keyId == keyId && Arrays.equals(((Mac) obj).digest, digest);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(keyId) * 31 + Arrays.hashCode(digest);
  }

  /** {@code crypto-NAK}, or the key id and the digest in hex, for example {@code Mac[7:00ff...]}. */
  @Override
  public String toString() {
    return isCryptoNak() ? "crypto-NAK" : "Mac[" + keyId + ":" + NtpWire.hex(digest) + "]";
  }

  /**
   * Reads a MAC of a known length, for the decoder; the caller has checked the length.
   *
   * @param buffer the source
   * @param index absolute index of the key id
   * @param length 4 (crypto-NAK) or 20..72
   * @return the MAC
   */
  static Mac read(ByteBuffer buffer, int index, int length) {
    long keyId = NtpWire.getU32(buffer, index);
    if (length == 4) {
      return CRYPTO_NAK;
    }
    byte[] digest = new byte[length - 4];
    buffer.get(index + 4, digest);
    return new Mac(keyId, digest);
  }
}
