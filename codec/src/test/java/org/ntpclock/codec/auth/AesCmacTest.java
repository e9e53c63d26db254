package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AES-CMAC against RFC 4493 section 4 (AES-128) and NIST SP 800-38B appendix D.3 (AES-256). */
class AesCmacTest {
  static final String K128 = "2b7e1516 28aed2a6 abf71588 09cf4f3c";
  static final String K256 = "603deb10 15ca71be 2b73aef0 857d7781 1f352c07 3b6108d7 2d9810a3 0914dff4";
  /** The 64-byte message of the examples; examples use its first 0, 16, 40 and 64 bytes. */
  static final String M = "6bc1bee2 2e409f96 e93d7e11 7393172a ae2d8a57 1e03ac9c 9eb76fac 45af8e51"
      + " 30c81c46 a35ce411 e5fbc119 1a0a52ef f69f2445 df4f9b17 ad2b417b e66c3710";

  @Test
  void rfc4493SubkeyGeneration() {
    AesCmac cmac = new AesCmac();
    cmac.init(Hex.bytes(K128));
    assertThat(Hex.of(cmac.subkey1())).isEqualTo("fbeed618357133667c85e08f7236a8de");
    assertThat(Hex.of(cmac.subkey2())).isEqualTo("f7ddac306ae266ccf90bc11ee46d513b");
  }

  @ParameterizedTest(name = "RFC 4493 example, {0} bytes")
  @CsvSource({
      "0, bb1d6929e95937287fa37d129b756746",
      "16, 070a16b46b4d4144f79bdd9dd04a287c",
      "40, dfa66747de9ae63030ca32611497c827",
      "64, 51f0bebf7e3b9d92fc49741779363cfe"})
  void rfc4493Aes128Examples(int length, String tag) {
    assertThat(tagOf(K128, length)).isEqualTo(tag);
  }

  @ParameterizedTest(name = "SP 800-38B AES-256 example, {0} bytes")
  @CsvSource({
      "0, 028962f61b7bf89efc6b551f4667d983",
      "16, 28a7023f452e8f82bd4bf28d8c37c35c",
      "40, aaf3d8f1de5640c232f5b169b9c911e6",
      "64, e1992190549f6ed5696a2c056c315410"})
  void sp80038bAes256Examples(int length, String tag) {
    assertThat(tagOf(K256, length)).isEqualTo(tag);
  }

  @Test
  void reinitialisingWithAnotherKeyForgetsTheFirst() {
    AesCmac cmac = new AesCmac();
    byte[] msg = Arrays.copyOf(Hex.bytes(M), 40);
    byte[] out = new byte[16];
    cmac.init(Hex.bytes(K256));
    cmac.init(Hex.bytes(K128));
    cmac.compute(msg, 0, msg.length, out, 0);
    assertThat(Hex.of(out)).isEqualTo("dfa66747de9ae63030ca32611497c827");
  }

  @Test
  void computeBeforeInitIsAnError() {
    assertThatIllegalStateException().isThrownBy(() -> new AesCmac().compute(new byte[0], 0, 0, new byte[16], 0));
  }

  /**
   * The direct-buffer path (no backing array, through {@link AuthEngine}'s copy) and an offset into
   * an array give the array's tag.
   */
  @Property(tries = 200)
  void everyInputPathGivesTheSameTag(@ForAll @Size(max = 100) byte[] msg, @ForAll @Size(16) byte[] key) {
    AesCmac cmac = new AesCmac();
    cmac.init(key);
    byte[] expected = new byte[16];
    cmac.compute(msg, 0, msg.length, expected, 0);

    byte[] shifted = new byte[msg.length + 7];
    System.arraycopy(msg, 0, shifted, 5, msg.length);
    byte[] fromOffset = new byte[20];
    cmac.compute(shifted, 5, msg.length, fromOffset, 4);
    assertThat(Arrays.copyOfRange(fromOffset, 4, 20)).isEqualTo(expected);

    ByteBuffer direct = ByteBuffer.allocateDirect(msg.length + 3);
    direct.position(3);
    direct.put(msg);
    AuthEngine engine = new AuthEngine();
    SymmetricKey symmetricKey = SymmetricKey.of(1, MacAlgorithm.AES128_CMAC, key);
    engine.compute(symmetricKey, direct, 3, msg.length);
    byte[] fromDirect = Arrays.copyOf(engine.output, 16);
    assertThat(fromDirect).isEqualTo(expected);

    engine.compute(symmetricKey, ByteBuffer.wrap(shifted).asReadOnlyBuffer(), 5, msg.length);
    byte[] fromReadOnly = Arrays.copyOf(engine.output, 16);
    assertThat(fromReadOnly).isEqualTo(expected);
  }

  private static String tagOf(String key, int length) {
    AesCmac cmac = new AesCmac();
    cmac.init(Hex.bytes(key));
    byte[] msg = Arrays.copyOf(Hex.bytes(M), length);
    byte[] out = new byte[16];
    cmac.compute(msg, 0, msg.length, out, 0);
    return Hex.of(out);
  }
}
