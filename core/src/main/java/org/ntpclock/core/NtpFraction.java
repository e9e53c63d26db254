package org.ntpclock.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.RoundingMode;

/**
 * Exact conversions between decimal sub-second counts (milliseconds, microseconds, nanoseconds)
 * and NTP fractions of a second, in units of 2<sup>-32</sup> s.
 *
 * <p>A count {@code a} of units of 10<sup>-k</sup> s and a fraction {@code c} are the same time
 * when the ratios are equal, {@code a / 10^k = c / 2^32}; this class solves that equation in
 * integer arithmetic: every intermediate product fits in a signed 64-bit {@code long}, and no
 * {@code double} is involved. All methods are static and allocate nothing.
 *
 * <h2>Rounding</h2>
 * The methods without a {@link RoundingMode} round to the nearest unit, ties up
 * ({@link RoundingMode#HALF_UP}). Decimal to fraction conversions never meet a tie (10<sup>k</sup>
 * has the odd factor 5<sup>k</sup>), so every "nearest" mode gives the same answer there, with an
 * error of at most half a fraction unit (116 ps). Fraction to decimal conversions may meet ties.
 * With these defaults, ms, µs and ns to fraction and back are the identity, and fraction to ns and
 * back is within one unit.
 *
 * <h2>Carry</h2>
 * Decimal to fraction results are always below 2<sup>32</sup>. Fraction to decimal results lie in
 * {@code 0..10^k} inclusive: {@code 0xffffffff} rounds to 1000 ms, which the caller must carry into
 * the seconds. {@link NtpTimestamp}, {@link NtpDate} and {@link NtpDuration} do this wherever they
 * produce a whole instant or duration.
 */
public final class NtpFraction {
  /** Fraction units in one second: 2<sup>32</sup>. */
  public static final long UNITS_PER_SECOND = 1L << 32;
  /** The largest fraction value, 2<sup>32</sup> - 1. */
  public static final long MAX_FRACTION = UNITS_PER_SECOND - 1;

  private static final long HALF_UNIT_SECOND = 1L << 31;

  private NtpFraction() {}

  /**
   * Converts nanoseconds within a second to the nearest fraction.
   *
   * @param nanos 0..999 999 999
   * @return the fraction, 0..2<sup>32</sup>-1
   * @throws IllegalArgumentException if {@code nanos} is out of range
   */
  public static long fromNanos(long nanos) {
    checkArgument(nanos >= 0 && nanos < 1_000_000_000L, "nanos out of range 0..999999999: %s", nanos);
    return ((nanos << 32) + 500_000_000L) / 1_000_000_000L;
  }

  /**
   * Converts nanoseconds within a second to a fraction with the given rounding.
   *
   * @param nanos 0..999 999 999
   * @param mode how to round to a whole fraction unit
   * @return the fraction, 0..2<sup>32</sup>-1 (never 2<sup>32</sup>, even rounding up)
   * @throws IllegalArgumentException if {@code nanos} is out of range
   * @throws ArithmeticException for {@link RoundingMode#UNNECESSARY} when the result is inexact
   */
  public static long fromNanos(long nanos, RoundingMode mode) {
    checkArgument(nanos >= 0 && nanos < 1_000_000_000L, "nanos out of range 0..999999999: %s", nanos);
    return Rounding.divide(nanos << 32, 1_000_000_000L, mode);
  }

  /**
   * Converts microseconds within a second to the nearest fraction.
   *
   * @param micros 0..999 999
   * @return the fraction, 0..2<sup>32</sup>-1
   * @throws IllegalArgumentException if {@code micros} is out of range
   */
  public static long fromMicros(long micros) {
    checkArgument(micros >= 0 && micros < 1_000_000L, "micros out of range 0..999999: %s", micros);
    return ((micros << 32) + 500_000L) / 1_000_000L;
  }

  /**
   * Converts microseconds within a second to a fraction with the given rounding.
   *
   * @param micros 0..999 999
   * @param mode how to round to a whole fraction unit
   * @return the fraction, 0..2<sup>32</sup>-1
   * @throws IllegalArgumentException if {@code micros} is out of range
   * @throws ArithmeticException for {@link RoundingMode#UNNECESSARY} when the result is inexact
   */
  public static long fromMicros(long micros, RoundingMode mode) {
    checkArgument(micros >= 0 && micros < 1_000_000L, "micros out of range 0..999999: %s", micros);
    return Rounding.divide(micros << 32, 1_000_000L, mode);
  }

  /**
   * Converts milliseconds within a second to the nearest fraction; 1 ms is {@code 0x00418937}.
   *
   * @param millis 0..999
   * @return the fraction, 0..2<sup>32</sup>-1
   * @throws IllegalArgumentException if {@code millis} is out of range
   */
  public static long fromMillis(long millis) {
    checkArgument(millis >= 0 && millis < 1_000L, "millis out of range 0..999: %s", millis);
    return ((millis << 32) + 500L) / 1_000L;
  }

  /**
   * Converts milliseconds within a second to a fraction with the given rounding
   * ({@link RoundingMode#FLOOR} reproduces Commons Net's encoding).
   *
   * @param millis 0..999
   * @param mode how to round to a whole fraction unit
   * @return the fraction, 0..2<sup>32</sup>-1
   * @throws IllegalArgumentException if {@code millis} is out of range
   * @throws ArithmeticException for {@link RoundingMode#UNNECESSARY} when the result is inexact
   */
  public static long fromMillis(long millis, RoundingMode mode) {
    checkArgument(millis >= 0 && millis < 1_000L, "millis out of range 0..999: %s", millis);
    return Rounding.divide(millis << 32, 1_000L, mode);
  }

  /**
   * Converts a fraction to the nearest nanosecond, ties up.
   *
   * @param fraction 0..2<sup>32</sup>-1
   * @return 0..1 000 000 000; the top value means a carry into the seconds
   * @throws IllegalArgumentException if {@code fraction} is out of range
   */
  public static long toNanos(long fraction) {
    checkFraction(fraction);
    return (fraction * 1_000_000_000L + HALF_UNIT_SECOND) >>> 32;
  }

  /**
   * Converts a fraction to nanoseconds with the given rounding.
   *
   * @param fraction 0..2<sup>32</sup>-1
   * @param mode how to round to a whole nanosecond
   * @return 0..1 000 000 000; the top value means a carry into the seconds
   * @throws IllegalArgumentException if {@code fraction} is out of range
   * @throws ArithmeticException for {@link RoundingMode#UNNECESSARY} when the result is inexact
   */
  public static long toNanos(long fraction, RoundingMode mode) {
    checkFraction(fraction);
    return Rounding.divide(fraction * 1_000_000_000L, UNITS_PER_SECOND, mode);
  }

  /**
   * Converts a fraction to the nearest microsecond, ties up.
   *
   * @param fraction 0..2<sup>32</sup>-1
   * @return 0..1 000 000; the top value means a carry into the seconds
   * @throws IllegalArgumentException if {@code fraction} is out of range
   */
  public static long toMicros(long fraction) {
    checkFraction(fraction);
    return (fraction * 1_000_000L + HALF_UNIT_SECOND) >>> 32;
  }

  /**
   * Converts a fraction to microseconds with the given rounding.
   *
   * @param fraction 0..2<sup>32</sup>-1
   * @param mode how to round to a whole microsecond
   * @return 0..1 000 000; the top value means a carry into the seconds
   * @throws IllegalArgumentException if {@code fraction} is out of range
   * @throws ArithmeticException for {@link RoundingMode#UNNECESSARY} when the result is inexact
   */
  public static long toMicros(long fraction, RoundingMode mode) {
    checkFraction(fraction);
    return Rounding.divide(fraction * 1_000_000L, UNITS_PER_SECOND, mode);
  }

  /**
   * Converts a fraction to the nearest millisecond, ties up; {@code 0xffffffff} gives 1000.
   *
   * @param fraction 0..2<sup>32</sup>-1
   * @return 0..1000; the top value means a carry into the seconds
   * @throws IllegalArgumentException if {@code fraction} is out of range
   */
  public static long toMillis(long fraction) {
    checkFraction(fraction);
    return (fraction * 1_000L + HALF_UNIT_SECOND) >>> 32;
  }

  /**
   * Converts a fraction to milliseconds with the given rounding.
   *
   * @param fraction 0..2<sup>32</sup>-1
   * @param mode how to round to a whole millisecond
   * @return 0..1000; the top value means a carry into the seconds
   * @throws IllegalArgumentException if {@code fraction} is out of range
   * @throws ArithmeticException for {@link RoundingMode#UNNECESSARY} when the result is inexact
   */
  public static long toMillis(long fraction, RoundingMode mode) {
    checkFraction(fraction);
    return Rounding.divide(fraction * 1_000L, UNITS_PER_SECOND, mode);
  }

  private static void checkFraction(long fraction) {
    checkArgument(
        fraction >= 0 && fraction <= MAX_FRACTION, "fraction out of range 0..0xffffffff: %s", fraction);
  }
}
