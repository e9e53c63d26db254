package org.ntpclock.codec.auth;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkPositionIndexes;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import org.ntpclock.codec.NtpPacketView;
import org.ntpclock.codec.NtpWire;
import org.ntpclock.codec.ParsePolicy;

/**
 * Signs and verifies NTP packets with symmetric keys, over raw bytes (RFC 5905 section 7.3, RFC
 * 8573).
 *
 * <p>The authenticated data is the packet from its first byte up to the MAC: the 48-byte header and
 * any extension fields, a whole number of 32-bit words. The MAC appended after it is the key id as
 * a big-endian u32 followed by {@link MacAlgorithm#digestLength()} digest bytes, at most 24 bytes in
 * all (NTPv4). Longer NTPv3-style digests are not produced and are rejected as {@link
 * AuthStatus#BAD_LENGTH}.
 *
 * <p>Digests are compared in constant time ({@link java.security.MessageDigest#isEqual}). Each
 * thread reuses its own digest and cipher objects, so once warm, signing and verifying allocate
 * nothing (the {@code verify} methods allocate their {@link AuthResult}; {@code check} does not).
 * A thread remembers the AES key schedule and CMAC subkeys of the last CMAC key it used; switching
 * to another CMAC key re-derives them (one AES block) and allocates the JDK's key objects. All
 * methods are thread-safe; virtual threads each get their own state.
 */
public final class NtpAuthenticator {
  private static final ThreadLocal<AuthEngine> ENGINE = ThreadLocal.withInitial(AuthEngine::new);
  private static final ThreadLocal<NtpPacketView> VIEW = ThreadLocal.withInitial(NtpPacketView::new);

  private NtpAuthenticator() {}

  /**
   * The number of bytes a MAC made with this key takes on the wire.
   *
   * @param key the key
   * @return 20 or 24
   */
  public static int macLength(SymmetricKey key) {
    return key.algorithm().macLength();
  }

  /**
   * Signs {@code buffer[packetStart, position)} and writes the MAC at the buffer's position,
   * advancing it: the usual step after encoding a header and extension fields into a buffer.
   *
   * @param buffer holds the packet; on return its position is just after the MAC
   * @param packetStart absolute index of the packet's first byte
   * @param key the key
   * @return the number of MAC bytes written
   * @throws IllegalArgumentException if the packet is shorter than 48 bytes or not a whole number
   *     of 32-bit words
   * @throws IndexOutOfBoundsException if {@code packetStart} is after the position or negative
   * @throws BufferOverflowException if fewer than {@link #macLength} bytes remain (nothing written)
   * @throws java.nio.ReadOnlyBufferException if the buffer is read-only
   */
  public static int appendMac(ByteBuffer buffer, int packetStart, SymmetricKey key) {
    checkNotNull(buffer, "buffer");
    checkNotNull(key, "key");
    checkPositionIndexes(packetStart, buffer.position(), buffer.limit());
    int length = buffer.position() - packetStart;
    checkDataLength(length);
    if (buffer.remaining() < macLength(key)) {
      throw new BufferOverflowException();
    }
    AuthEngine engine = ENGINE.get();
    engine.compute(key, buffer, packetStart, length);
    return putMac(buffer, key, engine);
  }

  /**
   * Signs the bytes from {@code packet}'s position to its limit (leaving both unchanged) and writes
   * the MAC at {@code out}'s position, advancing it. {@code out} must not overlap those bytes; to
   * append to the buffer holding the packet use {@link #appendMac}.
   *
   * @param packet the header and extension fields
   * @param key the key
   * @param out receives the MAC
   * @return the number of MAC bytes written
   * @throws IllegalArgumentException if the packet is shorter than 48 bytes or not a whole number
   *     of 32-bit words
   * @throws BufferOverflowException if fewer than {@link #macLength} bytes remain in {@code out}
   *     (nothing written)
   * @throws java.nio.ReadOnlyBufferException if {@code out} is read-only
   */
  public static int sign(ByteBuffer packet, SymmetricKey key, ByteBuffer out) {
    checkNotNull(packet, "packet");
    checkNotNull(key, "key");
    checkNotNull(out, "out");
    checkDataLength(packet.remaining());
    if (out.remaining() < macLength(key)) {
      throw new BufferOverflowException();
    }
    AuthEngine engine = ENGINE.get();
    engine.compute(key, packet, packet.position(), packet.remaining());
    return putMac(out, key, engine);
  }

  /**
   * Signs {@code packet[offset, offset + length)} and writes the MAC into {@code out} at {@code
   * outOffset}. {@code out} may be {@code packet} with {@code outOffset = offset + length}.
   *
   * @param packet holds the header and extension fields
   * @param offset index of the first packet byte
   * @param length number of bytes to authenticate
   * @param key the key
   * @param out receives the MAC
   * @param outOffset index of the first MAC byte
   * @return the number of MAC bytes written
   * @throws IllegalArgumentException if the length is below 48 or not a multiple of 4
   * @throws IndexOutOfBoundsException if a range does not fit its array (nothing written)
   */
  public static int sign(byte[] packet, int offset, int length, SymmetricKey key, byte[] out, int outOffset) {
    checkNotNull(packet, "packet");
    checkNotNull(key, "key");
    checkNotNull(out, "out");
    Objects.checkFromIndexSize(offset, length, packet.length);
    checkDataLength(length);
    int macLength = macLength(key);
    Objects.checkFromIndexSize(outOffset, macLength, out.length);
    AuthEngine engine = ENGINE.get();
    engine.compute(key, packet, offset, length);
    putKeyId(out, outOffset, key.keyId());
    System.arraycopy(engine.output, 0, out, outOffset + 4, macLength - 4);
    return macLength;
  }

  /**
   * Writes a crypto-NAK (four zero bytes, RFC 5905 section 9.2) at the buffer's position.
   *
   * @param out receives the four bytes
   * @return {@value NtpWire#CRYPTO_NAK_LENGTH}
   * @throws BufferOverflowException if fewer than four bytes remain
   */
  public static int appendCryptoNak(ByteBuffer out) {
    out.putInt(0);
    return NtpWire.CRYPTO_NAK_LENGTH;
  }

  /**
   * Checks the MAC of a received packet held in an array; the {@link #check(ByteBuffer, int,
   * KeyLookup)} form allocates nothing once warm. The packet is {@code packet[0, length)}; the
   * decoder says where the MAC starts.
   *
   * @param packet the received bytes, starting with the header
   * @param macOffset index of the MAC: the end of the header and extension fields
   * @param length the packet length; the MAC is {@code packet[macOffset, length)}
   * @param keys finds the key for the MAC's key id
   * @return the outcome; {@link AuthStatus#VALID} only if the digest matches
   * @throws IndexOutOfBoundsException unless {@code 0 <= macOffset <= length <= packet.length}
   */
  public static AuthStatus check(byte[] packet, int macOffset, int length, KeyLookup keys) {
    checkNotNull(packet, "packet");
    checkPositionIndexes(macOffset, length, packet.length);
    // One implementation for both forms: the wrapper is the only allocation, and C2 usually elides it.
    return check(ByteBuffer.wrap(packet, 0, length), macOffset, keys);
  }

  /**
   * Verifies the MAC of a received packet: {@link #check(byte[], int, int, KeyLookup)} with the
   * key id it read.
   *
   * @param packet the received bytes, starting with the header
   * @param macOffset index of the MAC: the end of the header and extension fields
   * @param length the packet length; the MAC is {@code packet[macOffset, length)}
   * @param keys finds the key for the MAC's key id
   * @return the outcome and key id
   * @throws IndexOutOfBoundsException unless {@code 0 <= macOffset <= length <= packet.length}
   */
  public static AuthResult verify(byte[] packet, int macOffset, int length, KeyLookup keys) {
    AuthStatus status = check(packet, macOffset, length, keys);
    return new AuthResult(status, length - macOffset >= 4 ? readKeyId(packet, macOffset) : 0);
  }

  /**
   * Checks the MAC of a received packet held from {@code packet}'s position to its limit, leaving
   * both unchanged and allocating nothing once warm.
   *
   * @param packet the received packet, header at the position
   * @param macOffset the MAC's offset from the position: the end of the header and extension fields
   * @param keys finds the key for the MAC's key id
   * @return the outcome; {@link AuthStatus#VALID} only if the digest matches
   * @throws IndexOutOfBoundsException unless {@code 0 <= macOffset <= packet.remaining()}
   */
  public static AuthStatus check(ByteBuffer packet, int macOffset, KeyLookup keys) {
    checkNotNull(packet, "packet");
    checkNotNull(keys, "keys");
    checkPositionIndexes(0, macOffset, packet.remaining());
    int start = packet.position();
    int macLength = packet.remaining() - macOffset;
    if (macOffset < NtpWire.HEADER_LENGTH || macOffset % 4 != 0) {
      return AuthStatus.BAD_LENGTH;
    }
    switch (NtpWire.tailKind(packet, start + macOffset, macLength, NtpWire.MAX_V4_MAC_LENGTH)) {
      case NtpWire.TAIL_NONE:
        return AuthStatus.NO_MAC;
      case NtpWire.TAIL_CRYPTO_NAK:
        return AuthStatus.CRYPTO_NAK;
      case NtpWire.TAIL_MAC:
        return checkDigest(packet, start, macOffset, macLength, find(keys, NtpWire.getU32(packet, start + macOffset)));
      default:
        return AuthStatus.BAD_LENGTH;
    }
  }

  /**
   * Checks the MAC of a received datagram in one step: frames it under the policy, looks the MAC's
   * key up once and verifies the digest. The datagram is read from its position to its limit, both
   * left unchanged; allocates nothing once warm.
   *
   * @param datagram the received datagram
   * @param policy the framing rules it was decoded under
   * @param keys finds the key for the MAC's key id
   * @return the outcome; {@link AuthStatus#BAD_LENGTH} if the datagram is not well framed
   */
  public static AuthStatus check(ByteBuffer datagram, ParsePolicy policy, KeyLookup keys) {
    checkNotNull(datagram, "datagram");
    NtpPacketView view = VIEW.get().wrap(datagram);
    return view.check(policy) == null ? check(view, keys) : AuthStatus.BAD_LENGTH;
  }

  /**
   * Checks the MAC of a datagram whose framing {@link NtpPacketView#check} has passed; the framing
   * already says whether a MAC or a crypto-NAK ends it, so only the key and digest are checked.
   *
   * @param framed a view whose last check passed
   * @param keys finds the key for the MAC's key id
   * @return the outcome; {@link AuthStatus#VALID} only if the digest matches
   * @throws IllegalStateException if the view's framing check has not passed
   */
  public static AuthStatus check(NtpPacketView framed, KeyLookup keys) {
    checkNotNull(keys, "keys");
    if (!framed.hasMac()) {
      return framed.isCryptoNak() ? AuthStatus.CRYPTO_NAK : AuthStatus.NO_MAC;
    }
    return checkDigest(framed, find(keys, framed.keyId()));
  }

  /**
   * The key a framed datagram's MAC verifies with, looked up once: what a server signs its reply
   * with.
   *
   * @param framed a view whose last check passed
   * @param keys finds the key for the MAC's key id
   * @return the key, or {@code null} unless a MAC ends the datagram and verifies
   * @throws IllegalStateException if the view's framing check has not passed
   */
  public static SymmetricKey verifiedKey(NtpPacketView framed, KeyLookup keys) {
    checkNotNull(keys, "keys");
    if (!framed.hasMac()) {
      return null;
    }
    SymmetricKey key = find(keys, framed.keyId());
    return checkDigest(framed, key) == AuthStatus.VALID ? key : null;
  }

  private static AuthStatus checkDigest(NtpPacketView framed, SymmetricKey key) {
    int macOffset = framed.macOffset();
    return checkDigest(framed.buffer(), framed.offset(), macOffset, framed.length() - macOffset, key);
  }

  /** The digest check of a MAC whose shape is known good; a null key is an unknown key. */
  private static AuthStatus checkDigest(ByteBuffer packet, int start, int macOffset, int macLength,
      SymmetricKey key) {
    if (key == null) {
      return AuthStatus.UNKNOWN_KEY;
    }
    int digestLength = key.algorithm().digestLength();
    if (macLength - 4 != digestLength) {
      return AuthStatus.BAD_LENGTH;
    }
    AuthEngine engine = ENGINE.get();
    engine.compute(key, packet, start, macOffset);
    return engine.matches(packet, start + macOffset + 4, digestLength) ? AuthStatus.VALID : AuthStatus.BAD_DIGEST;
  }

  /**
   * Verifies the MAC of a received packet held from {@code packet}'s position to its limit: {@link
   * #check(ByteBuffer, int, KeyLookup)} with the key id it read.
   *
   * @param packet the received packet, header at the position
   * @param macOffset the MAC's offset from the position
   * @param keys finds the key for the MAC's key id
   * @return the outcome and key id
   * @throws IndexOutOfBoundsException unless {@code 0 <= macOffset <= packet.remaining()}
   */
  public static AuthResult verify(ByteBuffer packet, int macOffset, KeyLookup keys) {
    AuthStatus status = check(packet, macOffset, keys);
    boolean hasId = packet.remaining() - macOffset >= 4;
    return new AuthResult(status, hasId ? NtpWire.getU32(packet, packet.position() + macOffset) : 0);
  }

  private static SymmetricKey find(KeyLookup keys, long keyId) {
    if (keyId == 0) {
      return null;
    }
    Optional<SymmetricKey> key = keys.lookup(keyId);
    // Defensive: a lookup returning another id's key must not authenticate this one.
    return key.isPresent() && key.get().keyId() == keyId ? key.get() : null;
  }

  private static void checkDataLength(int length) {
    checkArgument(length >= NtpWire.HEADER_LENGTH && length % 4 == 0,
        "authenticated data must be at least %s bytes and a multiple of 4, got %s", NtpWire.HEADER_LENGTH, length);
  }

  private static int putMac(ByteBuffer out, SymmetricKey key, AuthEngine engine) {
    int digestLength = key.algorithm().digestLength();
    long keyId = key.keyId();
    // The caller's buffer may be little-endian; NtpWire writes big-endian whatever its order.
    NtpWire.putU32(out, out.position(), keyId);
    out.position(out.position() + 4);
    out.put(engine.output, 0, digestLength);
    return 4 + digestLength;
  }

  private static void putKeyId(byte[] out, int offset, long keyId) {
    out[offset] = (byte) (keyId >>> 24);
    out[offset + 1] = (byte) (keyId >>> 16);
    out[offset + 2] = (byte) (keyId >>> 8);
    out[offset + 3] = (byte) keyId;
  }

  private static long readKeyId(byte[] b, int offset) {
    return (b[offset] & 0xFFL) << 24 | (b[offset + 1] & 0xFFL) << 16 | (b[offset + 2] & 0xFFL) << 8 | (b[offset + 3] & 0xFFL);
  }
}
