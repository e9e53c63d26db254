package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.epoch.testing.RequiresFile;

/** The machine's tzdata copy of the IERS file: good hash as shipped, rejected when altered. */
@RequiresFile(value = TzdataLeapFileInteropTest.TZDATA_FILE, installedBy = "tzdata")
class TzdataLeapFileInteropTest {
  static final String TZDATA_FILE = "/usr/share/zoneinfo/leap-seconds.list";

  private static final Pattern LAST_DATA_LINE = Pattern.compile("(?m)^(\\d+)(\\s+)(\\d+)(.*)$");

  @Test
  void parsesWithGoodHash() throws Exception {
    LeapSecondTable tz = LeapSecondTable.load(Path.of(TZDATA_FILE));
    assertThat(tz.hashStatus()).isEqualTo(LeapFileStatus.GOOD_HASH);
    assertThat(LeapSecondTable.validate(Files.readString(Path.of(TZDATA_FILE), StandardCharsets.ISO_8859_1)))
        .isEqualTo(LeapFileStatus.GOOD_HASH);
    // Every edition repeats the history: the bundled entries are a prefix of the machine's or vice versa.
    int common = Math.min(tz.entries().size(), LeapSecondTable.bundled().entries().size());
    assertThat(common).isGreaterThanOrEqualTo(28);
    assertThat(tz.entries().subList(0, common)).isEqualTo(LeapSecondTable.bundled().entries().subList(0, common));
    assertThat(tz.expires()).isAfter(tz.updated());
  }

  @Test
  void changedOffsetIsBadHash(@TempDir Path dir) throws Exception {
    String text = Files.readString(Path.of(TZDATA_FILE), StandardCharsets.ISO_8859_1);
    Matcher m = LAST_DATA_LINE.matcher(text);
    int start = -1;
    int end = -1;
    String replacement = null;
    while (m.find()) {
      start = m.start();
      end = m.end();
      replacement = m.group(1) + m.group(2) + (Integer.parseInt(m.group(3)) + 1) + m.group(4);
    }
    assertThat(start).as("a data line").isNotNegative();
    Path copy = dir.resolve("leap-seconds.list");
    Files.writeString(copy, text.substring(0, start) + replacement + text.substring(end), StandardCharsets.ISO_8859_1);
    LeapFileException e = catchThrowableOfType(LeapFileException.class, () -> LeapSecondTable.load(copy));
    assertThat(e.status()).isEqualTo(LeapFileStatus.BAD_HASH);
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.BAD_HASH);
  }

  @Test
  void brokenLineIsBadFormatWithItsLineNumber(@TempDir Path dir) throws Exception {
    String[] lines = Files.readString(Path.of(TZDATA_FILE), StandardCharsets.ISO_8859_1).split("\n", -1);
    int index = -1;
    for (int i = 0; i < lines.length && index < 0; i++) {
      if (lines[i].startsWith("2871676800")) { // 1 Jan 1991, 26
        index = i;
      }
    }
    assertThat(index).as("the 1991 data line").isNotNegative();
    lines[index] = lines[index].replaceFirst("26", "2 6");
    Path copy = dir.resolve("leap-seconds.list");
    Files.writeString(copy, String.join("\n", lines), StandardCharsets.ISO_8859_1);
    LeapFileException e = catchThrowableOfType(LeapFileException.class, () -> LeapSecondTable.load(copy));
    assertThat(e.status()).isEqualTo(LeapFileStatus.BAD_FORMAT);
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.MALFORMED_ENTRY);
    assertThat(e.lineNumber()).isEqualTo(index + 1);
  }
}
