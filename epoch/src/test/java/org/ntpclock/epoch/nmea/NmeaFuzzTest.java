package org.ntpclock.epoch.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Jazzer fuzz target for the NMEA decoder: for any bytes, each line either decodes (a time that
 * is only present with a valid fix, a talker and type from the line) or is skipped, or throws
 * {@link NmeaException} with the caller's line number and a column inside the line. Any other
 * exception is a finding.
 *
 * <p>In a plain {@code mvn verify} (regression mode) it runs the inputs under
 * {@code src/test/resources/org/ntpclock/epoch/nmea/NmeaFuzzTestInputs/decode/}: real sentences
 * of each type, rollovers, a leap second and broken variants. To fuzz (findings are written to
 * that directory):
 *
 * <pre>{@code
 * JAZZER_FUZZ=1 ./mvnw -o -pl epoch -am test -Dtest=NmeaFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
class NmeaFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void decode(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    NmeaDecoder decoder = NmeaDecoder.near(Instant.parse("2026-01-01T00:00:00Z"), NmeaSentence.LENIENT_MAX_LENGTH);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i];
      try {
        decoder.decode(line, lineNumber).ifPresent(t -> {
          assertThat(t.line()).isEqualTo(lineNumber);
          assertThat(t.valid() || t.time().isEmpty()).isTrue();
          assertThat(line).contains(t.type());
          t.time().ifPresent(r -> assertThat(r.instant().getEpochSecond()).isGreaterThan(-62_200_000_000L));
        });
      } catch (NmeaException e) {
        assertThat(e.reason()).isNotNull();
        assertThat(e.lineNumber()).isEqualTo(lineNumber);
        assertThat(e.column()).isBetween(0, Math.max(line.length() + 1, NmeaSentence.LENIENT_MAX_LENGTH));
      }
    }
  }
}
