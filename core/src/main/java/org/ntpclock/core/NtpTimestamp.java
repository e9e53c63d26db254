package org.ntpclock.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/**
 * The NTP 64-bit timestamp (RFC 5905 section 6): unsigned 32-bit seconds and an unsigned 32-bit
 * fraction of a second in units of 2<sup>-32</sup> s (about 233 ps), as carried on the wire.
 *
 * <p>This is an immutable value over one {@code long}: the raw wire bits, seconds in the high
 * half. It carries no era: the same bits recur every 2<sup>32</sup> s (about 136 years), first
 * on 2036-02-07T06:28:16Z. It becomes an {@link Instant} only through an {@link EraResolver}; the
 * no-argument conversions use {@link EraResolver#defaultResolver()}.
 *
 * <p>The all-zero timestamp ({@link #UNKNOWN}) means "unknown" or "not set" (RFC 5905 section 6).
 * It is never turned into 1900-01-01 or 2036-02-07 by accident: {@link #toInstant} and
 * {@link #toDate} throw {@link DateTimeException} for it. Use {@link NtpDate#of(int, NtpTimestamp)}
 * to name the prime epoch deliberately.
 *
 * <p>Ordering: {@link #compareTo} orders the raw bits as unsigned numbers, a total order that is
 * chronological only within one era. {@link #isBefore} and {@link #isAfter} are era-aware: they
 * compare by the signed wrapping difference, which is right whenever the two instants are less
 * than 2<sup>31</sup> s (68 years) apart, across an era boundary too.
 *
 * <p>For allocation-free hot paths, the static helpers {@link #bitsOf(long, long)},
 * {@link #bitsOfEpochMilli(long)}, {@link #epochMilliOf(long)}, {@link #secondsOf(long)} and
 * {@link #fractionOf(long)} work on raw bits.
 */
public final class NtpTimestamp implements Comparable<NtpTimestamp> {
  /** The "unknown" timestamp, {@code 00000000.00000000}. */
  public static final NtpTimestamp UNKNOWN = new NtpTimestamp(0L);

  /** Seconds from the NTP prime epoch (1900-01-01T00:00:00Z) to the POSIX epoch. */
  public static final long NTP_TO_POSIX_SECONDS = 2_208_988_800L;

  private static final long LOW_32 = 0xFFFF_FFFFL;

  private final long bits;

  private NtpTimestamp(long bits) {
    this.bits = bits;
  }

  /**
   * The timestamp with the given raw 64-bit wire value.
   *
   * @param bits seconds in the high 32 bits, fraction in the low 32 bits
   * @return the timestamp
   */
  public static NtpTimestamp ofBits(long bits) {
    return bits == 0 ? UNKNOWN : new NtpTimestamp(bits);
  }

  /**
   * The timestamp with the given seconds and fraction fields.
   *
   * @param seconds era offset in seconds, 0..2<sup>32</sup>-1
   * @param fraction 0..2<sup>32</sup>-1, in units of 2<sup>-32</sup> s
   * @return the timestamp
   * @throws IllegalArgumentException if a field is out of range (nothing is masked)
   */
  public static NtpTimestamp of(long seconds, long fraction) {
    checkArgument(seconds >= 0 && seconds <= LOW_32, "seconds out of range 0..0xffffffff: %s", seconds);
    checkArgument(fraction >= 0 && fraction <= LOW_32, "fraction out of range 0..0xffffffff: %s", fraction);
    return ofBits(seconds << 32 | fraction);
  }

  /**
   * The wire timestamp of an instant, its fraction rounded to the nearest 2<sup>-32</sup> s (error
   * at most 116 ps). The era is dropped, as the wire format requires; keep it with
   * {@link NtpDate#fromInstant(Instant)} when it matters.
   *
   * <p>At the first instant of each era (1900-01-01T00:00:00Z, 2036-02-07T06:28:16Z, …), and
   * within half a fraction unit of it, the wire bits are all zero: the result is {@link #UNKNOWN},
   * which RFC 5905 reserves for "no time", and which {@link #toInstant()} rejects. A sender of
   * such an instant should move it by one unit; {@link NtpDate} keeps it without ambiguity.
   *
   * @param instant any instant
   * @return the timestamp; {@link #UNKNOWN} at an era's first instant
   */
  public static NtpTimestamp fromInstant(Instant instant) {
    checkNotNull(instant, "instant");
    return ofBits(bitsOf(instant.getEpochSecond(), instant.getNano()));
  }

  /**
   * The wire timestamp of an instant with an explicit rounding of the fraction. The era is dropped.
   *
   * @param instant any instant
   * @param mode how nanoseconds round to fraction units; the result never carries into the seconds
   * @return the timestamp; {@link #UNKNOWN} when the bits are all zero, at an era's first instant
   *     (see {@link #fromInstant(Instant)})
   * @throws ArithmeticException for {@link RoundingMode#UNNECESSARY} when the fraction is inexact
   */
  public static NtpTimestamp fromInstant(Instant instant, RoundingMode mode) {
    checkNotNull(instant, "instant");
    long seconds = instant.getEpochSecond() + NTP_TO_POSIX_SECONDS;
    return ofBits((seconds << 32) | NtpFraction.fromNanos(instant.getNano(), mode));
  }

  /**
   * The wire timestamp of a POSIX time in milliseconds, as {@link Instant#ofEpochMilli} names it;
   * the fraction is rounded to the nearest 2<sup>-32</sup> s and the era dropped. Equal to
   * {@code fromInstant(Instant.ofEpochMilli(epochMilli))} without the intermediate {@code Instant}.
   *
   * @param epochMilli milliseconds since 1970-01-01T00:00:00Z, any value
   * @return the timestamp
   */
  public static NtpTimestamp ofEpochMilli(long epochMilli) {
    return ofBits(bitsOfEpochMilli(epochMilli));
  }

  /**
   * Raw wire bits of a POSIX time in milliseconds, the fraction rounded to the nearest unit, era
   * dropped. Allocates nothing; the bits of {@link #ofEpochMilli(long)}.
   *
   * @param epochMilli milliseconds since 1970-01-01T00:00:00Z, any value
   * @return the raw 64-bit timestamp
   */
  public static long bitsOfEpochMilli(long epochMilli) {
    long seconds = Math.floorDiv(epochMilli, 1000L) + NTP_TO_POSIX_SECONDS;
    return seconds << 32 | NtpFraction.fromMillis(Math.floorMod(epochMilli, 1000L));
  }

  /**
   * The POSIX time in milliseconds of raw bits, the era chosen by
   * {@link EraResolver#defaultResolver()} (1968-01-20T03:14:08Z up to 2104-02-26T09:42:24Z) and the
   * fraction rounded to the nearest millisecond, halves up. Allocates nothing; the value of
   * {@link #toEpochMilli()}.
   *
   * @param bits a raw 64-bit timestamp, not zero
   * @return milliseconds since 1970-01-01T00:00:00Z
   * @throws DateTimeException if {@code bits} is zero, the "unknown" timestamp
   */
  public static long epochMilliOf(long bits) {
    checkKnown(bits);
    return (Resolvers.rfc4330Seconds(bits) - NTP_TO_POSIX_SECONDS) * 1000L + NtpFraction.toMillis(bits & LOW_32);
  }

  /**
   * Raw wire bits of a POSIX time, rounded to the nearest fraction unit, era dropped. Allocates
   * nothing.
   *
   * @param epochSecond seconds since 1970-01-01T00:00:00Z
   * @param nanos 0..999 999 999
   * @return the raw 64-bit timestamp
   * @throws IllegalArgumentException if {@code nanos} is out of range
   */
  public static long bitsOf(long epochSecond, long nanos) {
    return ((epochSecond + NTP_TO_POSIX_SECONDS) << 32) | NtpFraction.fromNanos(nanos);
  }

  /**
   * The unsigned seconds field of raw bits.
   *
   * @param bits a raw 64-bit timestamp
   * @return 0..2<sup>32</sup>-1
   */
  public static long secondsOf(long bits) {
    return bits >>> 32;
  }

  /**
   * The unsigned fraction field of raw bits.
   *
   * @param bits a raw 64-bit timestamp
   * @return 0..2<sup>32</sup>-1
   */
  public static long fractionOf(long bits) {
    return bits & LOW_32;
  }

  /**
   * Parses the ntpq-style hexadecimal form {@code ssssssss.ffffffff} (exactly eight hex digits on
   * each side of the dot, either case), as printed by {@link #toString()}.
   *
   * @param text the text to parse
   * @return the timestamp
   * @throws DateTimeParseException if the text is not in that form
   */
  public static NtpTimestamp parse(CharSequence text) {
    checkNotNull(text, "text");
    if (text.length() != 17) {
      throw new DateTimeParseException(
          "NTP timestamp must be ssssssss.ffffffff (17 characters): " + text, text, 0);
    }
    long value = 0;
    for (int i = 0; i < 17; i++) {
      char c = text.charAt(i);
      if (i == 8) {
        if (c != '.') {
          throw new DateTimeParseException("expected '.' at index 8: " + text, text, i);
        }
        continue;
      }
      int digit = Character.digit(c, 16);
      if (digit < 0 || c > 'f') {
        throw new DateTimeParseException("not a hex digit at index " + i + ": " + text, text, i);
      }
      value = value << 4 | digit;
    }
    return ofBits(value);
  }

  /**
   * The raw wire bits.
   *
   * @return seconds in the high 32 bits, fraction in the low 32
   */
  public long toBits() {
    return bits;
  }

  /**
   * The unsigned seconds field: seconds since the start of the (unknown) era.
   *
   * @return 0..2<sup>32</sup>-1
   */
  public long seconds() {
    return bits >>> 32;
  }

  /**
   * The unsigned fraction field.
   *
   * @return 0..2<sup>32</sup>-1, in units of 2<sup>-32</sup> s
   */
  public long fraction() {
    return bits & LOW_32;
  }

  /**
   * Whether this is the all-zero "unknown" timestamp.
   *
   * @return true for {@code 00000000.00000000}
   */
  public boolean isUnknown() {
    return bits == 0;
  }

  /**
   * Resolves the era with the given resolver.
   *
   * @param resolver how to choose the era
   * @return the full date
   * @throws DateTimeException if this is the "unknown" timestamp
   */
  public NtpDate toDate(EraResolver resolver) {
    checkNotNull(resolver, "resolver");
    checkKnown();
    return resolver.resolve(bits);
  }

  /**
   * The instant, with the era chosen by {@link EraResolver#defaultResolver()} and the fraction
   * rounded to the nearest nanosecond.
   *
   * @return the instant
   * @throws DateTimeException if this is the "unknown" timestamp
   */
  public Instant toInstant() {
    checkKnown(bits);
    // The default resolver inline: no NtpDate and no RoundingMode dispatch on the common path.
    return Instant.ofEpochSecond(
        Resolvers.rfc4330Seconds(bits) - NTP_TO_POSIX_SECONDS, NtpFraction.toNanos(bits & LOW_32));
  }

  /**
   * The POSIX time in milliseconds, as {@link Instant#toEpochMilli()} names it, with the era chosen
   * by {@link EraResolver#defaultResolver()} and the fraction rounded to the nearest millisecond
   * (halves up). Unlike {@code toInstant().toEpochMilli()}, which truncates the nanoseconds, this
   * rounds once, from the fraction itself.
   *
   * @return milliseconds since 1970-01-01T00:00:00Z
   * @throws DateTimeException if this is the "unknown" timestamp
   */
  public long toEpochMilli() {
    return epochMilliOf(bits);
  }

  /**
   * The instant, with the era chosen by the resolver and the fraction rounded to the nearest
   * nanosecond.
   *
   * @param resolver how to choose the era
   * @return the instant
   * @throws DateTimeException if this is the "unknown" timestamp or the date is beyond
   *     {@link Instant}'s range
   */
  public Instant toInstant(EraResolver resolver) {
    return toInstant(resolver, RoundingMode.HALF_UP);
  }

  /**
   * The instant, with the era chosen by the resolver and an explicit rounding of the fraction to
   * nanoseconds ({@link RoundingMode#FLOOR} truncates). A fraction that rounds up to a whole second
   * carries into the seconds.
   *
   * @param resolver how to choose the era
   * @param mode how fraction units round to nanoseconds
   * @return the instant
   * @throws DateTimeException if this is the "unknown" timestamp or the date is beyond
   *     {@link Instant}'s range
   */
  public Instant toInstant(EraResolver resolver, RoundingMode mode) {
    return toDate(resolver).toInstant(mode);
  }

  /**
   * This timestamp moved by a duration, wrapping at the era boundary as the wire format does.
   *
   * @param duration the signed amount to add
   * @return the moved timestamp
   */
  public NtpTimestamp plus(NtpDuration duration) {
    return ofBits(bits + duration.toBits());
  }

  /**
   * This timestamp moved back by a duration, wrapping at the era boundary.
   *
   * @param duration the signed amount to subtract
   * @return the moved timestamp
   */
  public NtpTimestamp minus(NtpDuration duration) {
    return ofBits(bits - duration.toBits());
  }

  /**
   * Whether this timestamp is earlier than another, by the signed wrapping difference: right
   * across an era boundary whenever the two are less than 2<sup>31</sup> s apart.
   *
   * @param other the other timestamp
   * @return true if {@code other - this} is positive
   */
  public boolean isBefore(NtpTimestamp other) {
    return other.bits - bits > 0;
  }

  /**
   * Whether this timestamp is later than another, by the signed wrapping difference.
   *
   * @param other the other timestamp
   * @return true if {@code this - other} is positive
   */
  public boolean isAfter(NtpTimestamp other) {
    return bits - other.bits > 0;
  }

  /**
   * Compares the raw bits as unsigned numbers: a total order consistent with {@link #equals},
   * chronological within one era only. Use {@link #isBefore} across eras.
   */
  @Override
  public int compareTo(NtpTimestamp other) {
    return Long.compareUnsigned(bits, other.bits);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof NtpTimestamp && ((NtpTimestamp) obj).bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  /**
   * The ntpq-style hexadecimal form, {@code ssssssss.ffffffff} in lower case, for example
   * {@code c1a9ae1c.cf6ac48d}.
   */
  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return hex.toHexDigits((int) (bits >>> 32)) + '.' + hex.toHexDigits((int) bits);
  }

  private void checkKnown() {
    checkKnown(bits);
  }

  private static void checkKnown(long bits) {
    if (bits == 0) {
      throw new DateTimeException(
          "NTP timestamp 00000000.00000000 means 'unknown' and names no instant");
    }
  }
}
