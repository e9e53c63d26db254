package org.ntpclock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.auth.MacAlgorithm;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.codec.client.ExchangeFailure;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.client.ExchangeSettings;
import org.ntpclock.codec.client.FailureReason;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.codec.transport.SntpClient;
import org.ntpclock.core.LeapIndicator;

/**
 * ntpclock's own client against every misbehaviour the fake server scripts: a good reply is a
 * sample with the server's offset, a kiss-o'-death or an unsynchronized server is a typed final
 * failure, and a reply the client must ignore (wrong origin, truncated, bad MAC) is never a sample:
 * the exchange waits on and ends without one.
 */
@ExtendWith(FakeNtpServerExtension.class)
class SntpClientAgainstFakeServerTest {
  private static final SymmetricKey KEY =
      SymmetricKey.of(9, MacAlgorithm.AES128_CMAC, "fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

  private static ExchangeResult ask(FakeNtpServer server, Duration timeout, ExchangeSettings settings) {
    return SntpClient.builder(timeout).retries(0).settings(settings).build().query(server.address());
  }

  private static ExchangeResult ask(FakeNtpServer server, Duration timeout) {
    return ask(server, timeout, ExchangeSettings.builder().build());
  }

  @Test
  void aCorrectReplyIsASampleWithTheServersOffset(FakeNtpServer server) {
    server.enqueue(FakeReply.correct().withOffset(Duration.ofMillis(2500)));
    ExchangeResult r = ask(server, Duration.ofSeconds(5));
    assertThat(r).isInstanceOf(TimeSample.class);
    Duration offset = ((TimeSample) r).offset().toDuration();
    assertThat(offset).isBetween(Duration.ofMillis(2400), Duration.ofMillis(2600));
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void eraOneTimestampsResolveToTheirInstant(FakeNtpServer server) {
    server.enqueue(FakeReply.correct().withServedTimeFrom(Instant.parse("2040-01-01T00:00:00Z")));
    ExchangeResult r = ask(server, Duration.ofSeconds(5));
    assertThat(r).isInstanceOf(TimeSample.class);
    Duration ahead = Duration.between(Instant.now(), Instant.parse("2040-01-01T00:00:00Z"));
    assertThat(((TimeSample) r).offset().toDuration().minus(ahead).abs()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aRateKissIsATypedFinalFailure(FakeNtpServer server) {
    server.enqueue(FakeReply.kissOfDeath("RATE"));
    ExchangeResult r = ask(server, Duration.ofSeconds(5));
    assertThat(r).isInstanceOf(ExchangeFailure.KissOfDeath.class);
    assertThat(((ExchangeFailure.KissOfDeath) r).kissCode()).contains(KissCode.RATE);
  }

  @Test
  void anUnsynchronizedOrZeroTransmitReplyFailsValidation(FakeNtpServer server) {
    server.enqueue(FakeReply.correct().withLeap(LeapIndicator.UNSYNCHRONIZED), FakeReply.correct().withZeroTransmit());
    assertThat(((ExchangeFailure) ask(server, Duration.ofSeconds(5))).reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
    assertThat(((ExchangeFailure) ask(server, Duration.ofSeconds(5))).reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
  }

  @Test
  void repliesToIgnoreAreNeverSamples(FakeNtpServer server) {
    server.answerAlways(FakeReply.correct().withWrongOrigin());
    assertThat(((ExchangeFailure) ask(server, Duration.ofMillis(500))).reason()).isEqualTo(FailureReason.TIMEOUT);
    server.answerAlways(FakeReply.correct().truncatedTo(40));
    assertThat(((ExchangeFailure) ask(server, Duration.ofMillis(500))).reason()).isEqualTo(FailureReason.TIMEOUT);
    server.answerAlways(FakeReply.noReply());
    assertThat(((ExchangeFailure) ask(server, Duration.ofMillis(500))).reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void signedRepliesVerifyAndBadMacsAreIgnored(FakeNtpServer server) {
    ExchangeSettings signed = ExchangeSettings.builder().key(KEY).build();
    server.enqueue(FakeReply.correct().withMac(KEY), FakeReply.correct().withBadMac(KEY));
    assertThat(ask(server, Duration.ofSeconds(5), signed)).isInstanceOf(TimeSample.class);
    // ignored while the exchange waits on; when the time is up, the failure says why
    assertThat(((ExchangeFailure) ask(server, Duration.ofMillis(500), signed)).reason())
        .isEqualTo(FailureReason.AUTHENTICATION_FAILED);
    assertThat(server.requests().get(0).requirePacket().mac()).isPresent();
  }
}
