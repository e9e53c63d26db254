package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.clock.json.JsonObject;

class LeapfileCommandTest {
  private static String bundledText() throws IOException {
    try (InputStream in = LeapSecondTable.class.getResourceAsStream("leap-seconds.list")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void bundledFileIsGood() {
    JsonObject o = CliRun.of("leapfile", "--json").json();
    assertThat(o.members()).containsOnlyKeys("hash", "updated", "expires", "expired", "entries");
    assertThat(o.get("hash")).isEqualTo("good");
    assertThat(o.get("updated")).isEqualTo("2026-07-06T07:44:57Z");
    assertThat(o.get("expires")).isEqualTo("2027-06-28T00:00:00Z");
    List<?> entries = (List<?>) o.get("entries");
    assertThat(entries).hasSize(28);
    assertThat(entries.get(0).toString()).isEqualTo("{\"from\":\"1972-01-01T00:00:00Z\",\"taiMinusUtc\":10}");
    assertThat(entries.get(27).toString()).isEqualTo("{\"from\":\"2017-01-01T00:00:00Z\",\"taiMinusUtc\":37}");
  }

  @Test
  void copyOfTheBundledFileIsGood(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("leap-seconds.list"), bundledText());
    assertThat(CliRun.of("leapfile", "--json", file.toString()).json().get("hash")).isEqualTo("good");
  }

  @Test
  void fileWithoutHashLineIsNone(@TempDir Path dir) throws IOException {
    String text = bundledText().lines().filter(l -> !l.startsWith("#h")).reduce("", (a, l) -> a + l + "\n");
    Path file = Files.writeString(dir.resolve("nohash.list"), text);
    assertThat(CliRun.of("leapfile", "--json", file.toString()).json().get("hash")).isEqualTo("none");
  }

  @Test
  void tamperedExpiryIsABadHash(@TempDir Path dir) throws IOException {
    // The classic tampering: push the expiry out by a year (4023129600 -> 4054752000, 366 days on).
    String text = bundledText();
    assertThat(text).contains("#@\t4023129600");
    Path file = Files.writeString(dir.resolve("tampered.list"), text.replace("#@\t4023129600", "#@\t4054752000"));
    CliRun run = CliRun.of("leapfile", "--json", file.toString()).fails(1, "ntpclock leapfile:", "hash mismatch");
    JsonObject o = org.ntpclock.clock.json.Json.parseObject(run.out());
    assertThat(o.get("hash")).isEqualTo("bad");
    assertThat(o.get("expires")).isEqualTo("2028-06-28T00:00:00Z"); // what the altered file claims
  }

  @Test
  void brokenLineExitsOneNamingTheLine(@TempDir Path dir) throws IOException {
    List<String> lines = bundledText().lines().toList();
    int index = lines.indexOf(lines.stream().filter(l -> l.startsWith("2272060800")).findFirst().orElseThrow());
    String text = bundledText().replace(lines.get(index), "2272060800\tten\t# 1 Jan 1972");
    Path file = Files.writeString(dir.resolve("broken.list"), text);
    CliRun run = CliRun.of("leapfile", file.toString()).fails(1, "bad format", ":" + (index + 1) + ":", "ten");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void missingFileIsBadUsage(@TempDir Path dir) {
    CliRun.of("leapfile", dir.resolve("missing.list").toString()).fails(2, "file not found");
  }

  @Test
  void textOutputIsATable() {
    CliRun run = CliRun.of("leapfile");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("(?m)^hash +good$").contains("entries[27]", "taiMinusUtc=37");
  }
}
