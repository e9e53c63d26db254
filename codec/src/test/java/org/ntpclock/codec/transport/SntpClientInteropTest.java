package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.auth.AuthStatus;
import org.ntpclock.codec.auth.KeyFile;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.codec.auth.MacAlgorithm;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.codec.client.ExchangeFailure;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.client.ExchangeSettings;
import org.ntpclock.codec.client.FailureReason;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.core.testing.ChronyServer;
import org.ntpclock.codec.server.Interop;
import org.ntpclock.core.testing.RequiresTool;

/** {@link SntpClient} against a real chronyd server on a loopback port. */
class SntpClientInteropTest {
  private static final String KEYS = "1 AES128 HEX:000102030405060708090A0B0C0D0E0F\n"
      + "2 MD5 HEX:0102030405060708090A0B0C0D0E0F10\n";

  @TempDir Path dir;

  private static SntpClient client(ExchangeSettings settings) {
    return SntpClient.builder(Duration.ofSeconds(1)).retries(1).allowFastPollingForTests().settings(settings).build();
  }

  /**
   * Must show: our offset is within 200 µs of python3-ntplib's against the same server. Each
   * tool takes 15 samples; each side's figure is the median offset of its 5 least-delayed samples
   * (RFC 5905's clock-filter idea), so scheduling noise on a loaded machine does not decide it.
   */
  @Test
  @RequiresTool(value = "chronyd", python = "ntplib")
  void offsetAgreesWithNtplibWithin200Microseconds() throws Exception {
    try (ChronyServer chrony = ChronyServer.start(dir, null)) {
      SntpClient client = client(ExchangeSettings.defaults());
      for (int i = 0; i < 50; i++) {
        client.query(chrony.address()); // warm up the JIT
      }
      List<double[]> ours = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        ExchangeResult r = client.query(chrony.address());
        assertThat(r).as("query %s", i).isInstanceOf(TimeSample.class);
        TimeSample s = (TimeSample) r;
        assertThat(s.stratum()).isEqualTo(10);
        ours.add(new double[] {s.offset().toDuration().toNanos() / 1e9, s.delay().toDuration().toNanos() / 1e9});
        Thread.sleep(20);
      }
      List<double[]> theirs = Interop.ntplibSamples(chrony.port(), 15, 4);
      double oursMedian = Interop.lowDelayMedian(ours, 5);
      double theirsMedian = Interop.lowDelayMedian(theirs, 5);
      System.out.println("Against chronyd: SntpClient " + describe(ours) + " -> " + Interop.micros(oursMedian)
          + "; ntplib " + describe(theirs) + " -> " + Interop.micros(theirsMedian)
          + "; difference " + Interop.micros(oursMedian - theirsMedian));
      assertThat(Math.abs(oursMedian - theirsMedian)).isLessThan(200e-6);
    }
  }

  private static String describe(List<double[]> samples) {
    StringBuilder b = new StringBuilder("[");
    for (double[] s : samples) {
      b.append(String.format(java.util.Locale.ROOT, " %.1f/%.1f", s[0] * 1e6, s[1] * 1e6));
    }
    return b.append(" ] µs offset/delay").toString();
  }

  /** Must show: an AES-128-CMAC-authenticated query against chronyd with a shared key file succeeds. */
  @Test
  @RequiresTool("chronyd")
  void authenticatedQuerySucceedsAndAWrongKeyFailsTyped() throws Exception {
    KeyStore keys = KeyFile.parse(KEYS);
    SymmetricKey aes = keys.lookup(1).orElseThrow();
    assertThat(aes.algorithm()).isEqualTo(MacAlgorithm.AES128_CMAC);
    try (ChronyServer chrony = ChronyServer.start(dir, KEYS)) {
      ExchangeResult good = client(ExchangeSettings.builder().key(aes).build()).query(chrony.address());
      assertThat(good).isInstanceOf(TimeSample.class);
      System.out.println("AES-128-CMAC query against chronyd: " + good);

      ExchangeResult md5 = client(ExchangeSettings.builder().key(keys.lookup(2).orElseThrow()).build())
          .query(chrony.address());
      assertThat(md5).isInstanceOf(TimeSample.class);

      // Same key id, wrong secret: chronyd drops requests that fail authentication (chrony 4
      // ntp_core.c), so the typed outcome is a timeout; nothing unauthenticated is accepted.
      SymmetricKey wrong = SymmetricKey.of(1, MacAlgorithm.AES128_CMAC, new byte[16]);
      ExchangeResult bad = client(ExchangeSettings.builder().key(wrong).build()).query(chrony.address());
      assertThat(bad).isInstanceOf(ExchangeFailure.class);
      assertThat(((ExchangeFailure) bad).reason()).isEqualTo(FailureReason.TIMEOUT);

      // A key id chronyd does not know: likewise dropped.
      SymmetricKey unknown = SymmetricKey.of(99, MacAlgorithm.AES128_CMAC, new byte[16]);
      ExchangeResult none = client(ExchangeSettings.builder().key(unknown).build()).query(chrony.address());
      assertThat(((ExchangeFailure) none).reason()).isEqualTo(FailureReason.TIMEOUT);
      System.out.println("wrong secret -> " + bad + "; unknown key id -> " + none);
      assertThat(AuthStatus.VALID).isNotNull();
    }
  }
}
