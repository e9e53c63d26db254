package org.ntpclock.codec.nts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** AES-SIV against the RFC 5297 Appendix A vectors, and its open/seal laws. */
class AesSivTest {
  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
  }

  @Test
  void rfc5297A1Deterministic() throws NtsException {
    byte[] key = hex("fffefdfc fbfaf9f8 f7f6f5f4 f3f2f1f0 f0f1f2f3 f4f5f6f7 f8f9fafb fcfdfeff");
    byte[] ad = hex("10111213 14151617 18191a1b 1c1d1e1f 20212223 24252627");
    byte[] plaintext = hex("11223344 55667788 99aabbcc ddee");
    byte[] expected = hex("85632d07 c6e8f37f 950acd32 0a2ecc93 40c02b96 90c4dc04 daef7f6a fe5c");
    AesSiv siv = new AesSiv(key);
    assertThat(siv.seal(plaintext, ad)).isEqualTo(expected);
    assertThat(siv.open(expected, ad)).isEqualTo(plaintext);
  }

  @Test
  void rfc5297A2NonceBased() throws NtsException {
    byte[] key = hex("7f7e7d7c 7b7a7978 77767574 73727170 40414243 44454647 48494a4b 4c4d4e4f");
    byte[] ad1 = hex("00112233 44556677 8899aabb ccddeeff deaddada deaddada ffeeddcc bbaa9988 77665544 33221100");
    byte[] ad2 = hex("10203040 50607080 90a0");
    byte[] nonce = hex("09f91102 9d74e35b d84156c5 635688c0");
    byte[] plaintext = hex("74686973 20697320 736f6d65 20706c61 696e7465 78742074 6f20656e 63727970"
        + " 74207573 696e6720 5349562d 414553");
    byte[] expected = hex("7bdb6e3b 432667eb 06f4d14b ff2fbd0f cb900f2f ddbe4043 26601965 c889bf17"
        + " dba77ceb 094fa663 b7a3f748 ba8af829 ea64ad54 4a272e9c 485b62a3 fd5c0d");
    AesSiv siv = new AesSiv(key);
    assertThat(siv.seal(plaintext, ad1, ad2, nonce)).isEqualTo(expected);
    assertThat(siv.open(expected, ad1, ad2, nonce)).isEqualTo(plaintext);
  }

  @Test
  void rejectsWrongKeyLengths() {
    assertThatIllegalArgumentException().isThrownBy(() -> new AesSiv(new byte[16]));
    assertThatIllegalArgumentException().isThrownBy(() -> new AesSiv(new byte[33]));
  }

  @Test
  void shortInputIsATypedFailure() {
    assertThatThrownBy(() -> new AesSiv(new byte[32]).open(new byte[15]))
        .isInstanceOfSatisfying(NtsException.class, e -> assertThat(e.reason()).isEqualTo(NtsException.Reason.AUTHENTICATION_FAILED));
  }

  @Property(tries = 200)
  void openInvertsSeal(@ForAll @Size(64) byte[] key, @ForAll @Size(max = 100) byte[] plaintext,
      @ForAll @Size(max = 40) byte[] ad, @ForAll @Size(16) byte[] nonce) throws NtsException {
    AesSiv siv = new AesSiv(key);
    byte[] sealed = siv.seal(plaintext, ad, nonce);
    assertThat(sealed).hasSize(plaintext.length + AesSiv.TAG_LENGTH);
    assertThat(siv.open(sealed, ad, nonce)).isEqualTo(plaintext);
  }

  @Property(tries = 200)
  void anyFlippedBitFailsToOpen(@ForAll @Size(32) byte[] key, @ForAll @Size(max = 60) byte[] plaintext,
      @ForAll @Size(min = 1, max = 40) byte[] ad, @ForAll int where, @ForAll boolean inAd) {
    AesSiv siv = new AesSiv(key);
    byte[] sealed = siv.seal(plaintext, ad);
    byte[] target = inAd ? ad : sealed;
    int bit = Math.floorMod(where, target.length * 8);
    target[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThatThrownBy(() -> siv.open(sealed, ad))
        .isInstanceOfSatisfying(NtsException.class, e -> assertThat(e.reason()).isEqualTo(NtsException.Reason.AUTHENTICATION_FAILED));
  }
}
