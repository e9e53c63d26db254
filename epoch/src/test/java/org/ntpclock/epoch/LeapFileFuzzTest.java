package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Jazzer fuzz target for the {@code leap-seconds.list} parser: for any bytes, parsing either
 * returns a table that obeys the format's rules or throws {@link LeapFileException} with a line
 * number inside the input, and {@link LeapSecondTable#validate} agrees. Any other exception is a
 * finding.
 *
 * <p>In a plain {@code mvn verify} (regression mode) it runs the inputs under
 * {@code src/test/resources/org/ntpclock/epoch/LeapFileFuzzTestInputs/parse/}: the IERS and NIST
 * files and broken variants. To fuzz (findings are written to that directory):
 *
 * <pre>{@code
 * JAZZER_FUZZ=1 ./mvnw -o -pl epoch -am test -Dtest=LeapFileFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
class LeapFileFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] input) {
    // ISO-8859-1 maps every byte to one char, as LeapSecondTable.read does.
    String text = new String(input, StandardCharsets.ISO_8859_1);
    long lines = text.chars().filter(c -> c == '\n').count() + 1;
    try {
      LeapSecondTable table = LeapSecondTable.parse(text);
      List<LeapSecondTable.Entry> entries = table.entries();
      assertThat(entries).isNotEmpty();
      assertThat((long) entries.size()).isLessThanOrEqualTo(lines);
      for (int i = 1; i < entries.size(); i++) {
        assertThat(entries.get(i).start()).isAfter(entries.get(i - 1).start());
        assertThat(Math.abs(entries.get(i).taiMinusUtc() - entries.get(i - 1).taiMinusUtc())).isEqualTo(1);
      }
      assertThat(table.leapSeconds()).hasSize(entries.size() - 1);
      assertThat(table.hashStatus()).isIn(LeapFileStatus.GOOD_HASH, LeapFileStatus.NO_HASH);
      assertThat(LeapSecondTable.validate(text)).isEqualTo(table.hashStatus());
    } catch (LeapFileException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.status()).isIn(LeapFileStatus.BAD_HASH, LeapFileStatus.BAD_FORMAT);
      assertThat((long) e.lineNumber()).isBetween(0L, lines);
      assertThat(LeapSecondTable.validate(text)).isEqualTo(e.status());
    }
  }

  /**
   * The tz {@code leapseconds} parser: for any bytes a table whose entries step by one second from
   * 1972 on (without a hash), or a {@link LeapFileException} of status {@code BAD_FORMAT}.
   */
  @FuzzTest(maxDuration = "2m")
  void parseTz(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    long lines = text.chars().filter(c -> c == '\n').count() + 1;
    try {
      LeapSecondTable table = LeapSecondTable.parseTzLeapseconds(text);
      List<LeapSecondTable.Entry> entries = table.entries();
      assertThat(entries.get(0).start()).hasToString("1972-01-01T00:00:00Z");
      assertThat((long) entries.size()).isLessThanOrEqualTo(lines + 1);
      for (int i = 1; i < entries.size(); i++) {
        assertThat(entries.get(i).start()).isAfter(entries.get(i - 1).start());
        assertThat(Math.abs(entries.get(i).taiMinusUtc() - entries.get(i - 1).taiMinusUtc())).isEqualTo(1);
      }
      assertThat(table.hashStatus()).isEqualTo(LeapFileStatus.NO_HASH);
    } catch (LeapFileException e) {
      assertThat(e.status()).isEqualTo(LeapFileStatus.BAD_FORMAT);
      assertThat((long) e.lineNumber()).isBetween(0L, lines);
    }
  }
}
