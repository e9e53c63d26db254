package org.ntpclock.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report step: JSON reading, ratio arithmetic, bar status and README section replacement. */
class ReportTest {
  private static String entry(String name, double score, double bytes) {
    return "{\"benchmark\": \"org.ntpclock.benchmarks." + name + "\", \"jmhVersion\": \"1.37\", \"forks\": 1,"
        + " \"primaryMetric\": {\"score\": " + score + ", \"scoreError\": \"NaN\", \"scoreUnit\": \"ns/op\"},"
        + " \"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"score\": " + bytes + ", \"scoreUnit\": \"B/op\"}}}";
  }

  @Test
  void miniJsonReadsNestedValues() {
    Object v = MiniJson.parse("{\"a\": [1, -2.5e3, \"x\\\"y\", true, null], \"b\": {}}");
    assertThat(v).isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, -2500.0, "x\"y", true, null), "b", Map.of()));
    assertThatThrownBy(() -> MiniJson.parse("{\"a\": }")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ratiosUseTheFasterCommonsNetVariantAndMarkBars(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("jmh.json");
    Files.writeString(json, "[" + String.join(",", List.of(
        entry("DecodeBenchmark.oursFlyweight", 10, 0.0001),
        entry("DecodeBenchmark.commonsNet", 200, 0),
        entry("DecodeBenchmark.commonsNetNewPerPacket", 50, 104),
        entry("DecodeBenchmark.floor", 8, 0))) + "]");
    Map<String, Report.Result> jmh = Report.readJmh(json);
    assertThat(jmh.get("DecodeBenchmark.floor").nanos()).isEqualTo(8.0);
    String table = Report.results(jmh, null, "settings");
    // 50 / 10 = 5.0x (the faster Commons Net use), 10 / 8 = 1.25 of the floor, 0 B.
    assertThat(table).contains("| decode 48-byte server reply, all fields, flyweight | 10.00 ± NaN | 0 B | 50.00 (new instance per packet) | 104 B | 8.00 | 5.0× | 1.25 |");
    assertThat(table).contains("| ≥ 10× CN, ≤ 1.5× floor, 0 B/op | **missed** met met |");
    assertThat(Report.headline(jmh, null)).contains("**5.0×** the speed of Commons Net");
  }

  @Test
  void anotherJdksRunGetsTheSameTableUnderItsOwnSettings(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("jmh25.json");
    Files.writeString(json, "[" + String.join(",", List.of(
        entry("EncodeBenchmark.oursFlyweight", 4, 0),
        entry("EncodeBenchmark.commonsNet", 30, 0),
        entry("EncodeBenchmark.floor", 5, 0))) + "]");
    String section = Report.otherJdk(Report.readJmh(json), "JDK 25");
    assertThat(section).startsWith("Same suite, same machine, JDK 25.");
    // 30 / 4 = 7.5x Commons Net, 0.80 of the floor's time, the floor itself 6.0x.
    assertThat(section).contains("| 4.00 ± NaN | 0 B | 30.00 (reused instance) | 0 B | 5.00 | 7.5× | 0.80 | 6.0× | ≥ 5× CN, 0 B/op | met met |");
  }

  @Test
  void replacesOnlyBetweenMarkers() {
    String text = "a\n<!-- x:begin -->\nold\n<!-- x:end -->\nb";
    assertThat(Report.replaceSection(text, "x", "new\n")).isEqualTo("a\n<!-- x:begin -->\nnew\n<!-- x:end -->\nb");
    assertThatThrownBy(() -> Report.replaceSection("no markers", "x", "new")).isInstanceOf(IllegalArgumentException.class);
  }
}
