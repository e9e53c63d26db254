package org.ntpclock.core;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * A signed NTP time difference in 32.32 fixed point: units of 2<sup>-32</sup> s in a signed 64-bit
 * value, range -2<sup>31</sup> s to just under +2<sup>31</sup> s (about ±68 years).
 *
 * <p>{@link #between} is the wrapping difference of two 64-bit timestamps read as signed, so it is
 * right across an era boundary (2036) whenever the two instants are less than 68 years apart
 * (RFC 5905 section 6). Conversions to {@link Duration} round to nanoseconds with a documented
 * mode; {@link #toSeconds()} is exact.
 *
 * <p>Immutable and thread-safe; ordered by signed value. Arithmetic throws
 * {@link ArithmeticException} on overflow rather than wrap.
 */
public final class NtpDuration implements Comparable<NtpDuration> {
  /** Zero. */
  public static final NtpDuration ZERO = new NtpDuration(0);

  private static final BigDecimal UNITS_PER_SECOND = BigDecimal.valueOf(NtpFraction.UNITS_PER_SECOND);
  private static final long MAX_SECONDS = Integer.MAX_VALUE;
  private static final long MIN_SECONDS = Integer.MIN_VALUE;

  private final long bits;

  private NtpDuration(long bits) {
    this.bits = bits;
  }

  /**
   * The duration with the given raw signed 32.32 value.
   *
   * @param bits units of 2<sup>-32</sup> s, signed
   * @return the duration
   */
  public static NtpDuration ofBits(long bits) {
    return bits == 0 ? ZERO : new NtpDuration(bits);
  }

  /**
   * The signed difference {@code end - start}, wrapping: exact whenever the two instants are less
   * than 2<sup>31</sup> s apart, whatever their eras.
   *
   * @param start the earlier timestamp
   * @param end the later timestamp
   * @return {@code end - start}
   */
  public static NtpDuration between(NtpTimestamp start, NtpTimestamp end) {
    return ofBits(end.toBits() - start.toBits());
  }

  /**
   * The duration nearest to a {@link Duration}.
   *
   * @param duration the duration, within ±2<sup>31</sup> s
   * @return the duration
   * @throws ArithmeticException if out of range
   */
  public static NtpDuration fromDuration(Duration duration) {
    return fromDuration(duration, RoundingMode.HALF_UP);
  }

  /**
   * The duration of a {@link Duration} with an explicit rounding to 2<sup>-32</sup> s.
   *
   * @param duration the duration, within ±2<sup>31</sup> s
   * @param mode how nanoseconds round to fraction units
   * @return the duration
   * @throws ArithmeticException if out of range, or inexact under {@link RoundingMode#UNNECESSARY}
   */
  public static NtpDuration fromDuration(Duration duration, RoundingMode mode) {
    checkNotNull(duration, "duration");
    long seconds = duration.getSeconds();
    long fraction = NtpFraction.fromNanos(duration.getNano(), Rounding.forFractionOf(seconds < 0, mode));
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      throw new ArithmeticException("duration outside ±2^31 s: " + duration);
    }
    // seconds in [-2^31, 2^31 - 1] and fraction < 2^32: the sum cannot overflow.
    return ofBits((seconds << 32) + fraction);
  }

  /**
   * Signed nanoseconds, rounded to nearest, of raw 32.32 bits. Allocates nothing; never overflows.
   *
   * @param bits signed units of 2<sup>-32</sup> s
   * @return signed nanoseconds
   */
  public static long nanosOf(long bits) {
    long seconds = bits >> 32;
    long fraction = bits & NtpFraction.MAX_FRACTION;
    return seconds * 1_000_000_000L + ((fraction * 1_000_000_000L + (1L << 31)) >>> 32);
  }

  /**
   * The raw signed 32.32 value.
   *
   * @return units of 2<sup>-32</sup> s
   */
  public long toBits() {
    return bits;
  }

  /**
   * Whether this duration is below zero.
   *
   * @return true if negative
   */
  public boolean isNegative() {
    return bits < 0;
  }

  /**
   * Whether this duration is zero.
   *
   * @return true if zero
   */
  public boolean isZero() {
    return bits == 0;
  }

  /**
   * The duration rounded to the nearest nanosecond, ties toward positive infinity.
   *
   * @return the duration
   */
  public Duration toDuration() {
    return Duration.ofNanos(nanosOf(bits));
  }

  /**
   * The duration with an explicit rounding to nanoseconds.
   *
   * @param mode how fraction units round to nanoseconds
   * @return the duration
   * @throws ArithmeticException under {@link RoundingMode#UNNECESSARY} when inexact
   */
  public Duration toDuration(RoundingMode mode) {
    long seconds = bits >> 32;
    long fraction = bits & NtpFraction.MAX_FRACTION;
    return Duration.ofSeconds(seconds, NtpFraction.toNanos(fraction, Rounding.forFractionOf(seconds < 0, mode)));
  }

  /**
   * Signed nanoseconds, rounded to nearest (ties toward positive infinity).
   *
   * @return nanoseconds
   */
  public long toNanos() {
    return nanosOf(bits);
  }

  /**
   * The exact value in seconds.
   *
   * @return signed seconds, exact
   */
  public BigDecimal toSeconds() {
    return new BigDecimal(bits).divide(UNITS_PER_SECOND);
  }

  /**
   * The sum of two durations.
   *
   * @param other the duration to add
   * @return {@code this + other}
   * @throws ArithmeticException on overflow
   */
  public NtpDuration plus(NtpDuration other) {
    return ofBits(Math.addExact(bits, other.bits));
  }

  /**
   * The difference of two durations.
   *
   * @param other the duration to subtract
   * @return {@code this - other}
   * @throws ArithmeticException on overflow
   */
  public NtpDuration minus(NtpDuration other) {
    return ofBits(Math.subtractExact(bits, other.bits));
  }

  /**
   * The negated duration.
   *
   * @return {@code -this}
   * @throws ArithmeticException for the most negative value
   */
  public NtpDuration negated() {
    return ofBits(Math.negateExact(bits));
  }

  /**
   * The absolute value.
   *
   * @return {@code |this|}
   * @throws ArithmeticException for the most negative value
   */
  public NtpDuration abs() {
    return bits < 0 ? negated() : this;
  }

  /**
   * This duration divided by a positive divisor, rounded toward negative infinity.
   *
   * @param divisor a positive divisor
   * @return {@code floor(this / divisor)} in 2<sup>-32</sup> s units
   */
  public NtpDuration dividedBy(long divisor) {
    checkArgument(divisor > 0, "divisor must be positive: %s", divisor);
    return ofBits(Math.floorDiv(bits, divisor));
  }

  @Override
  public int compareTo(NtpDuration other) {
    return Long.compare(bits, other.bits);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof NtpDuration && ((NtpDuration) obj).bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  /** The exact value as decimal seconds with a unit, for example {@code -0.0025s}. */
  @Override
  public String toString() {
    return toSeconds().toPlainString() + "s";
  }
}
