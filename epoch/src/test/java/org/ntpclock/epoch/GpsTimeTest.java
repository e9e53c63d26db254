package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** GPS week/time-of-week, the 10-bit rollovers and leap seconds (GPS time is TAI - 19 s; weeks roll over every 1024). */
class GpsTimeTest {
  private static final LeapSecondTable TABLE = LeapSecondTable.bundled();

  /** The bundled entries with an expiry pushed past 2038: an explicit "GPS-UTC stays 18" assumption. */
  private static final LeapSecondTable ASSUMING_NO_NEW_LEAPS = TABLE.withExpires(Instant.parse("2040-01-01T00:00:00Z"));

  @Test
  void gpsEpochIsWeekZero() {
    assertThat(GpsTime.fromInstant(Instant.parse("1980-01-06T00:00:00Z"), TABLE)).isEqualTo(GpsTime.of(0, 0));
    assertThat(GpsTime.of(0, 0).toInstant(TABLE)).isEqualTo(Epoch.GPS.origin());
    assertThatThrownBy(() -> GpsTime.fromInstant(Instant.parse("1980-01-05T23:59:59Z"), TABLE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tenBitRollovers() {
    GpsTime first = GpsTime.of(1024, 0);
    assertThat(first.toInstant(TABLE)).isEqualTo("1999-08-21T23:59:47Z"); // GPS-UTC 13
    assertThat(first.truncatedWeek(10)).isZero();
    GpsTime second = GpsTime.of(2048, 0);
    assertThat(second.toInstant(TABLE)).isEqualTo("2019-04-06T23:59:42Z"); // GPS-UTC 18
    assertThat(GpsTime.fromInstant(Instant.parse("2019-04-06T23:59:42Z"), TABLE)).isEqualTo(second);
    assertThat(second.truncatedWeek(10)).isZero();
    assertThat(second.truncatedWeek(13)).isEqualTo(2048);
  }

  @Test
  void thirdRolloverNeedsAnExplicitAssumptionBeyondTheTable() {
    GpsTime third = GpsTime.of(3072, 0);
    // The bundled table expires in 2027: it will not guess GPS-UTC in 2038.
    assertThat(catchThrowableOfType(TimeScaleException.class, () -> third.toInstant(TABLE)).reason())
        .isEqualTo(TimeScaleException.Reason.TABLE_EXPIRED);
    assertThat(third.toInstant(ASSUMING_NO_NEW_LEAPS)).isEqualTo("2038-11-20T23:59:42Z");
  }

  @Test
  void gpsMinusUtcIsEighteenSince2017AndTaiMinusGpsNineteen() {
    Instant t = Instant.parse("2017-01-01T00:00:00Z");
    assertThat(TimeScale.GPS.minusUtc(t, TABLE)).isEqualTo(18);
    assertThat(TimeScale.GPS.minusUtc(t.minusNanos(1), TABLE)).isEqualTo(17);
    assertThat(TimeScale.GPS.minusUtc(Instant.parse("1980-01-06T00:00:00Z"), TABLE)).isZero();
    assertThat(TimeScale.TAI.minusUtc(t, TABLE) - TimeScale.GPS.minusUtc(t, TABLE)).isEqualTo(19);
    assertThat(TimeScale.TAI_MINUS_GPS_SECONDS).isEqualTo(19);
    // Through GpsTime: GPS seconds run 18 ahead of the UTC-based count since the GPS epoch.
    Instant now = Instant.parse("2026-11-21T12:00:00Z");
    assertThat(GpsTime.fromInstant(now, TABLE).toGpsSeconds() - Epoch.GPS.toSeconds(now)).isEqualTo(18);
  }

  @Test
  void leapSecondIsReportedNotCollapsed() {
    // 2016-12-31T23:59:60Z is the GPS second before 2017-01-01T00:00:00Z.
    GpsTime midnight = GpsTime.fromInstant(Instant.parse("2017-01-01T00:00:00Z"), TABLE);
    GpsTime leap = GpsTime.ofGpsSeconds(midnight.toGpsSeconds() - 1, 500_000_000);
    UtcReading reading = leap.toUtc(TABLE);
    assertThat(reading.leapSecond()).isTrue();
    assertThat(reading).hasToString("2016-12-31T23:59:60.500Z");
    assertThat(reading.instant()).isEqualTo("2016-12-31T23:59:59.500Z");
    TimeScaleException e = catchThrowableOfType(TimeScaleException.class, () -> leap.toInstant(TABLE));
    assertThat(e.reason()).isEqualTo(TimeScaleException.Reason.IN_LEAP_SECOND);
    assertThat(GpsTime.fromUtc(reading, TABLE)).isEqualTo(leap);
    // Its neighbours are ordinary seconds, distinct from it.
    GpsTime before = GpsTime.ofGpsSeconds(midnight.toGpsSeconds() - 2, 500_000_000);
    assertThat(before.toUtc(TABLE)).isEqualTo(UtcReading.of(Instant.parse("2016-12-31T23:59:59.500Z")));
    assertThat(midnight.toUtc(TABLE)).isEqualTo(UtcReading.of(Instant.parse("2017-01-01T00:00:00Z")));
  }

  @Test
  void resolvesTruncatedWeeksNearTheReference() {
    // 1999-08-22: a receiver broadcasting week 0 right after the first rollover.
    assertThat(GpsTime.resolveWeek(0, 10, Instant.parse("1999-09-01T00:00:00Z"))).isEqualTo(1024);
    assertThat(GpsTime.resolveWeek(1023, 10, Instant.parse("1999-08-01T00:00:00Z"))).isEqualTo(1023);
    assertThat(GpsTime.resolveWeek(0, 10, Instant.parse("1999-08-01T00:00:00Z"))).isEqualTo(1024);
    // 2019-04-07: the same broadcast week, one period later.
    assertThat(GpsTime.resolveWeek(0, 10, Instant.parse("2019-04-10T00:00:00Z"))).isEqualTo(2048);
    assertThat(GpsTime.resolveWeek(1023, 10, Instant.parse("2019-04-06T00:00:00Z"))).isEqualTo(2047);
    assertThat(GpsTime.resolveWeek(5, 10, Instant.parse("2019-01-01T00:00:00Z"))).isEqualTo(2053);
    // 2038-11-21.
    assertThat(GpsTime.resolveWeek(0, 10, Instant.parse("2038-11-21T00:00:00Z"))).isEqualTo(3072);
    assertThat(GpsTime.resolveWeek(1023, 10, Instant.parse("2038-11-21T00:00:00Z"))).isEqualTo(3071);
    // 13-bit CNAV weeks do not roll over until 2137.
    assertThat(GpsTime.resolveWeek(2048, 13, Instant.parse("2019-04-07T00:00:00Z"))).isEqualTo(2048);
    assertThat(GpsTime.resolveWeek(0, 13, Instant.parse("2137-01-06T00:00:00Z"))).isEqualTo(8192);
    // A reference before the GPS epoch still yields a valid (first) alias.
    assertThat(GpsTime.resolveWeek(1000, 10, Instant.parse("1975-01-01T00:00:00Z"))).isEqualTo(1000);
  }

  @Test
  void aStaleReferenceGivesTheWrongRollover() {
    // The classic failure: a receiver assuming the 1999..2019 period reads April 2019 as 1999.
    assertThat(GpsTime.resolveWeek(0, 10, Instant.parse("2005-01-01T00:00:00Z"))).isEqualTo(1024);
  }

  @Test
  void halfwayResolvesToTheLaterWeek() {
    // Exactly 512 weeks after week 0: aliases 0 and 1024 are equally near.
    Instant halfway = Epoch.GPS.toInstant(512L * GpsTime.SECONDS_PER_WEEK);
    assertThat(GpsTime.resolveWeek(0, 10, halfway)).isEqualTo(1024);
    assertThat(GpsTime.resolveWeek(0, 10, halfway.minusNanos(1))).isZero();
  }

  @Test
  void validation() {
    assertThatThrownBy(() -> GpsTime.of(-1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("week");
    assertThatThrownBy(() -> GpsTime.of(0, 604_800)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secondOfWeek");
    assertThatThrownBy(() -> GpsTime.of(0, 0, 1_000_000_000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nanoOfSecond");
    assertThatThrownBy(() -> GpsTime.resolveWeek(1024, 10, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GpsTime.resolveWeek(-1, 10, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GpsTime.resolveWeek(0, 0, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GpsTime.ofGpsSeconds(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valueSemantics() {
    GpsTime a = GpsTime.of(2048, 100, 5);
    assertThat(a).isEqualTo(GpsTime.ofGpsSeconds(2048L * 604_800 + 100, 5)).hasSameHashCodeAs(GpsTime.of(2048, 100, 5));
    assertThat(a).hasToString("GPS week 2048 tow 100.000000005");
    assertThat(a.week()).isEqualTo(2048);
    assertThat(a.secondOfWeek()).isEqualTo(100);
    assertThat(a.nanoOfSecond()).isEqualTo(5);
    assertThat(a).isLessThan(GpsTime.of(2048, 100, 6)).isGreaterThan(GpsTime.of(2047, 604_799));
  }
}
