package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UTC, TAI and GPS readings through the leap-second table. */
class TimeScaleTest {
  private static final LeapSecondTable TABLE = LeapSecondTable.bundled();

  @Test
  void taiReadingsAroundThe2016LeapSecond() {
    assertThat(TimeScale.TAI.fromUtc(Instant.parse("2017-01-01T00:00:00Z"), TABLE)).isEqualTo("2017-01-01T00:00:37Z");
    assertThat(TimeScale.TAI.fromUtc(Instant.parse("2016-12-31T23:59:59Z"), TABLE)).isEqualTo("2017-01-01T00:00:35Z");
    assertThat(TimeScale.TAI.toUtc(Instant.parse("2017-01-01T00:00:35.25Z"), TABLE))
        .isEqualTo(UtcReading.of(Instant.parse("2016-12-31T23:59:59.25Z")));
    UtcReading leap = TimeScale.TAI.toUtc(Instant.parse("2017-01-01T00:00:36.25Z"), TABLE);
    assertThat(leap.leapSecond()).isTrue();
    assertThat(leap).hasToString("2016-12-31T23:59:60.250Z");
    assertThat(TimeScale.TAI.toUtc(Instant.parse("2017-01-01T00:00:37Z"), TABLE))
        .isEqualTo(UtcReading.of(Instant.parse("2017-01-01T00:00:00Z")));
  }

  @Test
  void taiAt1972() {
    assertThat(TimeScale.TAI.fromUtc(Instant.parse("1972-01-01T00:00:00Z"), TABLE)).isEqualTo("1972-01-01T00:00:10Z");
    assertThat(catchThrowableOfType(TimeScaleException.class,
        () -> TimeScale.TAI.toUtc(Instant.parse("1972-01-01T00:00:09Z"), TABLE)).reason())
        .isEqualTo(TimeScaleException.Reason.BEFORE_TABLE);
  }

  @Test
  void utcNeedsNoTable() {
    Instant t = Instant.parse("1950-01-01T00:00:00Z");
    assertThat(TimeScale.UTC.fromUtc(t, null)).isEqualTo(t);
    assertThat(TimeScale.UTC.toUtc(t, null)).isEqualTo(UtcReading.of(t));
    assertThat(TimeScale.UTC.minusUtc(t, null)).isZero();
  }

  @Test
  void negativeLeapSecondSkips235959() {
    LeapSecondTable table = LeapSecondTable.of(List.of(
        new LeapSecondTable.Entry(Instant.parse("2017-01-01T00:00:00Z"), 37),
        new LeapSecondTable.Entry(Instant.parse("2030-07-01T00:00:00Z"), 36)),
        Instant.parse("2029-12-01T00:00:00Z"), Instant.parse("2030-12-28T00:00:00Z"));
    Instant t58 = Instant.parse("2030-06-30T23:59:58.5Z");
    Instant tai58 = TimeScale.TAI.fromUtc(t58, table);
    assertThat(tai58).isEqualTo("2030-07-01T00:00:35.5Z");
    // One TAI second later, UTC is already on the next day.
    assertThat(TimeScale.TAI.toUtc(tai58.plusSeconds(1), table)).isEqualTo(UtcReading.of(Instant.parse("2030-07-01T00:00:00.5Z")));
    assertThat(catchThrowableOfType(TimeScaleException.class,
        () -> TimeScale.TAI.fromUtc(Instant.parse("2030-06-30T23:59:59Z"), table)).reason())
        .isEqualTo(TimeScaleException.Reason.IN_LEAP_SECOND);
  }

  @Test
  void utcReadingValidation() {
    assertThatThrownBy(() -> new UtcReading(Instant.parse("2016-12-31T23:59:58Z"), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new UtcReading(Instant.parse("2016-12-31T23:59:59Z"), true)).hasToString("2016-12-31T23:59:60Z");
  }
}
