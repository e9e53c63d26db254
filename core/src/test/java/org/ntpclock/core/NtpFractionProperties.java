package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class NtpFractionProperties {

  /**
   * fraction -> ns -> fraction stays within half a nanosecond. (A bound of one fraction unit is not
   * achievable through a nanosecond intermediate: nanoseconds are 4.29 units apart, so rounding to the
   * nearest one moves up to 2.15 units; the tight integer bound is 2.)
   */
  @Property(tries = 10_000)
  void fractionToNanosAndBackIsWithinHalfANanosecond(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long fraction) {
    long ns = NtpFraction.toNanos(fraction);
    long back = ns == 1_000_000_000L ? NtpFraction.UNITS_PER_SECOND : NtpFraction.fromNanos(ns);
    assertThat(Math.abs(back - fraction)).isLessThanOrEqualTo(2);
  }

  @Example
  void theTwoUnitBoundIsReached() {
    // 0x80000002 -> 500000000.47 ns -> 500000000 ns -> 0x80000000: the round trip moves it by 2 units.
    assertThat(NtpFraction.fromNanos(NtpFraction.toNanos(0x80000002L))).isEqualTo(0x80000000L);
  }

  @Property
  void fractionToMillisAndBackIsWithinHalfAMillisecond(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long fraction) {
    long ms = NtpFraction.toMillis(fraction);
    long back = ms == 1000 ? NtpFraction.UNITS_PER_SECOND : NtpFraction.fromMillis(ms);
    // half a millisecond is 2147483.648 units
    assertThat(Math.abs(back - fraction)).isLessThanOrEqualTo(2_147_484L);
  }

  @Property
  void toNanosIsMonotonic(
      @ForAll @LongRange(min = 0, max = 0xFFFF_FFFEL) long a, @ForAll @LongRange(min = 0, max = 0xFFFF_FFFEL) long b) {
    long lo = Math.min(a, b);
    long hi = Math.max(a, b);
    assertThat(NtpFraction.toNanos(lo)).isLessThanOrEqualTo(NtpFraction.toNanos(hi));
    assertThat(NtpFraction.toMicros(lo)).isLessThanOrEqualTo(NtpFraction.toMicros(hi));
    assertThat(NtpFraction.toMillis(lo)).isLessThanOrEqualTo(NtpFraction.toMillis(hi));
  }

  @Property
  void fromNanosIsStrictlyMonotonic(
      @ForAll @LongRange(min = 0, max = 999_999_999L) long a, @ForAll @LongRange(min = 0, max = 999_999_999L) long b) {
    if (a < b) {
      assertThat(NtpFraction.fromNanos(a)).isLessThan(NtpFraction.fromNanos(b));
    }
  }

  @Property
  void floorAndCeilingBracketTheExactValue(@ForAll @LongRange(min = 0, max = 999_999_999L) long ns) {
    long floor = NtpFraction.fromNanos(ns, RoundingMode.FLOOR);
    long ceiling = NtpFraction.fromNanos(ns, RoundingMode.CEILING);
    assertThat(ceiling - floor).isBetween(0L, 1L);
    // floor * 10^9 <= ns * 2^32 < (floor + 1) * 10^9
    assertThat(floor * 1_000_000_000L).isLessThanOrEqualTo(ns << 32);
    assertThat((floor + 1) * 1_000_000_000L).isGreaterThan(ns << 32);
    assertThat(NtpFraction.fromNanos(ns)).isBetween(floor, ceiling);
  }

  @Property
  void roundingModesAgreeWithTheGenericDivision(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long fraction) {
    assertThat(NtpFraction.toNanos(fraction)).isEqualTo(NtpFraction.toNanos(fraction, RoundingMode.HALF_UP));
    assertThat(NtpFraction.toMicros(fraction)).isEqualTo(NtpFraction.toMicros(fraction, RoundingMode.HALF_UP));
    assertThat(NtpFraction.toMillis(fraction)).isEqualTo(NtpFraction.toMillis(fraction, RoundingMode.HALF_UP));
  }
}
