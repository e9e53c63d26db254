package org.ntpclock.codec.transport;

import org.ntpclock.core.testing.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.codec.nts.AeadAlgorithm;
import org.ntpclock.codec.nts.NtsMasterKeys;
import org.ntpclock.codec.nts.NtsServerCodec;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.SystemTimeSource;

/**
 * {@link SntpClient#queryNts} against our NTS-KE server and NTS-answering NtpServer on loopback:
 * authenticated samples, cookies renewed without new key exchanges, and an NTS NAK (the server's
 * master keys moved on) answered by one new key exchange.
 */
class NtsSntpClientTest {
  @TempDir Path dir;

  /** A clock the test moves forward, for the server's master-key rotation. */
  static final class SteppedClock implements InstantSource {
    volatile Instant now = Instant.now();

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void authenticatedSamplesAndNakLeadsToANewKeyExchange() throws Exception {
    TestCertificates cert = TestCertificates.create(dir, "127.0.0.1");
    SteppedClock clock = new SteppedClock();
    NtsMasterKeys masterKeys = NtsMasterKeys.create(clock, Duration.ofHours(1), 0);
    NtpResponder responder = NtpResponder.builder(SystemTimeSource.create()).nts(new NtsServerCodec(masterKeys, new SecureRandom())).build();
    try (NtpServer ntp = NtpServer.builder(responder).bindAddress(InetAddress.getLoopbackAddress()).port(0).workers(1).start();
        NtsKeServer ke = NtsKeServer.builder(NtsCredentials.fromPem(cert.certificate(), cert.key()), masterKeys).port(0)
            .ntpPort(ntp.localAddress().getPort()).aeads(List.of(AeadAlgorithm.AES_SIV_CMAC_256)).start()) {
      SntpClient client = SntpClient.builder(Duration.ofSeconds(5)).allowFastPollingForTests().minimumPollInterval(Duration.ZERO)
          .nts(NtsKeClient.builder(Duration.ofSeconds(20)).trustedCertificates(cert.certificate()).build()).build();
      for (int i = 0; i < 10; i++) {
        ExchangeResult r = client.queryNts("127.0.0.1", ke.port());
        assertThat(r).as(r.toString()).isInstanceOf(TimeSample.class);
        assertThat(((TimeSample) r).offset().toDuration().abs()).isLessThan(Duration.ofMillis(50));
      }
      assertThat(client.ntsKeyExchanges("127.0.0.1", ke.port())).isEqualTo(1); // placeholders kept eight cookies
      assertThat(ntp.stats().count(Verdict.ANSWERED_NTS)).isEqualTo(10);

      clock.now = clock.now.plus(Duration.ofHours(2)); // every cookie the client holds is now under a retired key
      ExchangeResult r = client.queryNts("127.0.0.1", ke.port());
      assertThat(r).as(r.toString()).isInstanceOf(TimeSample.class);
      assertThat(ntp.stats().count(Verdict.KOD_NTS_NAK)).isEqualTo(1);
      assertThat(client.ntsKeyExchanges("127.0.0.1", ke.port())).isEqualTo(2);
      assertThat(ke.served()).isEqualTo(2);
    }
  }
}
