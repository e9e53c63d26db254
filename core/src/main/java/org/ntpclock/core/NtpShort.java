package org.ntpclock.core;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The NTP 32-bit short format (RFC 5905 section 6): unsigned 16-bit seconds and a 16-bit fraction,
 * used for root delay and root dispersion. Range 0 to 65535.99998 s, resolution 2<sup>-16</sup> s
 * (about 15.26 µs).
 *
 * <p>The format is unsigned: {@code 0x80000000} is 32768 s and {@code 0xffff0000} is 65535 s, never
 * a negative value (the Commons Net bug CN-12). Conversions from {@link Duration} saturate at
 * {@link #MAX} rather than wrap, and reject negative durations.
 *
 * <p>Immutable and thread-safe; ordered by value.
 */
public final class NtpShort implements Comparable<NtpShort> {
  /** Zero seconds. */
  public static final NtpShort ZERO = new NtpShort(0);
  /** The largest value, {@code ffff.ffff}: 65535.9999847 s. */
  public static final NtpShort MAX = new NtpShort(0xFFFF_FFFFL);

  private static final long UNITS_PER_SECOND = 1L << 16;
  private static final BigDecimal UNITS_PER_SECOND_DECIMAL = BigDecimal.valueOf(UNITS_PER_SECOND);

  private final long bits;

  private NtpShort(long bits) {
    this.bits = bits;
  }

  /**
   * The value with the given raw wire bits.
   *
   * @param bits 0..2<sup>32</sup>-1 (an {@code int} read from the wire widened with
   *     {@link Integer#toUnsignedLong})
   * @return the value
   * @throws IllegalArgumentException if out of range
   */
  public static NtpShort ofBits(long bits) {
    checkArgument(bits >= 0 && bits <= 0xFFFF_FFFFL, "short format out of range 0..0xffffffff: %s", bits);
    return bits == 0 ? ZERO : new NtpShort(bits);
  }

  /**
   * The value of a non-negative duration, rounded to the nearest 2<sup>-16</sup> s, saturating at
   * {@link #MAX}.
   *
   * @param duration a duration, zero or positive
   * @return the value
   * @throws IllegalArgumentException if the duration is negative
   */
  public static NtpShort fromDuration(Duration duration) {
    return fromDuration(duration, RoundingMode.HALF_UP);
  }

  /**
   * The value of a non-negative duration with an explicit rounding, saturating at {@link #MAX}.
   *
   * @param duration a duration, zero or positive
   * @param mode how nanoseconds round to 2<sup>-16</sup> s units
   * @return the value
   * @throws IllegalArgumentException if the duration is negative
   */
  public static NtpShort fromDuration(Duration duration, RoundingMode mode) {
    checkNotNull(duration, "duration");
    checkArgument(!duration.isNegative(), "the short format is unsigned; negative duration %s", duration);
    long seconds = duration.getSeconds();
    if (seconds > 0xFFFF) {
      return MAX;
    }
    long units = (seconds << 16) + Rounding.divide((long) duration.getNano() << 16, 1_000_000_000L, mode);
    return units > 0xFFFF_FFFFL ? MAX : ofBits(units);
  }

  /**
   * Raw bits of a non-negative duration in nanoseconds, rounded to nearest and saturating.
   * Allocates nothing.
   *
   * @param nanos a duration in nanoseconds, zero or positive
   * @return the raw 32-bit value in a {@code long}
   * @throws IllegalArgumentException if {@code nanos} is negative
   */
  public static long bitsOfNanos(long nanos) {
    checkArgument(nanos >= 0, "the short format is unsigned; negative nanos %s", nanos);
    long seconds = nanos / 1_000_000_000L;
    if (seconds > 0xFFFF) {
      return 0xFFFF_FFFFL;
    }
    long sub = nanos - seconds * 1_000_000_000L;
    long units = (seconds << 16) + ((sub << 16) + 500_000_000L) / 1_000_000_000L;
    return Math.min(units, 0xFFFF_FFFFL);
  }

  /**
   * The raw wire bits.
   *
   * @return 0..2<sup>32</sup>-1
   */
  public long toBits() {
    return bits;
  }

  /**
   * The whole seconds field.
   *
   * @return 0..65535
   */
  public int seconds() {
    return (int) (bits >>> 16);
  }

  /**
   * The fraction field.
   *
   * @return 0..65535, units of 2<sup>-16</sup> s
   */
  public int fraction() {
    return (int) (bits & 0xFFFF);
  }

  /**
   * The duration, rounded to the nearest nanosecond (2<sup>-16</sup> s is not a whole number of
   * nanoseconds).
   *
   * @return the duration, never negative
   */
  public Duration toDuration() {
    return toDuration(RoundingMode.HALF_UP);
  }

  /**
   * The duration with an explicit rounding to nanoseconds.
   *
   * @param mode how to round to a whole nanosecond
   * @return the duration, never negative
   */
  public Duration toDuration(RoundingMode mode) {
    return Duration.ofSeconds(seconds(), Rounding.divide(fraction() * 1_000_000_000L, UNITS_PER_SECOND, mode));
  }

  /**
   * The exact value in seconds (every 16.16 value has a finite decimal expansion).
   *
   * @return seconds, exact
   */
  public BigDecimal toSeconds() {
    return new BigDecimal(bits).divide(UNITS_PER_SECOND_DECIMAL);
  }

  @Override
  public int compareTo(NtpShort other) {
    return Long.compare(bits, other.bits);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof NtpShort && ((NtpShort) obj).bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  /** The exact value in seconds as a plain decimal string, for example {@code 0.008636474609375}. */
  @Override
  public String toString() {
    return toSeconds().toPlainString();
  }
}
