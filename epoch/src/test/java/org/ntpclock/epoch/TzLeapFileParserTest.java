package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TzLeapFileParserTest {
  @Test
  void aNegativeLeapSecondAndACommentedExpiry() throws Exception {
    LeapSecondTable t = LeapSecondTable.parseTzLeapseconds(String.join("\n",
        "Leap 1972 Jun 30 23:59:60 + S",
        "Leap 2030 Jun 30 23:59:59 - S",
        "#Expires 2030 Dec 28 00:00:00"));
    assertThat(t.leapSeconds()).extracting(LeapSecondTable.LeapSecond::step).containsExactly(1, -1);
    assertThat(t.expires()).hasToString("2030-12-28T00:00:00Z");
    assertThat(t.hashStatus()).isEqualTo(LeapFileStatus.NO_HASH);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "Leap 1972 Jun 30 23:59:60 + S|MISSING_EXPIRY",
    "Leap 1972 Jun 29 23:59:60 + S\\nExpires 2030 Jan 1 00:00:00|NOT_MONTH_START",
    "Leap 1972 Jun 30 23:59:59 + S\\nExpires 2030 Jan 1 00:00:00|MALFORMED_ENTRY",
    "Leap 1972 Jun 30 23:59:60 + R\\nExpires 2030 Jan 1 00:00:00|MALFORMED_ENTRY",
    "Leap 1972 Jux 30 23:59:60 + S\\nExpires 2030 Jan 1 00:00:00|MALFORMED_ENTRY",
    "Leap 1973 Dec 31 23:59:60 + S\\nLeap 1972 Jun 30 23:59:60 + S\\nExpires 2030 Jan 1 00:00:00|NOT_ASCENDING",
    "Expires 2030 Jan 1 00:00:00|NO_ENTRIES",
    "Rule x\\nExpires 2030 Jan 1 00:00:00|MALFORMED_ENTRY",
    "Leap 1972 Jun 30 23:59:60 + S\\nExpires 2030 Jan 1 25:00:00|MALFORMED_EXPIRY",
  })
  void badFilesAreTyped(String text, LeapFileException.Reason reason) {
    assertThatThrownBy(() -> LeapSecondTable.parseTzLeapseconds(text.replace("\\n", "\n")))
        .isInstanceOfSatisfying(LeapFileException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
