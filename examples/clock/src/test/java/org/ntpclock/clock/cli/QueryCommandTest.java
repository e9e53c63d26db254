package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.auth.KeyFile;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.transport.NtpServer;
import org.ntpclock.codec.server.RateLimiter;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.clock.json.Json;
import org.ntpclock.clock.json.JsonObject;

/** {@code ntpclock query} against the project's own NtpServer on loopback ports. */
class QueryCommandTest {
  private static NtpServer server(TimeSource source) throws Exception {
    return NtpServer.builder(source).bindAddress(InetAddress.getLoopbackAddress()).port(0).workers(1).start();
  }

  private static String at(NtpServer server) {
    return "127.0.0.1:" + server.localAddress().getPort();
  }

  @Test
  void singleServerHasEveryKey() throws Exception {
    try (NtpServer server = server(SystemTimeSource.create())) {
      JsonObject o = CliRun.of("query", "--json", at(server)).json();
      assertThat(o.members()).containsOnlyKeys("server", "offset", "delay", "rootDistance", "stratum", "leap", "referenceId");
      assertThat(o.get("server")).isEqualTo(at(server));
      assertThat(o.get("stratum")).hasToString("10");
      assertThat(o.get("leap")).hasToString("0");
      assertThat(o.get("referenceId")).isEqualTo("127.127.1.1");
      // Same clock on both ends: the offset is scheduling noise, well under a second.
      assertThat(new BigDecimal((String) o.get("offset")).abs()).isLessThan(new BigDecimal("0.5"));
      assertThat(new BigDecimal((String) o.get("delay")).signum()).isNotNegative();
      assertThat((String) o.get("rootDistance")).matches("[0-9]+(\\.[0-9]{1,9})?");
    }
  }

  @Test
  void textOutputIsATable() throws Exception {
    try (NtpServer server = server(SystemTimeSource.create())) {
      CliRun run = CliRun.of("query", at(server));
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).containsPattern("(?m)^stratum +10$").containsPattern("(?m)^offset +-?[0-9.]+$");
    }
  }

  @Test
  void serverTenSecondsAheadIsTheFalseticker() throws Exception {
    TimeSource ahead = SystemTimeSource.create(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(10)));
    try (NtpServer a = server(SystemTimeSource.create());
        NtpServer b = server(SystemTimeSource.create());
        NtpServer bad = server(ahead)) {
      JsonObject o = CliRun.of("query", "--json", at(a), at(bad), at(b)).json();
      assertThat(o.get("falsetickers")).isEqualTo(List.of(at(bad)));
      JsonObject combined = (JsonObject) o.get("combined");
      assertThat(combined.get("truechimers")).hasToString("2");
      assertThat(new BigDecimal((String) combined.get("offset")).abs()).isLessThan(new BigDecimal("0.5"));
      assertThat(o.get("server")).isIn(at(a), at(b));
      List<?> servers = (List<?>) o.get("servers");
      assertThat(servers).hasSize(3);
      JsonObject badSample = (JsonObject) servers.get(1);
      // 10 s ahead, measured to within half its round trip (plus the clock sources' few-ms slack):
      // NTP's own bound, however slow the machine.
      BigDecimal error = new BigDecimal((String) badSample.get("offset")).subtract(BigDecimal.TEN).abs();
      BigDecimal halfDelay = new BigDecimal((String) badSample.get("delay")).divide(BigDecimal.valueOf(2));
      assertThat(error).isLessThanOrEqualTo(halfDelay.add(new BigDecimal("0.005")));
    }
  }

  @Test
  void noMajorityExitsOne() throws Exception {
    TimeSource ahead = SystemTimeSource.create(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(10)));
    try (NtpServer a = server(SystemTimeSource.create()); NtpServer bad = server(ahead)) {
      CliRun run = CliRun.of("query", "--json", at(a), at(bad)).fails(1, "no majority");
      JsonObject o = Json.parseObject(run.out());
      assertThat(o.get("combined")).isNull();
    }
  }

  @Test
  void timeoutExitsOneNamingTheCause() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      CliRun.of("query", "--timeout", "0.2", "127.0.0.1:" + silent.getLocalPort()).fails(1, "ntpclock query:", "timeout");
    }
  }

  @Test
  void kissOfDeathExitsOneNamingTheCode() throws Exception {
    RateLimiter limiter = RateLimiter.builder().interval(12).burst(1).leak(0).kod(true).build();
    NtpResponder responder = NtpResponder.builder(SystemTimeSource.create()).rateLimiter(limiter).build();
    try (NtpServer server = NtpServer.builder(responder).bindAddress(InetAddress.getLoopbackAddress()).port(0).workers(1).start()) {
      CliRun.of("query", "--json", at(server)).json(); // uses up the burst
      CliRun.of("query", at(server)).fails(1, "kiss-o'-death RATE");
    }
  }

  @Test
  void unsynchronizedServerFailsValidation() throws Exception {
    TimeSource unsynchronized = SystemTimeSource.create(Clock.systemUTC(), TimeSourceStatus.unsynchronized(-20));
    try (NtpServer server = server(unsynchronized)) {
      // Stratum 16 goes out as 0 (RFC 5905 section 7.3), so the client sees a kiss without a code.
      CliRun.of("query", at(server)).fails(1, "stratum 0", "unsynchronized");
    }
  }

  @Test
  void authenticatedQueryWithKeyFile(@TempDir Path dir) throws Exception {
    String keys = "7 AES128 HEX:000102030405060708090a0b0c0d0e0f\n";
    Path keyfile = Files.writeString(dir.resolve("ntp.keys"), keys);
    NtpResponder responder = NtpResponder.builder(SystemTimeSource.create()).keys(KeyFile.parse(keys)).build();
    try (NtpServer server = NtpServer.builder(responder).bindAddress(InetAddress.getLoopbackAddress()).port(0).workers(1).start()) {
      assertThat(CliRun.of("query", "--json", "--keyfile", keyfile.toString(), "--key", "7", at(server)).json().get("stratum"))
          .hasToString("10");
    }
    CliRun.of("query", "--keyfile", keyfile.toString(), "--key", "8", "127.0.0.1:1").fails(2, "key 8");
    CliRun.of("query", "--keyfile", keyfile.toString(), "127.0.0.1:1").fails(2, "--keyfile and --key");
  }

  @Test
  void badPortIsBadUsage() {
    CliRun.of("query", "127.0.0.1:99999").fails(2, "ntpclock query:", "out of range");
    CliRun.of("query", "127.0.0.1:0").fails(2, "out of range");
    CliRun.of("query", "127.0.0.1:abc").fails(2, "127.0.0.1:abc");
  }

  @Test
  void badOptionValuesAreBadUsage() {
    CliRun.of("query", "--samples", "0", "127.0.0.1").fails(2, "--samples");
    CliRun.of("query", "--ntp-version", "2", "127.0.0.1").fails(2, "--ntp-version");
    CliRun.of("query", "--timeout", "0", "127.0.0.1").fails(2, "--timeout");
    CliRun.of("query", "--timeout", "soon", "127.0.0.1").fails(2, "--timeout");
    CliRun.of("query").fails(2, "HOST");
  }

  @Test
  void unknownHostExitsOne() {
    CliRun.of("query", "--timeout", "0.5", "no-such-host.invalid").fails(1, "unknown host");
  }
}
