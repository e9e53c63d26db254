package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntpclock.codec.NtpPacket;

/** {@code serve}'s leap-second options, in-process on the simulated RTC. */
class ServeLeapSecondTest {
  @Test
  void reportsTheTableItTookAndInsertsByDefault() throws Exception {
    try (RunningServe serve = RunningServe.start("--display", "none")) {
      assertThat(serve.out()).containsPattern("(?m)^leap-second table: \\S+ \\(expires [0-9T:-]+Z, [A-Z_]+\\)")
          .contains("bundled (expires 2027-06-28T00:00:00Z, GOOD_HASH)")
          .contains("leap seconds: inserted (LI 1 throughout the day, 23:59:60 served stalled)");
    }
  }

  /** With the clock after the bundled table's expiry, serve warns and keeps answering, GPS time included. */
  @Test
  void afterTheExpiryServeWarnsAndAnswers() throws Exception {
    try (RunningServe serve = RunningServe.start("--display", "none", "--rtc", "simulated:2029-03-01T00:00:00Z")) {
      assertThat(serve.out()).contains("warning: the leap-second table expired at ")
          .contains("serving on the assumption that no leap second follows it");
      NtpPacket reply = ServeCommandTest.ask(serve.ntpPort());
      assertThat(reply.leap().code()).isZero();
      assertThat(reply.stratum()).isEqualTo(10);
      HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
      HttpResponse<String> line = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.httpPort() + "/time.txt"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(line.body()).startsWith("2029-03-01T00:").containsPattern(" gps=[0-9]+:[0-9.]+ ").doesNotContain("null");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "--leap-smear quadratic|expected none, linear24h or utc-sls",
    "--rtc system --leap-smear linear24h|--rtc system follows the kernel clock",
    "--rtc simulated:1999-12-31T00:00:00Z|the DS3231 holds 2000..2099",
    "--rtc simulated:tomorrow|expected ISO-8601",
  })
  void badLeapOptionsAreBadUsage(String options, String message) {
    String[] args = ("serve --ntp-port 0 --http-port 0 --display none " + options).split(" ");
    CliRun.of(args).fails(2, message);
  }
}
