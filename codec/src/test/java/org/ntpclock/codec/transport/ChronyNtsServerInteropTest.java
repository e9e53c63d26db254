package org.ntpclock.codec.transport;

import org.ntpclock.core.testing.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.nts.AeadAlgorithm;
import org.ntpclock.codec.nts.NtsClientSession;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.testing.RequiresTool;

/**
 * chronyd 4.3 as NTS-KE and NTS server on loopback, with a certificate this test makes (IP SAN
 * 127.0.0.1): our NTS-KE client negotiates with it on this JDK's TLS stack (BouncyCastle on 17,
 * the JDK's own on 25), and NTS-protected requests get replies our session authenticates.
 */
@RequiresTool("chronyd")
class ChronyNtsServerInteropTest {
  @TempDir static Path dir;
  static TestCertificates cert;
  static ChronyNts chrony;

  @BeforeAll
  static void start() throws Exception {
    cert = TestCertificates.create(dir, "127.0.0.1");
    warmUp(cert);
    chrony = ChronyNts.server(dir, cert);
  }

  @AfterAll
  static void stop() {
    if (chrony != null) {
      chrony.close();
    }
  }

  /**
   * One key exchange with our own server first, so that the TLS classes are loaded: chronyd drops
   * an NTS-KE connection whose handshake a cold, busy JVM does not finish within its short timeout.
   */
  static void warmUp(TestCertificates cert) throws Exception {
    try (NtsKeServer ours = NtsKeTlsTest.server(TlsStack.select().name(), cert, List.of(AeadAlgorithm.AES_SIV_CMAC_256))) {
      NtsKeClient.builder(Duration.ofSeconds(30)).trustedCertificates(cert.certificate()).build().exchange("127.0.0.1", ours.port());
    }
  }

  static NtsKeResult keyExchange() throws NtsException {
    return NtsKeClient.builder(Duration.ofSeconds(10)).trustedCertificates(cert.certificate()).build().exchange("127.0.0.1", chrony.ntsKePort());
  }

  @Test
  void keyExchangeWithChronyOnThisJdksStack() throws NtsException {
    NtsKeResult result = keyExchange();
    assertThat(result.tlsStack()).isEqualTo(Runtime.version().feature() >= 25 ? "jdk" : "bouncycastle");
    assertThat(result.response().aead()).isEqualTo(AeadAlgorithm.AES_SIV_CMAC_256); // all chrony 4.3 has
    assertThat(result.response().cookies()).hasSize(8);
    assertThat(result.ntpHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void chronyAnswersOurNtsRequestsWithAuthenticatedRepliesAndCookies() throws Exception {
    NtsKeResult ke = keyExchange();
    NtsClientSession session = NtsClientSession.of(ke.keys(), ke.response(), new SecureRandom());
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(3000);
      for (int i = 0; i < 10; i++) { // more requests than the first eight cookies
        NtpTimestamp t1 = NtpTimestamp.fromInstant(java.time.Instant.now());
        byte[] request = session.protect(NtpPacket.builder().mode(Mode.CLIENT).transmitTimestamp(t1).build());
        socket.send(new DatagramPacket(request, request.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), chrony.ntpPort())));
        byte[] buffer = new byte[2048];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        socket.receive(reply);
        NtpPacket verified = session.verify(java.util.Arrays.copyOf(buffer, reply.getLength()));
        assertThat(verified.mode()).isEqualTo(Mode.SERVER);
        assertThat(verified.originTimestamp()).isEqualTo(t1);
        assertThat(verified.stratum()).isEqualTo(10); // chronyd serves its local clock at stratum 10
        assertThat(session.cookieCount()).isEqualTo(8);
      }
    }
  }

  @Test
  void sntpClientGetsAuthenticatedSamplesFromChrony() throws NtsException {
    SntpClient client = SntpClient.builder(Duration.ofSeconds(5))
        .allowFastPollingForTests().minimumPollInterval(Duration.ZERO)
        .nts(NtsKeClient.builder(Duration.ofSeconds(20)).trustedCertificates(cert.certificate()).build()).build();
    for (int i = 0; i < 3; i++) {
      org.ntpclock.codec.client.ExchangeResult r = client.queryNts("127.0.0.1", chrony.ntsKePort());
      assertThat(r).as(r.toString()).isInstanceOfSatisfying(org.ntpclock.codec.client.TimeSample.class, s -> {
        assertThat(s.stratum()).isEqualTo(10);
        assertThat(s.offset().toDuration().abs()).isLessThan(Duration.ofMillis(50));
      });
    }
    assertThat(client.ntsKeyExchanges("127.0.0.1", chrony.ntsKePort())).isEqualTo(1);
  }

  @Test
  void offeringOnlyAes512IsNoCommonAead() {
    NtsKeTlsTest.assertReason(() -> NtsKeClient.builder(Duration.ofSeconds(10)).trustedCertificates(cert.certificate())
        .aeads(List.of(AeadAlgorithm.AES_SIV_CMAC_512)).build().exchange("127.0.0.1", chrony.ntsKePort()), NtsException.Reason.NO_COMMON_AEAD);
  }
}
