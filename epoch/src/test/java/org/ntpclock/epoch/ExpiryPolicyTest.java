package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.LeapIndicator;

/**
 * The expiry policy: every conversion at or after the table's expiry throws typed under STRICT (the
 * default) and answers, marked as assumed, under ASSUME_NO_LEAP_SECOND. The instants are fixed or
 * generated relative to the table's expiry, never taken from today's date.
 */
class ExpiryPolicyTest {
  private static final LeapSecondTable TABLE = LeapSecondTable.bundled();
  private static final ExpiryPolicy ASSUME = ExpiryPolicy.ASSUME_NO_LEAP_SECOND;

  private static void assertExpired(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(TimeScaleException.class,
        e -> assertThat(e.reason()).isEqualTo(TimeScaleException.Reason.TABLE_EXPIRED));
  }

  /** Law: after the expiry, strict throws TABLE_EXPIRED from every conversion; assuming answers marked. */
  @Property(tries = 300)
  void everyConversionAfterTheExpiry(@ForAll @LongRange(min = 0, max = 3_000_000_000L) long secondsAfter) {
    Instant utc = TABLE.expires().plusSeconds(secondsAfter);
    GpsTime gps = GpsTime.fromInstant(utc, TABLE, ASSUME).value();
    Instant tai = TimeScale.TAI.fromUtc(utc, TABLE, ASSUME).value();
    List<ThrowingCallable> strict = List.of(
        () -> TABLE.taiMinusUtc(utc),
        () -> TimeScale.TAI.fromUtc(utc, TABLE),
        () -> TimeScale.GPS.fromUtc(utc, TABLE),
        () -> TimeScale.GPS.minusUtc(utc, TABLE),
        () -> TimeScale.TAI.toUtc(tai, TABLE),
        () -> GpsTime.fromInstant(utc, TABLE),
        () -> GpsTime.fromUtc(UtcReading.of(utc), TABLE),
        () -> gps.toUtc(TABLE),
        () -> gps.toInstant(TABLE));
    strict.forEach(ExpiryPolicyTest::assertExpired);
    // Assuming: TAI-UTC stays the last listed value, every answer says it rests on that.
    int last = TABLE.entries().get(TABLE.entries().size() - 1).taiMinusUtc();
    assertThat(TABLE.taiMinusUtc(utc, ASSUME)).isEqualTo(new LeapAnswer<>(last, true));
    assertThat(TimeScale.GPS.minusUtc(utc, TABLE, ASSUME)).isEqualTo(new LeapAnswer<>(last - 19, true));
    assertThat(tai).isEqualTo(utc.plusSeconds(last));
    assertThat(TimeScale.TAI.toUtc(tai, TABLE, ASSUME)).isEqualTo(new LeapAnswer<>(UtcReading.of(utc), true));
    assertThat(gps.toInstant(TABLE, ASSUME)).isEqualTo(new LeapAnswer<>(utc, true));
    assertThat(gps.toUtc(TABLE, ASSUME).assumed()).isTrue();
    assertThat(TABLE.leapIndicatorAt(utc)).isEmpty();
    assertThat(TABLE.leapIndicatorAt(utc, ASSUME)).contains(LeapIndicator.NO_WARNING);
  }

  /** Law: before the expiry the policy changes nothing and nothing is marked. */
  @Property(tries = 300)
  void beforeTheExpiryBothPoliciesAgree(@ForAll @LongRange(min = 315_964_800L, max = 1_813_000_000L) long posix) {
    Instant utc = Instant.ofEpochSecond(posix);
    for (ExpiryPolicy policy : ExpiryPolicy.values()) {
      assertThat(TABLE.taiMinusUtc(utc, policy)).isEqualTo(new LeapAnswer<>(TABLE.taiMinusUtc(utc), false));
      LeapAnswer<GpsTime> gps = GpsTime.fromInstant(utc, TABLE, policy);
      assertThat(gps).isEqualTo(new LeapAnswer<>(GpsTime.fromInstant(utc, TABLE), false));
      assertThat(gps.value().toInstant(TABLE, policy)).isEqualTo(new LeapAnswer<>(utc, false));
    }
  }

  @Test
  void theIssuesExampleWeek2600() {
    // GPS week 2600 begins 2029-11-04T00:00:00 GPST, after the bundled expiry: 18 s ahead of UTC if
    // no leap second follows the table.
    assertExpired(() -> GpsTime.of(2600, 0).toInstant(TABLE));
    assertThat(GpsTime.of(2600, 0).toInstant(TABLE, ASSUME))
        .isEqualTo(new LeapAnswer<>(Instant.parse("2029-11-03T23:59:42Z"), true));
  }

  @Test
  void beforeTheTableIsStillTypedUnderEitherPolicy() {
    for (ExpiryPolicy policy : ExpiryPolicy.values()) {
      assertThatThrownBy(() -> TABLE.taiMinusUtc(Instant.parse("1971-06-01T00:00:00Z"), policy))
          .isInstanceOfSatisfying(TimeScaleException.class,
              e -> assertThat(e.reason()).isEqualTo(TimeScaleException.Reason.BEFORE_TABLE));
    }
  }

  @Test
  void anAnswerNeedsAValue() {
    Function<Object, LeapAnswer<Object>> make = v -> new LeapAnswer<>(v, false);
    assertThatThrownBy(() -> make.apply(null)).isInstanceOf(NullPointerException.class);
  }
}
