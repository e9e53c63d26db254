package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.core.testing.RequiresTool;
import org.ntpclock.clock.app.ClockMetricsTest;
import org.ntpclock.clock.dist.DistFilesTest;

/** {@code serve} as an operated service: its configuration file, /metrics, JMX and messages. */
class ServeOperationsTest {
  private static HttpResponse<String> get(int port, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theConfigurationFileSetsOptionsAndTheCommandLineOverridesIt(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("serve.properties"),
        "# a comment\nrtc=system\ndisplay=none\nlight = simulated\nntp-port=1\n");
    // ntp-port and http-port come from the command line (RunningServe passes 0): they win.
    try (RunningServe serve = RunningServe.start("--config", config.toString())) {
      assertThat(serve.out()).contains("RTC: system clock");
      assertThat(serve.ntpPort()).isNotEqualTo(1);
    }
    try (RunningServe serve = RunningServe.start("--config", config.toString(), "--rtc", "simulated")) {
      assertThat(serve.out()).contains("RTC: simulated DS3231");
    }
  }

  @Test
  void theShippedExampleConfigurationRuns() throws Exception {
    Path example = DistFilesTest.dist().resolve("ntpclock.properties");
    try (RunningServe serve = RunningServe.start("--config", example.toString())) {
      assertThat(serve.out()).contains("RTC: system clock", "display: none");
    }
  }

  @Test
  void badConfigurationFilesAreUsageErrors(@TempDir Path dir) throws Exception {
    Path unknown = Files.writeString(dir.resolve("a.properties"), "ntp-prot=123\n");
    CliRun.of("serve", "--config", unknown.toString()).fails(2, "--config", "unknown key 'ntp-prot'");
    Path notANumber = Files.writeString(dir.resolve("b.properties"), "http-port=eighty\n");
    CliRun.of("serve", "--config", notANumber.toString()).fails(2, "invalid value for http-port: 'eighty'");
    Path help = Files.writeString(dir.resolve("c.properties"), "help=true\n");
    CliRun.of("serve", "--config", help.toString()).fails(2, "unknown key 'help'");
    CliRun.of("serve", "--config", dir.resolve("none.properties").toString()).fails(2, "invalid value for --config", "file not found");
  }

  @Test
  void statisticsAreServedAsMetricsAndOverJmx() throws Exception {
    try (RunningServe serve = RunningServe.start("--display", "none")) {
      CliRun.of("query", "--json", "127.0.0.1:" + serve.ntpPort()).json();
      HttpResponse<String> r = get(serve.httpPort(), "/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(ClockMetricsTest.value(r.body(), "ntpclock_ntp_requests_total{verdict=\"answered\"}")).isEqualTo(1);
      assertThat(ClockMetricsTest.value(r.body(), "ntpclock_time_source_synchronized")).isEqualTo(1);
      // A scrape is timed when its exchange completes, after the client already has the answer, so
      // the next scrape may still miss it: scrape until a completed one shows (bounded; each scrape
      // that completes is counted, so this ends at the second or third).
      String later;
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
      do {
        later = get(serve.httpPort(), "/metrics").body();
      } while (ClockMetricsTest.value(later, "ntpclock_http_request_seconds_count") < 1 && System.nanoTime() < deadline);
      assertThat(ClockMetricsTest.value(later, "ntpclock_http_request_seconds_count")).isGreaterThanOrEqualTo(1);
      ObjectName name = new ObjectName("org.ntpclock:type=NtpServer,port=" + serve.ntpPort());
      assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Answered")).isEqualTo(1L);
    }
  }

  @Test
  @RequiresTool("promtool")
  void theMetricsEndpointPassesPromtool() throws Exception {
    try (RunningServe serve = RunningServe.start("--display", "none")) {
      CliRun.of("query", "--json", "127.0.0.1:" + serve.ntpPort()).json();
      get(serve.httpPort(), "/time");
      String body = get(serve.httpPort(), "/metrics").body();
      assertThat(ClockMetricsTest.promtool(body)).isEqualTo("0:");
    }
  }

  @Test
  void aWildcardBindIsPrintedAsGiven() throws Exception {
    // serve names its servers by the address asked for and the bound port (a live wildcard bind
    // would open the ports beyond loopback, so the formatting is checked on its own).
    assertThat(ServeCommand.hostPort(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 8080)))
        .isEqualTo("0.0.0.0:8080");
    assertThat(ServeCommand.hostPort(new InetSocketAddress(InetAddress.getByName("::1"), 123))).isEqualTo("[0:0:0:0:0:0:0:1]:123");
  }

  @Test
  void anUnreadableSysfsRtcNamesTheReasonOnce(@TempDir Path dir) throws Exception {
    try (RunningServe serve = RunningServe.start("--display", "none", "--rtc", "sysfs:" + dir.resolve("rtc9"))) {
      assertThat(serve.out()).contains("(CONFIGURATION: cannot read").doesNotContain("CONFIGURATION: CONFIGURATION");
    }
  }

  @Test
  void aMissingI2cBusIsNamedBeforeTheNativeLayerIsTouched() {
    CliRun run = CliRun.of("serve", "--ntp-port", "0", "--http-port", "0", "--display", "none", "--rtc", "ds3231:99")
        .fails(1, "--rtc ds3231:99: no I2C bus /dev/i2c-99");
    assertThat(run.out()).isEmpty();
  }
}
