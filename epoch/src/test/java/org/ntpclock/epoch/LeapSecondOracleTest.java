package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.threeten.extra.scale.UtcRules;

/**
 * ThreeTen-Extra's {@link UtcRules} as an independent oracle: its own bundled leap-second data
 * (which ends with 2016-12-31 and has no expiry) must agree with the table on every day.
 */
class LeapSecondOracleTest {
  private static final long MJD_OF_EPOCH_DAY_0 = 40_587;

  @Test
  void taiMinusUtcAgreesWithThreeTenExtraOnEveryDay() {
    LeapSecondTable table = LeapSecondTable.bundled();
    UtcRules rules = UtcRules.system();
    LocalDate first = LocalDate.of(1972, 1, 1);
    LocalDate last = LocalDate.ofInstant(table.entries().get(table.entries().size() - 1).start(), ZoneOffset.UTC);
    assertThat(last).isEqualTo("2017-01-01");
    int days = 0;
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      long mjd = d.toEpochDay() + MJD_OF_EPOCH_DAY_0;
      int expected = rules.getTaiOffset(mjd);
      Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
      assertThat(table.taiMinusUtc(start)).as("TAI-UTC at %s", d).isEqualTo(expected);
      // The whole day has the offset of its start: a step happens only at midnight.
      assertThat(table.taiMinusUtc(start.plusSeconds(86_399).plusNanos(999_999_999))).as("TAI-UTC at end of %s", d)
          .isEqualTo(expected);
      int step = rules.getLeapSecondAdjustment(mjd);
      assertThat(table.leapSeconds().contains(new LeapSecondTable.LeapSecond(d, 1))).as("leap second on %s", d)
          .isEqualTo(step == 1);
      days++;
    }
    assertThat(days).isEqualTo(16_438);
  }

  @Test
  void leapSecondDaysAgreeWithThreeTenExtra() {
    UtcRules rules = UtcRules.system();
    // Its date list also carries the 1972-01-01 start of integer offsets, which has no adjustment.
    List<LocalDate> oracle = Arrays.stream(rules.getLeapSecondDates())
        .filter(mjd -> rules.getLeapSecondAdjustment(mjd) != 0)
        .mapToObj(mjd -> LocalDate.ofEpochDay(mjd - MJD_OF_EPOCH_DAY_0))
        .collect(Collectors.toList());
    List<LocalDate> ours = LeapSecondTable.bundled().leapSeconds().stream()
        .map(LeapSecondTable.LeapSecond::day)
        .collect(Collectors.toList());
    assertThat(ours).isEqualTo(oracle);
  }
}
