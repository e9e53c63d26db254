package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NtpAuthenticatorTest {
  /** A chrony-style client request: LI 0, v4, mode 3, precision 0x20, random transmit timestamp. */
  static final byte[] REQUEST = Hex.bytes("23000020 00000000 00000000 00000000 0000000000000000"
      + " 0000000000000000 0000000000000000 5ec69f0fe5f66298");
  static final SymmetricKey MD5_KEY =
      SymmetricKey.of(20, MacAlgorithm.MD5, "crocus".getBytes(StandardCharsets.US_ASCII));
  static final SymmetricKey AES_KEY = SymmetricKey.of(30, MacAlgorithm.AES128_CMAC, Hex.bytes(AesCmacTest.K128));
  static final KeyStore KEYS = KeyStore.of(MD5_KEY, AES_KEY);

  /**
   * RFC 4493 example 4 through the public API: a 64-byte "packet" (the example message) signed
   * with the example key gives key id ‖ the example tag.
   */
  @Test
  void aes128CmacMacIsKeyIdAndTheRfc4493Tag() {
    byte[] packet = Arrays.copyOf(Hex.bytes(AesCmacTest.M), 64 + 20);
    assertThat(NtpAuthenticator.sign(packet, 0, 64, AES_KEY, packet, 64)).isEqualTo(20);
    assertThat(Hex.of(Arrays.copyOfRange(packet, 64, 84))).isEqualTo("0000001e" + "51f0bebf7e3b9d92fc49741779363cfe");
    assertThat(NtpAuthenticator.check(packet, 64, 84, KEYS)).isEqualTo(AuthStatus.VALID);
  }

  @Test
  void aes256CmacMacIsKeyIdAndTheSp80038bTag() {
    SymmetricKey key = SymmetricKey.of(0xFFFF_FFFFL, MacAlgorithm.AES256_CMAC, Hex.bytes(AesCmacTest.K256));
    ByteBuffer buf = ByteBuffer.allocate(100);
    buf.put(Hex.bytes(AesCmacTest.M));
    assertThat(NtpAuthenticator.appendMac(buf, 0, key)).isEqualTo(20);
    assertThat(Hex.of(Arrays.copyOfRange(buf.array(), 64, 84))).isEqualTo("ffffffff" + "e1992190549f6ed5696a2c056c315410");
  }

  /** Legacy digests are H(key ‖ data), SHA-2 outputs cut to 20 bytes (wire-rules §10). */
  @ParameterizedTest
  @EnumSource(value = MacAlgorithm.class, names = {"MD5", "SHA1", "SHA256", "SHA384", "SHA512"})
  void legacyDigestIsHashOfKeyThenDataTruncatedTo20(MacAlgorithm algorithm) throws Exception {
    byte[] secret = "0123456789abcdefXYZ".getBytes(StandardCharsets.US_ASCII);
    SymmetricKey key = SymmetricKey.of(77, algorithm, secret);
    MessageDigest md = MessageDigest.getInstance(algorithm.jcaName());
    md.update(secret);
    md.update(REQUEST);
    byte[] expected = Arrays.copyOf(md.digest(), Math.min(20, md.getDigestLength()));

    byte[] mac = new byte[24];
    int n = NtpAuthenticator.sign(REQUEST, 0, REQUEST.length, key, mac, 0);
    assertThat(n).isEqualTo(4 + expected.length).isEqualTo(algorithm.macLength());
    assertThat(Arrays.copyOf(mac, 4)).containsExactly(0, 0, 0, 77);
    assertThat(Arrays.copyOfRange(mac, 4, n)).isEqualTo(expected);
  }

  @Test
  void everyPathSignsTheSameBytes() {
    byte[] expected = signed(REQUEST, AES_KEY);

    ByteBuffer heap = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
    heap.position(10);
    heap.put(REQUEST);
    NtpAuthenticator.appendMac(heap, 10, AES_KEY);
    assertThat(heap.position()).isEqualTo(10 + expected.length);
    assertThat(Arrays.copyOfRange(heap.array(), 10, 10 + expected.length)).isEqualTo(expected);

    for (SymmetricKey key : List.of(AES_KEY, MD5_KEY)) {
      byte[] want = signed(REQUEST, key);
      ByteBuffer direct = ByteBuffer.allocateDirect(REQUEST.length).put(REQUEST).flip();
      ByteBuffer out = ByteBuffer.allocateDirect(30).order(ByteOrder.LITTLE_ENDIAN);
      int n = NtpAuthenticator.sign(direct.asReadOnlyBuffer(), key, out);
      assertThat(direct.position()).isZero();
      byte[] mac = new byte[n];
      out.flip().get(mac);
      assertThat(mac).isEqualTo(Arrays.copyOfRange(want, REQUEST.length, want.length));

      ByteBuffer packet = ByteBuffer.allocateDirect(want.length + 8).position(8);
      packet.put(want).position(8);
      assertThat(NtpAuthenticator.verify(packet, 48, KEYS)).isEqualTo(new AuthResult(AuthStatus.VALID, key.keyId()));
      assertThat(packet.position()).isEqualTo(8);
    }
  }

  @Test
  void outcomesOfMalformedAndForeignMacsAreTyped() {
    byte[] good = signed(REQUEST, AES_KEY);
    assertThat(NtpAuthenticator.verify(good, 48, good.length, KEYS)).isEqualTo(new AuthResult(AuthStatus.VALID, 30));
    assertThat(NtpAuthenticator.verify(REQUEST, 48, 48, KEYS)).isEqualTo(new AuthResult(AuthStatus.NO_MAC, 0));

    byte[] nak = Arrays.copyOf(REQUEST, 52);
    assertThat(NtpAuthenticator.verify(nak, 48, 52, KEYS)).isEqualTo(new AuthResult(AuthStatus.CRYPTO_NAK, 0));
    nak[51] = 30;
    assertThat(NtpAuthenticator.check(nak, 48, 52, KEYS)).isEqualTo(AuthStatus.BAD_LENGTH);

    assertThat(NtpAuthenticator.check(good, 48, good.length - 1, KEYS)).isEqualTo(AuthStatus.BAD_LENGTH);
    assertThat(NtpAuthenticator.check(good, 48, 50, KEYS)).isEqualTo(AuthStatus.BAD_LENGTH);
    // Between a crypto-NAK and the shortest MAC nothing is a MAC, known key id or not.
    assertThat(NtpAuthenticator.verify(good, 48, 56, KEYS)).isEqualTo(new AuthResult(AuthStatus.BAD_LENGTH, 30));
    assertThat(NtpAuthenticator.verify(good, 48, 56, KeyStore.empty())).isEqualTo(new AuthResult(AuthStatus.BAD_LENGTH, 30));
    byte[] md5 = signed(REQUEST, MD5_KEY);
    // A 16-byte digest labelled with the id of the key that makes 16-byte digests, but cut short.
    assertThat(NtpAuthenticator.check(md5, 48, md5.length - 4, KEYS)).isEqualTo(AuthStatus.BAD_LENGTH);
    // A 20-byte digest under an AES key (16-byte digests).
    byte[] longer = Arrays.copyOf(good, good.length + 4);
    assertThat(NtpAuthenticator.check(longer, 48, longer.length, KEYS)).isEqualTo(AuthStatus.BAD_LENGTH);
    byte[] tooLong = Arrays.copyOf(good, 48 + 28);
    assertThat(NtpAuthenticator.check(tooLong, 48, tooLong.length, KEYS)).isEqualTo(AuthStatus.BAD_LENGTH);

    // The MAC must start after a whole header and on a word boundary.
    assertThat(NtpAuthenticator.check(good, 44, good.length, KEYS)).isEqualTo(AuthStatus.BAD_LENGTH);
    byte[] shifted = new byte[good.length + 2];
    System.arraycopy(good, 0, shifted, 0, 48);
    System.arraycopy(good, 48, shifted, 50, 20);
    assertThat(NtpAuthenticator.check(shifted, 50, shifted.length, KEYS)).isEqualTo(AuthStatus.BAD_LENGTH);

    assertThat(NtpAuthenticator.verify(good, 48, good.length, KeyStore.of(MD5_KEY)))
        .isEqualTo(new AuthResult(AuthStatus.UNKNOWN_KEY, 30));
    SymmetricKey sameIdOtherSecret = SymmetricKey.of(30, MacAlgorithm.AES128_CMAC, new byte[16]);
    assertThat(NtpAuthenticator.verify(good, 48, good.length, KeyStore.of(sameIdOtherSecret)))
        .isEqualTo(new AuthResult(AuthStatus.BAD_DIGEST, 30));

    byte[] idZero = good.clone();
    idZero[48 + 3] = 0;
    KeyLookup anything = id -> Optional.of(AES_KEY);
    assertThat(NtpAuthenticator.check(idZero, 48, idZero.length, anything)).isEqualTo(AuthStatus.UNKNOWN_KEY);
    byte[] id31 = good.clone();
    id31[48 + 3] = 31;
    // A lookup that hands out the wrong key must not authenticate under another id.
    assertThat(NtpAuthenticator.check(id31, 48, id31.length, anything)).isEqualTo(AuthStatus.UNKNOWN_KEY);
  }

  @Test
  void flippingAnyBitOfPacketOrDigestBreaksTheMac() {
    for (SymmetricKey key : List.of(AES_KEY, MD5_KEY)) {
      byte[] good = signed(REQUEST, key);
      for (int bit = 0; bit < good.length * 8; bit++) {
        byte[] bad = good.clone();
        bad[bit / 8] ^= (byte) (1 << (bit % 8));
        AuthStatus status = NtpAuthenticator.check(bad, 48, bad.length, KEYS);
        boolean inKeyId = bit / 8 >= 48 && bit / 8 < 52;
        assertThat(status).as("bit %s", bit).isEqualTo(inKeyId ? AuthStatus.UNKNOWN_KEY : AuthStatus.BAD_DIGEST);
      }
    }
  }

  @Test
  void callerErrorsAreExceptionsNotResults() {
    byte[] mac = new byte[24];
    assertThatIllegalArgumentException().isThrownBy(() -> NtpAuthenticator.sign(REQUEST, 0, 44, AES_KEY, mac, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> NtpAuthenticator.sign(new byte[50], 0, 50, AES_KEY, mac, 0));
    assertThatThrownBy(() -> NtpAuthenticator.sign(REQUEST, 0, 48, AES_KEY, mac, 8))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(mac).containsOnly(0);
    ByteBuffer small = ByteBuffer.allocate(48 + 19).put(REQUEST);
    assertThatThrownBy(() -> NtpAuthenticator.appendMac(small, 0, AES_KEY)).isInstanceOf(BufferOverflowException.class);
    assertThat(small.position()).isEqualTo(48);
    assertThatThrownBy(() -> NtpAuthenticator.check(REQUEST, 49, 48, KEYS)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> NtpAuthenticator.check(REQUEST, 0, 49, KEYS)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void cryptoNakIsFourZeroBytes() {
    ByteBuffer buf = ByteBuffer.allocate(52).put(REQUEST);
    assertThat(NtpAuthenticator.appendCryptoNak(buf)).isEqualTo(4);
    assertThat(NtpAuthenticator.check(buf.array(), 48, 52, KEYS)).isEqualTo(AuthStatus.CRYPTO_NAK);
  }

  /** Each thread keeps its own digest state; alternating keys within a thread re-derive subkeys. */
  @Test
  void concurrentSigningWithAlternatingKeysMatchesSerialSigning() throws Exception {
    SymmetricKey aes256 = SymmetricKey.of(40, MacAlgorithm.AES256_CMAC, Hex.bytes(AesCmacTest.K256));
    List<SymmetricKey> keys = List.of(AES_KEY, MD5_KEY, aes256);
    List<byte[]> expected = keys.stream().map(k -> signed(REQUEST, k)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            int k = (i + seed) % keys.size();
            if (!Arrays.equals(signed(REQUEST, keys.get(k)), expected.get(k))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static byte[] signed(byte[] packet, SymmetricKey key) {
    byte[] out = Arrays.copyOf(packet, packet.length + NtpAuthenticator.macLength(key));
    NtpAuthenticator.sign(out, 0, packet.length, key, out, packet.length);
    return out;
  }
}
