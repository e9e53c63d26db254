package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.epoch.UtcReading;
import org.ntpclock.epoch.nmea.NmeaWriter;
import org.ntpclock.clock.json.JsonObject;

/** {@code ntpclock nmea}: the JSON shape, rollover correction, comments, and errors with line and column. */
class NmeaCommandTest {
  @Test
  void decodesALogToJson(@TempDir Path dir) throws Exception {
    UtcReading t = UtcReading.of(Instant.parse("2019-04-07T12:00:00Z").minus(java.time.Duration.ofDays(7168)));
    Path log = dir.resolve("receiver.log");
    Files.writeString(log, String.join("\r\n",
        "# a gpsd-style comment",
        NmeaWriter.rmc("GN", t, 2, true),
        "$PMTK001,604,3*32",
        NmeaWriter.gga("GN", t, 2, false),
        NmeaWriter.zda("GP", UtcReading.of(Instant.parse("2026-05-04T01:02:03.5Z")), 1)) + "\r\n", StandardCharsets.US_ASCII);
    CliRun run = CliRun.of("nmea", "--json", "--near", "2019-05-01T00:00:00Z", log.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonObject o = run.json();
    assertThat(o.members()).containsOnlyKeys("sentences", "checksumErrors", "times");
    assertThat(o.get("sentences")).isEqualTo(BigDecimal.valueOf(4));
    assertThat(o.get("checksumErrors")).isEqualTo(BigDecimal.ZERO);
    List<?> times = (List<?>) o.get("times");
    assertThat(times).hasSize(3);
    JsonObject rmc = (JsonObject) times.get(0);
    assertThat(rmc.members()).containsOnlyKeys("line", "talker", "type", "time", "valid", "rolloverCorrected");
    assertThat(rmc.get("line")).isEqualTo(BigDecimal.valueOf(2));
    assertThat(rmc.get("talker")).isEqualTo("GN");
    assertThat(rmc.get("type")).isEqualTo("RMC");
    assertThat(rmc.get("time")).isEqualTo("2019-04-07T12:00:00Z");
    assertThat(rmc.get("valid")).isEqualTo(true);
    assertThat(rmc.get("rolloverCorrected")).isEqualTo(true);
    JsonObject gga = (JsonObject) times.get(1);
    assertThat(gga.get("valid")).isEqualTo(false);
    assertThat(gga.get("time")).isNull();
    assertThat(((JsonObject) times.get(2)).get("time")).isEqualTo("2026-05-04T01:02:03.500Z");
  }

  @Test
  void badSentencesAreCountedAndReportedWithLineAndColumn(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("bad.log");
    Files.writeString(log, "$GPZDA,010203,04,05,2026,00,00*00\n$GPZDA,250000,04,05,2026,00,00*48\n", StandardCharsets.US_ASCII);
    CliRun run = CliRun.of("nmea", "--json", log.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(org.ntpclock.clock.json.Json.parseObject(run.out()).get("checksumErrors")).isEqualTo(BigDecimal.ONE);
    assertThat(run.err()).contains(log + ":BAD_CHECKSUM at line 1, column 32")
        .contains(log + ":BAD_TIME at line 2, column 8");
  }

  @Test
  void missingFileAndBadReferenceAreUsageErrors() {
    assertThat(CliRun.of("nmea", "/nonexistent/x.log").exitCode()).isEqualTo(2);
    CliRun bad = CliRun.of("nmea", "--near", "yesterday", "-");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--near");
  }
}
