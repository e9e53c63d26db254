package org.ntpclock.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.transport.SntpClient;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.codec.transport.NtpServer;
import org.ntpclock.core.EraResolver;
import org.ntpclock.core.NtpFraction;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.OnWire;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.epoch.GpsTime;
import org.ntpclock.epoch.LeapSecondTable;

/** The root README's "A taste of the API", line for line (ports aside), so the README cannot rot. */
class ReadmeApiTest {

  @Test
  void theReadmeSnippetCompilesRunsAndSaysWhatItClaims() throws Exception {
    NtpTimestamp t = NtpTimestamp.parse("c1a9ae1c.cf6ac48d");
    Instant when = t.toInstant();
    Instant near = t.toInstant(EraResolver.nearest(Instant.now()));
    NtpTimestamp back = NtpTimestamp.fromInstant(when);
    assertThat(when).isEqualTo(Instant.parse("2002-12-17T14:07:24.810222897Z"));
    assertThat(near).isEqualTo(when);
    assertThat(back).isEqualTo(t);
    long millis = t.toEpochMilli();
    assertThat(millis).isEqualTo(1040134044810L).isEqualTo(when.toEpochMilli());

    long fraction = NtpFraction.fromMicros(684_830);
    assertThat(fraction).isEqualTo(0xaf5104d5L);

    NtpTimestamp t1 = NtpTimestamp.fromInstant(Instant.parse("2036-02-07T06:28:00Z"));
    NtpTimestamp t2 = NtpTimestamp.fromInstant(Instant.parse("2036-02-07T06:28:30.010Z"));
    NtpTimestamp t3 = NtpTimestamp.fromInstant(Instant.parse("2036-02-07T06:28:30.011Z"));
    NtpTimestamp t4 = NtpTimestamp.fromInstant(Instant.parse("2036-02-07T06:28:00.021Z"));
    OnWire.Measurement m = OnWire.measure(t1, t2, t3, t4);
    Duration offset = m.offset().toDuration();
    assertThat(offset).isEqualTo(Duration.ofSeconds(30));

    LeapSecondTable leaps = LeapSecondTable.bundled();
    GpsTime gps = GpsTime.fromInstant(Instant.parse("2026-11-21T12:00:00Z"), leaps);
    assertThat(gps.week()).isEqualTo(2445);

    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).start()) {
      SntpClient client = SntpClient.builder(Duration.ofSeconds(2)).build();
      ExchangeResult result = client.query(server.localAddress());
      assertThat(result).isInstanceOf(TimeSample.class);
      if (result instanceof TimeSample sample) {
        Duration serverAhead = sample.offset().toDuration();
        assertThat(serverAhead.abs()).isLessThan(Duration.ofMillis(50));
      }
      assertThat(server.stats().toString()).isNotEmpty();
    }
  }
}
