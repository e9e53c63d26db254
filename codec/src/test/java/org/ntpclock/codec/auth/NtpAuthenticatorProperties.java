package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Laws of sign and verify over arbitrary keys and packets of header plus extension-field words. */
class NtpAuthenticatorProperties {

  /** verify(sign(p, k)) is VALID with k's id, whichever API signed it. */
  @Property(tries = 300)
  void signedPacketsVerify(@ForAll("keys") SymmetricKey key, @ForAll("packets") byte[] packet) {
    byte[] signed = Arrays.copyOf(packet, packet.length + NtpAuthenticator.macLength(key));
    int n = NtpAuthenticator.sign(signed, 0, packet.length, key, signed, packet.length);
    assertThat(n).isEqualTo(key.algorithm().macLength());
    assertThat(NtpAuthenticator.verify(signed, packet.length, signed.length, KeyStore.of(key)))
        .isEqualTo(new AuthResult(AuthStatus.VALID, key.keyId()));

    ByteBuffer buffer = ByteBuffer.allocateDirect(signed.length).put(packet);
    NtpAuthenticator.appendMac(buffer, 0, key);
    assertThat(buffer.position()).isEqualTo(signed.length);
    assertThat(NtpAuthenticator.check(buffer.flip(), packet.length, KeyStore.of(key))).isEqualTo(AuthStatus.VALID);
  }

  /** Another secret under the same id and algorithm never verifies. */
  @Property(tries = 300)
  void otherSecretsDoNotVerify(@ForAll("keys") SymmetricKey key, @ForAll("packets") byte[] packet,
      @ForAll @IntRange(min = 0, max = 15) int index, @ForAll @IntRange(min = 1, max = 255) int delta) {
    byte[] secret = key.secret();
    secret[index % secret.length] += (byte) delta;
    SymmetricKey other = SymmetricKey.of(key.keyId(), key.algorithm(), secret);
    byte[] signed = Arrays.copyOf(packet, packet.length + NtpAuthenticator.macLength(key));
    NtpAuthenticator.sign(signed, 0, packet.length, key, signed, packet.length);
    assertThat(NtpAuthenticator.check(signed, packet.length, signed.length, KeyStore.of(other)))
        .isEqualTo(AuthStatus.BAD_DIGEST);
  }

  @Provide
  Arbitrary<SymmetricKey> keys() {
    return Combinators.combine(
            Arbitraries.longs().between(1, SymmetricKey.MAX_KEY_ID),
            Arbitraries.of(MacAlgorithm.class),
            Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64))
        .as((id, alg, bytes) -> SymmetricKey.of(id, alg,
            alg.isCmac() ? Arrays.copyOf(bytes, alg.requiredKeyLength()) : bytes));
  }

  @Provide
  Arbitrary<byte[]> packets() {
    return Arbitraries.integers().between(0, 40)
        .flatMap(words -> Arbitraries.bytes().array(byte[].class).ofSize(48 + 4 * words));
  }
}
