package org.ntpclock.core;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The NTP 128-bit date (RFC 5905 section 6, Figure 3): a signed 32-bit era number, an unsigned
 * 32-bit era offset in seconds, and a fraction of a second. It names every instant unambiguously:
 * era 0 starts at the prime epoch 1900-01-01T00:00:00Z, era 1 at 2036-02-07T06:28:16Z, era -1 at
 * 1763-11-24T17:31:44Z.
 *
 * <p>Seconds since the prime epoch, {@code s = era * 2^32 + eraOffset}, relate to the era by floor
 * division: {@code era = floorDiv(s, 2^32)}, {@code eraOffset = floorMod(s, 2^32)}.
 *
 * <p>The wire format's fraction field is 64 bits; this class keeps its 32 most significant bits,
 * the resolution of the 64-bit timestamp (2<sup>-32</sup> s), which is finer than a nanosecond.
 * Every {@link Instant} converts to a date exactly (fraction rounded to the nearest unit), and
 * back to the same instant; dates beyond {@link Instant}'s range throw {@link DateTimeException}.
 *
 * <p>Immutable and thread-safe; ordered chronologically.
 */
public final class NtpDate implements Comparable<NtpDate> {
  /** The size of the wire format in bytes. */
  public static final int BYTES = 16;

  private static final long LOW_32 = 0xFFFF_FFFFL;

  private final int era;
  private final long eraOffset;
  private final long fraction;

  private NtpDate(int era, long eraOffset, long fraction) {
    this.era = era;
    this.eraOffset = eraOffset;
    this.fraction = fraction;
  }

  /**
   * The date with the given fields.
   *
   * @param era signed era number
   * @param eraOffset seconds into the era, 0..2<sup>32</sup>-1
   * @param fraction 0..2<sup>32</sup>-1, units of 2<sup>-32</sup> s
   * @return the date
   * @throws IllegalArgumentException if a field is out of range
   */
  public static NtpDate of(int era, long eraOffset, long fraction) {
    checkArgument(eraOffset >= 0 && eraOffset <= LOW_32, "era offset out of range 0..0xffffffff: %s", eraOffset);
    checkArgument(fraction >= 0 && fraction <= LOW_32, "fraction out of range 0..0xffffffff: %s", fraction);
    return new NtpDate(era, eraOffset, fraction);
  }

  /**
   * The date of a 64-bit timestamp in a given era. Unlike {@link NtpTimestamp#toDate}, this
   * accepts the all-zero timestamp: naming its era is a deliberate choice.
   *
   * @param era signed era number
   * @param timestamp the timestamp within that era
   * @return the date
   */
  public static NtpDate of(int era, NtpTimestamp timestamp) {
    return new NtpDate(era, timestamp.seconds(), timestamp.fraction());
  }

  /**
   * The date at a signed count of seconds since the prime epoch.
   *
   * @param ntpSeconds seconds since 1900-01-01T00:00:00Z, negative before
   * @param fraction 0..2<sup>32</sup>-1
   * @return the date
   * @throws IllegalArgumentException if the fraction is out of range
   */
  public static NtpDate ofNtpSeconds(long ntpSeconds, long fraction) {
    checkArgument(fraction >= 0 && fraction <= LOW_32, "fraction out of range 0..0xffffffff: %s", fraction);
    return new NtpDate(Math.toIntExact(ntpSeconds >> 32), ntpSeconds & LOW_32, fraction);
  }

  /**
   * The date of an instant, the fraction rounded to the nearest 2<sup>-32</sup> s.
   *
   * @param instant any instant
   * @return the date
   */
  public static NtpDate fromInstant(Instant instant) {
    return fromInstant(instant, RoundingMode.HALF_UP);
  }

  /**
   * The date of an instant with an explicit rounding of the fraction (which never carries).
   *
   * @param instant any instant
   * @param mode how nanoseconds round to fraction units
   * @return the date
   * @throws ArithmeticException for {@link RoundingMode#UNNECESSARY} when inexact
   */
  public static NtpDate fromInstant(Instant instant, RoundingMode mode) {
    checkNotNull(instant, "instant");
    long seconds = instant.getEpochSecond() + NtpTimestamp.NTP_TO_POSIX_SECONDS;
    return new NtpDate((int) (seconds >> 32), seconds & LOW_32, NtpFraction.fromNanos(instant.getNano(), mode));
  }

  /**
   * Reads the 16-byte wire format at the buffer's position, advancing it. The low 32 bits of the
   * 64-bit fraction field are below this class's resolution and are truncated.
   *
   * @param buffer the source, big-endian
   * @return the date
   * @throws java.nio.BufferUnderflowException if fewer than 16 bytes remain
   */
  public static NtpDate readFrom(ByteBuffer buffer) {
    int era = buffer.getInt();
    long offset = buffer.getInt() & LOW_32;
    long fraction = buffer.getInt() & LOW_32;
    buffer.getInt();
    return new NtpDate(era, offset, fraction);
  }

  /**
   * Writes the 16-byte wire format at the buffer's position, advancing it.
   *
   * @param buffer the destination, big-endian
   * @throws java.nio.BufferOverflowException if fewer than 16 bytes remain
   */
  public void writeTo(ByteBuffer buffer) {
    buffer.putInt(era).putInt((int) eraOffset).putInt((int) fraction).putInt(0);
  }

  /**
   * The signed era number.
   *
   * @return the era
   */
  public int era() {
    return era;
  }

  /**
   * Seconds into the era.
   *
   * @return 0..2<sup>32</sup>-1
   */
  public long eraOffset() {
    return eraOffset;
  }

  /**
   * The fraction of a second.
   *
   * @return 0..2<sup>32</sup>-1, units of 2<sup>-32</sup> s
   */
  public long fraction() {
    return fraction;
  }

  /**
   * Whole seconds since the prime epoch, {@code era * 2^32 + eraOffset}.
   *
   * @return signed seconds since 1900-01-01T00:00:00Z
   */
  public long ntpSeconds() {
    return ((long) era << 32) + eraOffset;
  }

  /**
   * The 64-bit wire timestamp: this date with the era dropped.
   *
   * @return the timestamp (possibly the all-zero one, at the start of an era)
   */
  public NtpTimestamp toTimestamp() {
    return NtpTimestamp.ofBits(eraOffset << 32 | fraction);
  }

  /**
   * The instant, fraction rounded to the nearest nanosecond.
   *
   * @return the instant
   * @throws DateTimeException if beyond {@link Instant}'s range
   */
  public Instant toInstant() {
    return toInstant(RoundingMode.HALF_UP);
  }

  /**
   * The instant with an explicit rounding to nanoseconds; a fraction that rounds to a whole
   * second carries into the seconds.
   *
   * @param mode how fraction units round to nanoseconds
   * @return the instant
   * @throws DateTimeException if beyond {@link Instant}'s range
   */
  public Instant toInstant(RoundingMode mode) {
    long nanos = NtpFraction.toNanos(fraction, mode);
    long ntpSeconds = ntpSeconds();
    if (ntpSeconds < Long.MIN_VALUE + NtpTimestamp.NTP_TO_POSIX_SECONDS) {
      throw new DateTimeException("NTP date beyond the range of Instant: " + this);
    }
    return Instant.ofEpochSecond(ntpSeconds - NtpTimestamp.NTP_TO_POSIX_SECONDS, nanos);
  }

  @Override
  public int compareTo(NtpDate other) {
    int c = Integer.compare(era, other.era);
    if (c == 0) {
      c = Long.compare(eraOffset, other.eraOffset);
    }
    return c != 0 ? c : Long.compare(fraction, other.fraction);
  }

  @Override
  public boolean equals(Object obj) {
    if (!(obj instanceof NtpDate)) {
      return false;
    }
    NtpDate o = (NtpDate) obj;
    return era == o.era && eraOffset == o.eraOffset && fraction == o.fraction;
  }

  @Override
  public int hashCode() {
    return 31 * Integer.hashCode(era) + Long.hashCode(eraOffset << 32 | fraction);
  }

  /** The form {@code era:ssssssss.ffffffff}, for example {@code 1:0000f680.00000000}. */
  @Override
  public String toString() {
    return era + ":" + NtpTimestamp.ofBits(eraOffset << 32 | fraction);
  }
}
