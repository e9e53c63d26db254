package org.ntpclock.epoch.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gpsd as the oracle: real receiver logs from gpsd's regression suite decode to the same fix
 * times as gpsd's own decoding of them ({@code NAME.log.chk}, the {@code time} of its {@code TPV}
 * reports). The logs live beside the checkout in {@code ../shared/data/nmea/} and are not
 * committed; when that folder is absent the test is skipped with a loud message (it is data, not
 * a tool CI installs, so {@code -Dinterop.required} does not turn the skip into a failure).
 */
@Tag("interop")
class GpsdLogOracleTest {
  private static final Pattern TPV_TIME = Pattern.compile("\"class\":\"TPV\".*?\"time\":\"([^\"]+)\"");
  /** A reference a few years after the logs (2005 to 2022), as a build date would be. */
  private static final Instant NEAR = Instant.parse("2026-01-01T00:00:00Z");

  static Optional<Path> sharedLogs() {
    Path dir = Path.of("").toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw"))) {
        Path logs = dir.resolveSibling("shared").resolve("data").resolve("nmea");
        return Files.isDirectory(logs) ? Optional.of(logs) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  static Stream<String> logs() throws IOException {
    Optional<Path> dir = sharedLogs();
    if (dir.isEmpty()) {
      return Stream.of("(no ../shared/data/nmea)");
    }
    try (Stream<Path> files = Files.list(dir.get())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("logs")
  void ourTimesAreGpsdsTimes(String name) throws Exception {
    Optional<Path> dir = sharedLogs();
    if (dir.isEmpty()) {
      System.err.println("!!!!!!!! SKIPPED INTEROP GpsdLogOracleTest: ../shared/data/nmea (gpsd's receiver logs) is absent");
      Assumptions.abort("../shared/data/nmea is absent");
    }
    Path log = dir.get().resolve(name);
    TreeSet<Instant> gpsd = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of(log + ".chk"), StandardCharsets.UTF_8)) {
      Matcher m = TPV_TIME.matcher(line);
      if (m.find()) {
        gpsd.add(Instant.parse(m.group(1)));
      }
    }
    NmeaDecoder decoder = NmeaDecoder.near(NEAR, NmeaSentence.LENIENT_MAX_LENGTH);
    TreeSet<Instant> ours = new TreeSet<>();
    List<NmeaException> errors = new ArrayList<>();
    List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    int sentences = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      sentences++;
      try {
        decoder.decode(line, i + 1).flatMap(NmeaTime::time).ifPresent(r -> ours.add(r.instant()));
      } catch (NmeaException e) {
        errors.add(e);
      }
    }
    System.out.printf("%s: %d sentences, %d distinct fix times (gpsd %d), %d rejected%n",
        name, sentences, ours.size(), gpsd.size(), errors.size());
    // gpsd drops a sentence whose checksum fails (garmin-geko201.log ends in a truncated one) and
    // uses all the others; so may we.
    assertThat(errors).as("lines rejected in %s", name).allSatisfy(e -> assertThat(e.isChecksumError()).as(e.getMessage()).isTrue());
    assertThat(ours).as("fix times of %s against gpsd's TPV times", name).isEqualTo(gpsd);
  }
}
