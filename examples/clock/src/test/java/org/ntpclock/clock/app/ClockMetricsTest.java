package org.ntpclock.clock.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ntpclock.codec.transport.NtpServer;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.core.testing.ExternalProcess;
import org.ntpclock.core.testing.NtpProbe;
import org.ntpclock.core.testing.RequiresTool;
import org.ntpclock.core.testing.Tools;

/** {@link ClockMetrics}: the values a running server gives, in a format Prometheus accepts. */
public class ClockMetricsTest {
  /** The value of one sample line of the exposition text. */
  public static double value(String text, String series) {
    return text.lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in\n" + text));
  }

  @Test
  @Timeout(30)
  void countsRequestsByVerdictAndReportsTheSource() throws Exception {
    TimeSource source = SystemTimeSource.create(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(3)));
    try (NtpServer server = NtpServer.builder(source).port(0).workers(1).start();
        DatagramSocket socket = new DatagramSocket()) {
      ClockMetrics metrics = ClockMetrics.create(server::stats, source, Clock.systemUTC());
      socket.setSoTimeout(5000);
      for (int i = 0; i < 3; i++) {
        NtpProbe.exchange(socket, server.localAddress(), 42);
      }
      // A mode 6 (control) request: dropped, and counted as such.
      NtpProbe.send(socket, server.localAddress(), (byte) 0x26, 0);
      while (server.stats().dropped() < 1) {
        Thread.sleep(10);
      }
      String text = metrics.scrape();
      assertThat(value(text, "ntpclock_ntp_received_total")).isEqualTo(4);
      assertThat(value(text, "ntpclock_ntp_requests_total{verdict=\"answered\"}")).isEqualTo(3);
      assertThat(value(text, "ntpclock_ntp_requests_total{verdict=\"dropped_control_or_private\"}")).isEqualTo(1);
      assertThat(value(text, "ntpclock_ntp_replies_total")).isEqualTo(3);
      assertThat(value(text, "ntpclock_ntp_dropped_total")).isEqualTo(1);
      assertThat(value(text, "ntpclock_ntp_kod_total{code=\"RATE\"}")).isZero();
      assertThat(value(text, "ntpclock_ntp_rate_limited_total")).isZero();
      assertThat(value(text, "ntpclock_ntp_errors_total{kind=\"internal\"}")).isZero();
      assertThat(value(text, "ntpclock_time_source_synchronized")).isEqualTo(1);
      assertThat(value(text, "ntpclock_rtc_offset_seconds")).isBetween(2.9, 3.1);
    }
  }

  @Test
  @Timeout(30)
  void theCountersStillReadTheServerAfterAGarbageCollection() throws Exception {
    TimeSource source = SystemTimeSource.create();
    try (NtpServer server = NtpServer.builder(source).port(0).workers(1).start();
        DatagramSocket socket = new DatagramSocket()) {
      // The supplier made here is referenced by the metrics alone, as in the application.
      ClockMetrics metrics = ClockMetrics.create(server::stats, source, Clock.systemUTC());
      collectGarbage();
      socket.setSoTimeout(5000);
      NtpProbe.exchange(socket, server.localAddress(), 42);
      String text = metrics.scrape();
      assertThat(value(text, "ntpclock_ntp_received_total")).isEqualTo(1);
      assertThat(value(text, "ntpclock_ntp_requests_total{verdict=\"answered\"}")).isEqualTo(1);
      assertThat(value(text, "ntpclock_time_source_synchronized")).isEqualTo(1);
    }
  }

  /** Runs collections until one has cleared a weakly held object (bounded: a JVM may ignore the request). */
  private static void collectGarbage() throws InterruptedException {
    java.lang.ref.WeakReference<Object> canary = new java.lang.ref.WeakReference<>(new Object());
    for (int i = 0; i < 50 && canary.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(canary.get()).as("a collection cleared the weakly held canary").isNull();
  }

  @Test
  void anUnsynchronizedSourceIsReportedAsSuch() {
    TimeSource lost = new TimeSource() {
      @Override
      public long nowBits() {
        return 0;
      }

      @Override
      public TimeSourceStatus status() {
        return TimeSourceStatus.unsynchronized(-20);
      }
    };
    String text = ClockMetrics.create(() -> new org.ntpclock.codec.transport.ServerStats(0, java.util.Map.of(), 0, 0, 0,
        org.ntpclock.codec.transport.Transport.JDK_CHANNEL, org.ntpclock.codec.transport.ReceiveTimestamps.USER_SPACE),
        lost, Clock.systemUTC()).scrape();
    assertThat(value(text, "ntpclock_time_source_synchronized")).isZero();
    assertThat(value(text, "ntpclock_time_source_stratum")).isEqualTo(16);
    assertThat(text).contains("ntpclock_rtc_offset_seconds NaN");
  }

  @Test
  @RequiresTool("promtool")
  void theExpositionPassesPromtoolCheckMetrics() throws Exception {
    TimeSource source = SystemTimeSource.create();
    try (NtpServer server = NtpServer.builder(source).port(0).workers(1).start()) {
      ClockMetrics metrics = ClockMetrics.create(server::stats, source, Clock.systemUTC());
      assertThat(promtool(metrics.scrape())).isEqualTo("0:");
      // The check can fail: a metric without HELP and a counter without _total are reported.
      assertThat(promtool("# TYPE broken counter\nbroken 1\n")).doesNotStartWith("0:");
    }
  }

  /** Runs {@code promtool check metrics} on an exposition text: exit code and output. */
  public static String promtool(String exposition) {
    ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(60),
        new ProcessBuilder(List.of(Tools.require("promtool").toString(), "check", "metrics")),
        exposition.getBytes(StandardCharsets.UTF_8));
    assertThat(r.exitCode()).as("promtool finished: %s", r.output()).isNotEqualTo(-1);
    return r.exitCode() + ":" + r.output().strip();
  }

}
