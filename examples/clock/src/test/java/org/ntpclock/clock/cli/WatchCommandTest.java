package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.transport.NtpServer;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.testing.ClosedPort;
import org.ntpclock.core.testing.ExternalProcess;
import org.ntpclock.core.testing.RequiresTool;
import org.ntpclock.core.testing.Tools;
import org.ntpclock.clock.json.Json;
import org.ntpclock.clock.json.JsonObject;

/** {@code ntpclock watch} for one round, and the completion script. */
class WatchCommandTest {
  @Test
  @Timeout(60)
  void oneRoundAsAJsonLineAndAsATable() throws Exception {
    try (ClosedPort closed = ClosedPort.open();
        NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(1).start()) {
      int dead = closed.port();
      String good = "127.0.0.1:" + server.localAddress().getPort();
      CliRun json = CliRun.of("watch", "--json", "--count", "1", good, "127.0.0.1:" + dead);
      assertThat(json.exitCode()).as(json.err()).isZero();
      List<String> lines = json.out().lines().toList();
      assertThat(lines).hasSize(1);
      JsonObject round = Json.parseObject(lines.get(0));
      List<?> rows = (List<?>) round.get("servers");
      JsonObject first = (JsonObject) rows.get(0);
      assertThat(first.get("server")).isEqualTo(good);
      assertThat(first.get("reach")).isEqualTo("1");
      assertThat(first.get("stratum")).hasToString("10");
      assertThat(first.get("jitter")).isNull();
      assertThat(first.get("error")).isNull();
      JsonObject second = (JsonObject) rows.get(1);
      assertThat(second.get("reach")).isEqualTo("0");
      assertThat(((JsonObject) second.get("error")).get("reason")).isEqualTo("port_unreachable");

      CliRun table = CliRun.of("watch", "--count", "1", good, "127.0.0.1:" + dead);
      assertThat(table.exitCode()).as(table.err()).isZero();
      List<String> text = table.out().lines().toList();
      assertThat(text.get(0)).startsWith("ntpclock watch: 2 servers, poll 16 s, round 1 at ");
      assertThat(text.get(1)).matches("Server +St +Reach +LastRx +Offset +Delay +Jitter +Status");
      assertThat(text.get(3)).startsWith(good).contains(" 10 ", " 1 ", " 0s ").endsWith(" ok");
      assertThat(text.get(4)).startsWith("127.0.0.1:" + dead).endsWith("port unreachable");
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    CliRun.of("watch", "--interval", "2", "127.0.0.1").fails(2, "--interval", "16..3600");
    CliRun.of("watch", "--count", "0", "127.0.0.1").fails(2, "--count");
    CliRun.of("watch").fails(2, "HOST");
  }

  @Test
  void durationsAreShownWithAUnitAndSign() {
    assertThat(WatchCommand.human(org.ntpclock.core.NtpDuration.fromDuration(Duration.ofNanos(1_500_000))))
        .isEqualTo("+1.500ms");
    assertThat(WatchCommand.human(org.ntpclock.core.NtpDuration.fromDuration(Duration.ofSeconds(-2))))
        .isEqualTo("-2.000s");
  }

  @Test
  @RequiresTool("bash")
  void theCompletionScriptIsValidBashAndKnowsEveryCommand(@TempDir Path dir) throws Exception {
    CliRun run = CliRun.of("completion");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F", "watch", "--ntp-version", "--config");
    Path script = Files.writeString(dir.resolve("ntpclock.bash"), run.out(), StandardCharsets.UTF_8);
    ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(60), List.of(Tools.require("bash").toString(), "-n",
        script.toString()));
    assertThat(r.exitCode()).as(r.output()).isZero();
  }
}
