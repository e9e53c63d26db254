package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The smears of the 2016-12-31 leap second against values computed by hand: for the linear smear
 * smeared = 12:00 + u * 86400/86401 with u the SI seconds since 2016-12-31T12:00:00Z; for UTC-SLS
 * smeared = 23:43:20 + u * 1000/1001 with u since 23:43:20, both floored to the nanosecond.
 */
class LeapSmearTest {
  private static final LeapSecondTable TABLE = LeapSecondTable.bundled();

  private static UtcReading utc(String text) {
    if (text.contains("T23:59:60")) {
      return new UtcReading(Instant.parse(text.replace("T23:59:60", "T23:59:59")), true);
    }
    return UtcReading.of(Instant.parse(text));
  }

  @ParameterizedTest(name = "linear24h: UTC {0} -> {1}")
  @CsvSource({
    // start of the window: no offset yet
    "2016-12-31T12:00:00Z, 2016-12-31T12:00:00Z",
    // a quarter in: 21600 * 86400/86401 = 21599.750002893 s
    "2016-12-31T18:00:00Z, 2016-12-31T17:59:59.750002893Z",
    // 43199 * 86400/86401 = 43198.500017360 s
    "2016-12-31T23:59:59Z, 2016-12-31T23:59:58.500017360Z",
    // the leap second begins: 43200 * 86400/86401 = 43199.500005786 s
    "2016-12-31T23:59:60Z, 2016-12-31T23:59:59.500005786Z",
    // the middle of the leap second: exactly midnight, half a second behind the elapsed time
    "2016-12-31T23:59:60.5Z, 2017-01-01T00:00:00Z",
    // 43201 * 86400/86401 = 43200.499994213 s
    "2017-01-01T00:00:00Z, 2017-01-01T00:00:00.499994213Z",
    // the last nanosecond of the window and its end: continuous, offset zero again
    "2017-01-01T11:59:59.999999999Z, 2017-01-01T11:59:59.999999999Z",
    "2017-01-01T12:00:00Z, 2017-01-01T12:00:00Z",
    // outside the window
    "2016-12-31T11:59:59.999999999Z, 2016-12-31T11:59:59.999999999Z",
  })
  void linear24hOf2016(String utc, String smeared) {
    assertThat(LeapSmear.LINEAR_24H.toSmeared(utc(utc), TABLE)).isEqualTo(Instant.parse(smeared));
  }

  @ParameterizedTest(name = "utc-sls: UTC {0} -> {1}")
  @CsvSource({
    "2016-12-31T23:43:20Z, 2016-12-31T23:43:20Z",
    // 500 * 1000/1001 = 499.500499500 s
    "2016-12-31T23:51:40Z, 2016-12-31T23:51:39.500499500Z",
    // 999 * 1000/1001 = 998.001998001 s
    "2016-12-31T23:59:59Z, 2016-12-31T23:59:58.001998001Z",
    // 1000 * 1000/1001 = 999.000999000 s
    "2016-12-31T23:59:60Z, 2016-12-31T23:59:59.000999000Z",
    "2016-12-31T23:59:60.5Z, 2016-12-31T23:59:59.500499500Z",
    "2016-12-31T23:59:60.999999999Z, 2016-12-31T23:59:59.999999999Z",
    "2017-01-01T00:00:00Z, 2017-01-01T00:00:00Z",
    "2016-12-31T23:43:19.999999999Z, 2016-12-31T23:43:19.999999999Z",
  })
  void utcSlsOf2016(String utc, String smeared) {
    assertThat(LeapSmear.UTC_SLS.toSmeared(utc(utc), TABLE)).isEqualTo(Instant.parse(smeared));
  }

  @Test
  void publishedOffsetsOfTheLinearSmearAtStartMiddleAndEnd() {
    // Google: no offset at noon before, the smeared clock half a second behind at the leap second,
    // no offset at noon after. Offsets are smeared minus elapsed-time UTC.
    LeapSecondTable.LeapSecond leap = new LeapSecondTable.LeapSecond(LocalDate.of(2016, 12, 31), 1);
    assertThat(LeapSmear.LINEAR_24H.windowStart(leap)).isEqualTo(Instant.parse("2016-12-31T12:00:00Z"));
    assertThat(LeapSmear.LINEAR_24H.windowEnd(leap)).isEqualTo(Instant.parse("2017-01-01T12:00:00Z"));
    assertThat(LeapSmear.UTC_SLS.windowStart(leap)).isEqualTo(Instant.parse("2016-12-31T23:43:20Z"));
    assertThat(LeapSmear.UTC_SLS.windowEnd(leap)).isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
    assertThat(LeapSmear.LINEAR_24H.toUtc(Instant.parse("2017-01-01T00:00:00Z"), TABLE))
        .hasToString("2016-12-31T23:59:60.500Z");
  }

  @ParameterizedTest(name = "back: smeared {0} -> UTC {1}")
  @CsvSource({
    "LINEAR_24H, 2017-01-01T00:00:00Z, 2016-12-31T23:59:60.500Z",
    "LINEAR_24H, 2016-12-31T23:59:59.500005786Z, 2016-12-31T23:59:60Z",
    "LINEAR_24H, 2017-01-01T00:00:00.499994213Z, 2017-01-01T00:00:00Z",
    "UTC_SLS, 2016-12-31T23:59:59.500499500Z, 2016-12-31T23:59:60.500Z",
    // 23:59:59.999999999 and 23:59:60 both smear to this nanosecond (1001 s squeezed into 1000):
    // the way back gives the earlier
    "UTC_SLS, 2016-12-31T23:59:59.000999000Z, 2016-12-31T23:59:59.999999999Z",
    "UTC_SLS, 2016-12-31T23:59:58.001998001Z, 2016-12-31T23:59:59Z",
  })
  void backToUtc(LeapSmear smear, String smeared, String utc) {
    assertThat(smear.toUtc(Instant.parse(smeared), TABLE)).hasToString(utc);
  }

  @Test
  void aLeapSecondReadingOnADayWithoutOneIsTyped() {
    assertThatThrownBy(() -> LeapSmear.UTC_SLS.toSmeared(utc("2018-12-31T23:59:60Z"), TABLE))
        .isInstanceOfSatisfying(TimeScaleException.class,
            e -> assertThat(e.reason()).isEqualTo(TimeScaleException.Reason.IN_LEAP_SECOND));
  }

  @Test
  void theDeletedSecondOfANegativeLeapIsTyped() {
    LeapSecondTable.LeapSecond negative = new LeapSecondTable.LeapSecond(LocalDate.of(2030, 6, 30), -1);
    assertThatThrownBy(() -> LeapSmear.LINEAR_24H.toSmeared(utc("2030-06-30T23:59:59.2Z"), negative))
        .isInstanceOfSatisfying(TimeScaleException.class,
            e -> assertThat(e.reason()).isEqualTo(TimeScaleException.Reason.IN_LEAP_SECOND));
  }

  @Test
  void afterTheExpiryStrictThrowsAndAssumingAnswersMarked() {
    // 2027-06-30 noon: a leap second at 2027-07-01 would be smeared now; the table cannot tell.
    UtcReading inWindow = utc("2027-06-30T18:00:00Z");
    assertThatThrownBy(() -> LeapSmear.LINEAR_24H.toSmeared(inWindow, TABLE))
        .isInstanceOfSatisfying(TimeScaleException.class,
            e -> assertThat(e.reason()).isEqualTo(TimeScaleException.Reason.TABLE_EXPIRED));
    assertThat(LeapSmear.LINEAR_24H.toSmeared(inWindow, TABLE, ExpiryPolicy.ASSUME_NO_LEAP_SECOND))
        .isEqualTo(new LeapAnswer<>(inWindow.instant(), true));
    // Mid-month after the expiry no window can cover the instant: the answer is certain.
    assertThat(LeapSmear.LINEAR_24H.toSmeared(utc("2027-07-15T00:00:00Z"), TABLE, ExpiryPolicy.STRICT))
        .isEqualTo(new LeapAnswer<>(Instant.parse("2027-07-15T00:00:00Z"), false));
  }

  @Test
  void ofIdNamesTheCliValues() {
    assertThat(LeapSmear.ofId("linear24h")).isEqualTo(LeapSmear.LINEAR_24H);
    assertThat(LeapSmear.ofId("UTC-SLS")).isEqualTo(LeapSmear.UTC_SLS);
    assertThatThrownBy(() -> LeapSmear.ofId("quadratic")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linear24h");
  }

  @Test
  void aTableWithANegativeLeapSecondSmearsIt() {
    List<LeapSecondTable.Entry> entries = new ArrayList<>(TABLE.entries());
    entries.add(new LeapSecondTable.Entry(Instant.parse("2030-07-01T00:00:00Z"), 36));
    LeapSecondTable table = LeapSecondTable.of(entries, TABLE.updated(), Instant.parse("2031-01-01T00:00:00Z"));
    // 86399 SI seconds span 86400 smeared ones; at UTC midnight (43199 s elapsed) the smeared clock
    // reads 12:00 + 43199 * 86400/86399 s = 12:00 + 43199.499994212 s (floored).
    assertThat(LeapSmear.LINEAR_24H.toSmeared(utc("2030-07-01T00:00:00Z"), table))
        .isEqualTo(Instant.parse("2030-06-30T23:59:59.499994212Z"));
  }
}
