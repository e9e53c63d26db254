package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.ntpclock.testing.EpochArbitraries;

/** GPS <-> UTC round trips through the bundled table, and week resolution laws. */
class GpsTimeProperties {
  private static final LeapSecondTable TABLE = LeapSecondTable.bundled();

  @Provide
  Arbitrary<Instant> utcSinceGpsEpoch() {
    return EpochArbitraries.instantsInTable(TABLE, Epoch.GPS.origin());
  }

  @Provide
  Arbitrary<GpsTime> gpsTimes() {
    return EpochArbitraries.gpsTimes();
  }

  @Property(tries = 2000)
  void utcToGpsAndBackIsExact(@ForAll("utcSinceGpsEpoch") Instant utc) {
    GpsTime gps = GpsTime.fromInstant(utc, TABLE);
    assertThat(gps.toInstant(TABLE)).isEqualTo(utc);
    // GPS runs ahead of the UTC-based count by TAI-UTC - 19 s.
    assertThat(gps.toGpsSeconds() - Epoch.GPS.toSeconds(utc)).isEqualTo(TABLE.taiMinusUtc(utc) - 19L);
    assertThat(gps.nanoOfSecond()).isEqualTo(utc.getNano());
  }

  @Property(tries = 2000)
  void gpsToUtcAndBackIsExactIncludingLeapSeconds(@ForAll("gpsTimes") GpsTime gps) {
    UtcReading utc = gps.toUtc(TABLE);
    Statistics.collect(utc.leapSecond() ? "leap second" : "ordinary");
    Statistics.coverage(c -> c.check("leap second").count(n -> n > 0));
    assertThat(GpsTime.fromUtc(utc, TABLE)).isEqualTo(gps);
    if (!utc.leapSecond()) {
      assertThat(GpsTime.fromInstant(gps.toInstant(TABLE), TABLE)).isEqualTo(gps);
    }
  }

  @Property(tries = 1000)
  void gpsTimeIsMonotoneInUtc(@ForAll("utcSinceGpsEpoch") Instant a, @ForAll("utcSinceGpsEpoch") Instant b) {
    assertThat(Integer.signum(GpsTime.fromInstant(a, TABLE).compareTo(GpsTime.fromInstant(b, TABLE))))
        .isEqualTo(Integer.signum(a.compareTo(b)));
  }

  @Property(tries = 2000)
  void truncatedWeekResolvesBackWithinHalfAPeriod(@ForAll("gpsTimes") GpsTime gps,
      @ForAll("weekBits") int bits, @ForAll("fractionOfHalfPeriod") double fraction) {
    long halfPeriodSeconds = (1L << (bits - 1)) * GpsTime.SECONDS_PER_WEEK;
    // A reference up to (almost) half a period away from the week's start, either side.
    long offset = (long) (fraction * (halfPeriodSeconds - GpsTime.SECONDS_PER_WEEK));
    Instant weekStart = Epoch.GPS.toInstant((long) gps.week() * GpsTime.SECONDS_PER_WEEK);
    Instant reference = weekStart.plusSeconds(offset);
    assertThat(GpsTime.resolveWeek(gps.truncatedWeek(bits), bits, reference)).isEqualTo(gps.week());
  }

  @Provide
  Arbitrary<Integer> weekBits() {
    return EpochArbitraries.weekNumberBits();
  }

  @Provide
  Arbitrary<Double> fractionOfHalfPeriod() {
    return Arbitraries.doubles().between(-1.0, 1.0);
  }

  @Property(tries = 1000)
  void gpsSecondsRoundTrip(@ForAll("gpsTimes") GpsTime gps) {
    assertThat(GpsTime.ofGpsSeconds(gps.toGpsSeconds(), gps.nanoOfSecond())).isEqualTo(gps);
  }
}
