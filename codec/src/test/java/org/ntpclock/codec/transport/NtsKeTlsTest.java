package org.ntpclock.codec.transport;

import org.ntpclock.core.testing.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntpclock.codec.nts.AeadAlgorithm;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.nts.NtsMasterKeys;

/**
 * Our NTS-KE client against our NTS-KE server over real TLS on loopback, on every TLS stack this
 * JDK has (BouncyCastle always in the tests; the JDK's own from 25), crossed both ways, and each
 * certificate and negotiation failure as its typed reason.
 */
class NtsKeTlsTest {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  @TempDir static Path dir;
  static TestCertificates good;
  static TestCertificates otherCa;
  static TestCertificates expired;

  @BeforeAll
  static void certificates() throws Exception {
    good = TestCertificates.create(dir, "127.0.0.1");
    otherCa = TestCertificates.create(dir, "other-ca");
    expired = TestCertificates.create(dir, "expired", "ip:127.0.0.1", "-30d", 2);
  }

  static List<String[]> stackPairs() {
    List<String> stacks = new ArrayList<>(List.of("bouncycastle"));
    if (Runtime.version().feature() >= 25) {
      stacks.add("jdk");
    }
    List<String[]> pairs = new ArrayList<>();
    for (String client : stacks) {
      for (String server : stacks) {
        pairs.add(new String[] {client, server});
      }
    }
    return pairs;
  }

  static NtsKeServer server(String stack, TestCertificates cert, List<AeadAlgorithm> aeads) throws Exception {
    NtsMasterKeys keys = NtsMasterKeys.create(InstantSource.system(), Duration.ofHours(1), 1);
    return NtsKeServer.builder(NtsCredentials.fromPem(cert.certificate(), cert.key()), keys).port(0).ntpPort(12300)
        .aeads(aeads).tlsStack(stack).start();
  }

  @ParameterizedTest
  @MethodSource("stackPairs")
  void keyExchangeBetweenOurClientAndServer(String clientStack, String serverStack) throws Exception {
    try (NtsKeServer server = server(serverStack, good, List.of(AeadAlgorithm.AES_SIV_CMAC_256, AeadAlgorithm.AES_SIV_CMAC_512))) {
      NtsKeResult result = NtsKeClient.builder(TIMEOUT).trustedCertificates(good.certificate()).tlsStack(clientStack).build()
          .exchange("127.0.0.1", server.port());
      assertThat(result.response().aead()).isEqualTo(AeadAlgorithm.AES_SIV_CMAC_512);
      assertThat(result.response().cookies()).hasSize(8);
      assertThat(result.ntpHost()).isEqualTo("127.0.0.1");
      assertThat(result.ntpPort()).isEqualTo(12300);
      assertThat(result.tlsStack()).isEqualTo(clientStack);
      assertThat(server.served()).isEqualTo(1);
    }
  }

  @Test
  void theJdkStackIsChosenFrom25AndBouncyCastleBefore() throws NtsException {
    assertThat(TlsStack.select().name()).isEqualTo(Runtime.version().feature() >= 25 ? "jdk" : "bouncycastle");
  }

  @Test
  void serverKeysInPkcs12Work() throws Exception {
    NtsMasterKeys keys = NtsMasterKeys.create(InstantSource.system(), Duration.ofHours(1), 1);
    NtsCredentials credentials = NtsCredentials.fromPkcs12(good.pkcs12(), TestCertificates.PASSWORD.toCharArray());
    try (NtsKeServer server = NtsKeServer.builder(credentials, keys).port(0).start()) {
      NtsKeResult result = NtsKeClient.builder(TIMEOUT).trustedCertificates(good.certificate()).build().exchange("127.0.0.1", server.port());
      assertThat(result.ntpPort()).isEqualTo(123);
    }
  }

  @ParameterizedTest
  @MethodSource("stackPairs")
  void wrongCaIsUntrusted(String clientStack, String serverStack) throws Exception {
    try (NtsKeServer server = server(serverStack, good, List.of(AeadAlgorithm.AES_SIV_CMAC_256))) {
      assertReason(() -> NtsKeClient.builder(TIMEOUT).trustedCertificates(otherCa.certificate()).tlsStack(clientStack).build()
          .exchange("127.0.0.1", server.port()), NtsException.Reason.CERTIFICATE_UNTRUSTED);
    }
  }

  @ParameterizedTest
  @MethodSource("stackPairs")
  void wrongHostNameIsAMismatch(String clientStack, String serverStack) throws Exception {
    try (NtsKeServer server = server(serverStack, good, List.of(AeadAlgorithm.AES_SIV_CMAC_256))) {
      // "localhost" reaches the same server, but the certificate names only IP 127.0.0.1.
      assertReason(() -> NtsKeClient.builder(TIMEOUT).trustedCertificates(good.certificate()).tlsStack(clientStack).build()
          .exchange("localhost", server.port()), NtsException.Reason.HOSTNAME_MISMATCH);
    }
  }

  @ParameterizedTest
  @MethodSource("stackPairs")
  void expiredCertificateIsRefused(String clientStack, String serverStack) throws Exception {
    try (NtsKeServer server = server(serverStack, expired, List.of(AeadAlgorithm.AES_SIV_CMAC_256))) {
      assertReason(() -> NtsKeClient.builder(TIMEOUT).trustedCertificates(expired.certificate()).tlsStack(clientStack).build()
          .exchange("127.0.0.1", server.port()), NtsException.Reason.CERTIFICATE_EXPIRED);
    }
  }

  @Test
  void noCommonAeadIsTyped() throws Exception {
    try (NtsKeServer server = server(TlsStack.select().name(), good, List.of(AeadAlgorithm.AES_SIV_CMAC_512))) {
      assertReason(() -> NtsKeClient.builder(TIMEOUT).trustedCertificates(good.certificate()).aeads(List.of(AeadAlgorithm.AES_SIV_CMAC_256)).build()
          .exchange("127.0.0.1", server.port()), NtsException.Reason.NO_COMMON_AEAD);
      assertThat(server.served()).isZero();
    }
  }

  @Test
  void badCredentialFilesAreTyped() {
    assertReason(() -> NtsCredentials.fromPem(good.key(), good.key()), NtsException.Reason.BAD_CREDENTIALS);
    assertReason(() -> NtsCredentials.fromPem(good.certificate(), good.certificate()), NtsException.Reason.BAD_CREDENTIALS);
    assertReason(() -> NtsCredentials.fromPem(dir.resolve("missing.crt"), good.key()), NtsException.Reason.BAD_CREDENTIALS);
  }

  static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, NtsException.Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(NtsException.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }
}
