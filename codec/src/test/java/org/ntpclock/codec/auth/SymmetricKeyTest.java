package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SymmetricKeyTest {
  private static final byte[] AES128 = Hex.bytes("7ea62ae64d190114d46d5a082f948ec1");

  @ParameterizedTest
  @ValueSource(longs = {1, 65535, 65536, 0xFFFF_FFFFL})
  void keyIdsCoverTheWholeNonZeroU32Range(long id) {
    assertThat(SymmetricKey.of(id, MacAlgorithm.MD5, new byte[] {1}).keyId()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, 0x1_0000_0000L, Long.MIN_VALUE})
  void keyIdZeroAndOutsideU32AreRejected(long id) {
    assertThatIllegalArgumentException().isThrownBy(() -> SymmetricKey.of(id, MacAlgorithm.MD5, new byte[] {1}));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 15, 17, 24, 32})
  void aes128NeedsExactly16Bytes(int length) {
    assertThatIllegalArgumentException().isThrownBy(() -> SymmetricKey.of(1, MacAlgorithm.AES128_CMAC, new byte[length]));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16, 31, 33})
  void aes256NeedsExactly32Bytes(int length) {
    assertThatIllegalArgumentException().isThrownBy(() -> SymmetricKey.of(1, MacAlgorithm.AES256_CMAC, new byte[length]));
  }

  @ParameterizedTest
  @EnumSource(value = MacAlgorithm.class, names = {"MD5", "SHA1", "SHA256", "SHA384", "SHA512"})
  void hashKeysNeedAtLeastOneByteAndMayBeLong(MacAlgorithm algorithm) {
    assertThatIllegalArgumentException().isThrownBy(() -> SymmetricKey.of(1, algorithm, new byte[0]));
    assertThat(SymmetricKey.of(1, algorithm, new byte[1]).secretLength()).isEqualTo(1);
    assertThat(SymmetricKey.of(1, algorithm, new byte[1000]).secretLength()).isEqualTo(1000);
  }

  @Test
  void secretIsCopiedInAndOut() {
    byte[] secret = AES128.clone();
    SymmetricKey key = SymmetricKey.of(30, MacAlgorithm.AES128_CMAC, secret);
    secret[0] ^= 1;
    byte[] out = key.secret();
    out[1] ^= 1;
    assertThat(key.secret()).isEqualTo(AES128);
  }

  @Test
  void toStringNeverShowsTheSecret() {
    SymmetricKey hex = SymmetricKey.of(30, MacAlgorithm.AES128_CMAC, AES128);
    SymmetricKey ascii = SymmetricKey.of(20, MacAlgorithm.MD5, "crocus".getBytes(StandardCharsets.US_ASCII));
    assertThat(hex.toString()).isEqualTo("SymmetricKey[id=30, AES128_CMAC, 16 bytes]")
        .doesNotContainIgnoringCase("7ea62a");
    assertThat(ascii.toString()).doesNotContain("crocus");
    assertThat(KeyStore.of(hex, ascii).toString()).doesNotContain("crocus").doesNotContainIgnoringCase("7ea6");
  }

  @Test
  void equalityCoversIdAlgorithmAndSecret() {
    SymmetricKey a = SymmetricKey.of(5, MacAlgorithm.SHA1, new byte[] {1, 2});
    assertThat(a).isEqualTo(SymmetricKey.of(5, MacAlgorithm.SHA1, new byte[] {1, 2}))
        .hasSameHashCodeAs(SymmetricKey.of(5, MacAlgorithm.SHA1, new byte[] {1, 2}))
        .isNotEqualTo(SymmetricKey.of(6, MacAlgorithm.SHA1, new byte[] {1, 2}))
        .isNotEqualTo(SymmetricKey.of(5, MacAlgorithm.MD5, new byte[] {1, 2}))
        .isNotEqualTo(SymmetricKey.of(5, MacAlgorithm.SHA1, new byte[] {1, 3}))
        .isNotEqualTo(SymmetricKey.of(5, MacAlgorithm.SHA1, new byte[] {1, 2, 0}));
  }

  @Test
  void digestLengthsFollowTheNtpV4TruncationRule() {
    assertThat(MacAlgorithm.MD5.digestLength()).isEqualTo(16);
    assertThat(MacAlgorithm.SHA1.digestLength()).isEqualTo(20);
    assertThat(MacAlgorithm.SHA256.digestLength()).isEqualTo(20);
    assertThat(MacAlgorithm.SHA512.outputLength()).isEqualTo(64);
    assertThat(MacAlgorithm.SHA512.macLength()).isEqualTo(24);
    assertThat(MacAlgorithm.AES128_CMAC.macLength()).isEqualTo(20);
    assertThat(MacAlgorithm.AES256_CMAC.digestLength()).isEqualTo(16);
  }

  @Test
  void keyStoreRejectsDuplicateIdsAndFindsByUnsignedId() {
    SymmetricKey big = SymmetricKey.of(0xFFFF_FFFFL, MacAlgorithm.MD5, new byte[] {1});
    SymmetricKey small = SymmetricKey.of(7, MacAlgorithm.MD5, new byte[] {2});
    KeyStore store = KeyStore.of(big, small);
    assertThat(store.keys()).containsExactly(small, big);
    assertThat(store.lookup(0xFFFF_FFFFL)).containsSame(big);
    assertThat(store.lookup(7)).containsSame(small);
    assertThat(store.lookup(8)).isEmpty();
    assertThat(store.lookup(0)).isEmpty();
    assertThat(store.contains(7)).isTrue();
    assertThatIllegalArgumentException().isThrownBy(
        () -> KeyStore.of(small, SymmetricKey.of(7, MacAlgorithm.SHA1, new byte[] {3})));
    assertThat(KeyStore.of()).isSameAs(KeyStore.empty());
  }
}
