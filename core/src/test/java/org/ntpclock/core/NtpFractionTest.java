package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class NtpFractionTest {

  /** The law the issue names: ns -> fraction -> ns is the identity for every one of the 10^9 values. */
  @Test
  void nanosRoundTripIsTheIdentityForEveryNanosecond() {
    long previousFraction = -1;
    for (long ns = 0; ns < 1_000_000_000L; ns++) {
      long fraction = NtpFraction.fromNanos(ns);
      if (NtpFraction.toNanos(fraction) != ns) {
        throw new AssertionError("ns " + ns + " -> " + fraction + " -> " + NtpFraction.toNanos(fraction));
      }
      // Strictly monotonic: 2^32 / 10^9 > 4 units per nanosecond.
      if (fraction <= previousFraction) {
        throw new AssertionError("not monotonic at ns " + ns);
      }
      previousFraction = fraction;
    }
    assertThat(previousFraction).isLessThan(NtpFraction.UNITS_PER_SECOND);
  }

  @Test
  void microsAndMillisRoundTripForEveryValue() {
    for (long us = 0; us < 1_000_000L; us++) {
      assertRoundTrip(us, NtpFraction.toMicros(NtpFraction.fromMicros(us)));
    }
    for (long ms = 0; ms < 1_000L; ms++) {
      assertRoundTrip(ms, NtpFraction.toMillis(NtpFraction.fromMillis(ms)));
    }
  }

  private static void assertRoundTrip(long expected, long actual) {
    if (expected != actual) {
      throw new AssertionError(expected + " came back as " + actual);
    }
  }

  @Test
  void defaultRoundingIsNearestAgainstAnExactOracle() {
    BigInteger unitsPerSecond = BigInteger.ONE.shiftLeft(32);
    BigInteger billion = BigInteger.valueOf(1_000_000_000L);
    for (long ns = 0; ns < 1_000_000_000L; ns += 7_919) {
      // nearest(ns * 2^32 / 10^9) computed with arbitrary precision: floor((2 * n * 2^32 + 10^9) / (2 * 10^9)).
      BigInteger numerator = BigInteger.valueOf(ns).multiply(unitsPerSecond).shiftLeft(1).add(billion);
      long expected = numerator.divide(billion.shiftLeft(1)).longValueExact();
      assertThat(NtpFraction.fromNanos(ns)).as("ns %d", ns).isEqualTo(expected);
    }
  }

  @Test
  void millisecondVectorsFromTheReference() {
    // 2^32 / 1000 = 4294967.296: 1 ms is 0x00418937 floor and nearest; 999 ms is 0xffbe76c8 floor, 0xffbe76c9 nearest.
    assertThat(NtpFraction.fromMillis(1, RoundingMode.FLOOR)).isEqualTo(0x00418937L);
    assertThat(NtpFraction.fromMillis(1)).isEqualTo(0x00418937L);
    assertThat(NtpFraction.fromMillis(999, RoundingMode.FLOOR)).isEqualTo(0xffbe76c8L);
    assertThat(NtpFraction.fromMillis(999)).isEqualTo(0xffbe76c9L);
    assertThat(NtpFraction.fromMillis(500)).isEqualTo(0x80000000L);
    assertThat(NtpFraction.fromMicros(1)).isEqualTo(4295L);
    assertThat(NtpFraction.fromNanos(1)).isEqualTo(4L);
  }

  @Test
  void fractionToDecimalCarriesAtTheTop() {
    assertThat(NtpFraction.toMillis(0xffffffffL)).isEqualTo(1000);
    assertThat(NtpFraction.toMicros(0xffffffffL)).isEqualTo(1_000_000);
    assertThat(NtpFraction.toNanos(0xffffffffL)).isEqualTo(1_000_000_000);
    assertThat(NtpFraction.toNanos(0xffffffffL, RoundingMode.FLOOR)).isEqualTo(999_999_999);
  }

  @Test
  void tiesInFractionToNanosFollowTheRoundingMode() {
    // fraction 2^31 / 10^9 ... find a fraction whose ns value is exactly x.5: frac * 10^9 mod 2^32 == 2^31.
    // frac = 2^22 gives 2^22 * 10^9 / 2^32 = 10^9 / 1024 = 976562.5 ns.
    long tie = 1L << 22;
    assertThat(NtpFraction.toNanos(tie)).isEqualTo(976_563);
    assertThat(NtpFraction.toNanos(tie, RoundingMode.HALF_UP)).isEqualTo(976_563);
    assertThat(NtpFraction.toNanos(tie, RoundingMode.HALF_DOWN)).isEqualTo(976_562);
    assertThat(NtpFraction.toNanos(tie, RoundingMode.HALF_EVEN)).isEqualTo(976_562);
    assertThat(NtpFraction.toNanos(tie, RoundingMode.CEILING)).isEqualTo(976_563);
    assertThatThrownBy(() -> NtpFraction.toNanos(tie, RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
    assertThat(NtpFraction.toNanos(1L << 23, RoundingMode.UNNECESSARY)).isEqualTo(1_953_125);
  }

  @Test
  void outOfRangeInputsAreRejectedNotMasked() {
    assertThatThrownBy(() -> NtpFraction.fromNanos(1_000_000_000L)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1000000000");
    assertThatThrownBy(() -> NtpFraction.fromNanos(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtpFraction.fromMicros(1_000_000L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtpFraction.fromMillis(1000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtpFraction.toNanos(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtpFraction.toMillis(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decimalToFractionNeverCarriesEvenRoundingUp() {
    assertThat(NtpFraction.fromNanos(999_999_999L, RoundingMode.CEILING)).isLessThan(NtpFraction.UNITS_PER_SECOND);
    assertThat(NtpFraction.fromMicros(999_999L, RoundingMode.UP)).isLessThan(NtpFraction.UNITS_PER_SECOND);
    assertThat(NtpFraction.fromMillis(999L, RoundingMode.CEILING)).isLessThan(NtpFraction.UNITS_PER_SECOND);
  }
}
