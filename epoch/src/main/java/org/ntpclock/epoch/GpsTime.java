package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Locale;

/**
 * GPS time as a receiver reports it: the full week number since the GPS epoch (1980-01-06) and the
 * time of week, to the nanosecond.
 *
 * <p>GPS time is continuous: it equals TAI&minus;19 s and does not count leap seconds, so it runs
 * ahead of UTC by the leap seconds since 1980 (18 s since 2017-01-01). It is converted to and from
 * UTC only through a {@link LeapSecondTable}, never with a built-in 18.
 *
 * <p>Broadcast week numbers are truncated (10 bits in the legacy navigation message, rolling over
 * every 1024 weeks: 1999-08-22, 2019-04-07, 2038-11-21; 13 bits in CNAV).
 * {@link #resolveWeek(int, int, Instant)} recovers the full week nearest a reference instant, like
 * NTP era resolution.
 *
 * <p>Instances are immutable and thread-safe; ordering is chronological.
 */
public final class GpsTime implements Comparable<GpsTime> {
  /** Seconds in a GPS week. */
  public static final int SECONDS_PER_WEEK = 604_800;

  private final int week;
  private final int secondOfWeek;
  private final int nanoOfSecond;

  private GpsTime(int week, int secondOfWeek, int nanoOfSecond) {
    this.week = week;
    this.secondOfWeek = secondOfWeek;
    this.nanoOfSecond = nanoOfSecond;
  }

  /**
   * A GPS time at a whole second.
   *
   * @param week full week number, 0 or more
   * @param secondOfWeek 0..604 799
   * @return the GPS time
   * @throws IllegalArgumentException if a field is out of range
   */
  public static GpsTime of(int week, int secondOfWeek) {
    return of(week, secondOfWeek, 0);
  }

  /**
   * A GPS time.
   *
   * @param week full week number, 0 or more
   * @param secondOfWeek 0..604 799
   * @param nanoOfSecond 0..999 999 999
   * @return the GPS time
   * @throws IllegalArgumentException if a field is out of range
   */
  public static GpsTime of(int week, int secondOfWeek, int nanoOfSecond) {
    checkArgument(week >= 0, "week must not be negative: %s", week);
    checkArgument(secondOfWeek >= 0 && secondOfWeek < SECONDS_PER_WEEK, "secondOfWeek out of range 0..604799: %s", secondOfWeek);
    checkArgument(nanoOfSecond >= 0 && nanoOfSecond <= 999_999_999, "nanoOfSecond out of range 0..999999999: %s", nanoOfSecond);
    return new GpsTime(week, secondOfWeek, nanoOfSecond);
  }

  /**
   * The GPS time a continuous count of GPS seconds since the GPS epoch denotes.
   *
   * @param gpsSeconds GPS seconds since 1980-01-06T00:00:00 GPST, 0 or more
   * @param nanoOfSecond 0..999 999 999
   * @return the GPS time
   * @throws IllegalArgumentException if an argument is out of range or the week overflows an {@code int}
   */
  public static GpsTime ofGpsSeconds(long gpsSeconds, int nanoOfSecond) {
    checkArgument(gpsSeconds >= 0, "GPS seconds must not be negative: %s", gpsSeconds);
    long w = gpsSeconds / SECONDS_PER_WEEK;
    checkArgument(w <= Integer.MAX_VALUE, "week overflows: %s", w);
    return of((int) w, (int) (gpsSeconds % SECONDS_PER_WEEK), nanoOfSecond);
  }

  /**
   * The GPS time at a UTC instant.
   *
   * @param utc a UTC instant from the GPS epoch to before the table's expiry
   * @param table the leap-second table
   * @return the GPS time
   * @throws TimeScaleException if {@code utc} is outside the table
   * @throws IllegalArgumentException if {@code utc} is before the GPS epoch
   */
  public static GpsTime fromInstant(Instant utc, LeapSecondTable table) {
    return fromInstant(utc, table, ExpiryPolicy.STRICT).value();
  }

  /**
   * The GPS time at a UTC instant, under an expiry policy.
   *
   * @param utc a UTC instant from the GPS epoch on
   * @param table the leap-second table
   * @param policy what to do at or after the table's expiry
   * @return the GPS time, marked if it rests on the assumption that no leap second follows the expiry
   * @throws TimeScaleException if {@code utc} is outside the table (past the expiry only under
   *     {@link ExpiryPolicy#STRICT})
   * @throws IllegalArgumentException if {@code utc} is before the GPS epoch
   */
  public static LeapAnswer<GpsTime> fromInstant(Instant utc, LeapSecondTable table, ExpiryPolicy policy) {
    LeapAnswer<Instant> reading = TimeScale.GPS.fromUtc(utc, table, policy);
    return new LeapAnswer<>(fromGpsReading(reading.value()), reading.assumed());
  }

  /**
   * The GPS time at a UTC reading, which may be inside an inserted leap second (23:59:60 maps to the
   * GPS second after 23:59:59).
   *
   * @param utc the UTC reading
   * @param table the leap-second table
   * @return the GPS time
   * @throws TimeScaleException if the reading is outside the table
   * @throws IllegalArgumentException if the reading is before the GPS epoch
   */
  public static GpsTime fromUtc(UtcReading utc, LeapSecondTable table) {
    checkNotNull(utc, "utc");
    GpsTime t = fromInstant(utc.instant(), table);
    return utc.leapSecond() ? ofGpsSeconds(t.toGpsSeconds() + 1, t.nanoOfSecond) : t;
  }

  private static GpsTime fromGpsReading(Instant gpsReading) {
    long seconds = Epoch.GPS.toSeconds(gpsReading);
    checkArgument(seconds >= 0, "before the GPS epoch: GPS reading %s", gpsReading);
    return ofGpsSeconds(seconds, gpsReading.getNano());
  }

  /**
   * The full week number nearest a reference instant among those whose low {@code bits} bits equal
   * a broadcast (truncated) week number. For 10 bits this resolves the 1024-week rollovers of
   * 1999-08-22, 2019-04-07 and 2038-11-21 correctly as long as the reference is within 512 weeks
   * (about 9.8 years) of the true time. A reference exactly halfway resolves to the later week.
   * The reference is taken as UTC without applying leap seconds, a difference of seconds that
   * cannot change the nearest week except at that halfway point.
   *
   * @param truncatedWeek the broadcast week, 0..2<sup>bits</sup>&minus;1
   * @param bits the broadcast width: 10 (legacy LNAV) or 13 (CNAV); any 1..24 is accepted
   * @param near the reference instant, e.g. the build date or a clock known to be roughly right
   * @return the full week number, 0 or more
   * @throws IllegalArgumentException if {@code bits} or {@code truncatedWeek} is out of range
   */
  public static int resolveWeek(int truncatedWeek, int bits, Instant near) {
    checkNotNull(near, "near");
    checkArgument(bits >= 1 && bits <= 24, "bits out of range 1..24: %s", bits);
    checkArgument(truncatedWeek >= 0 && truncatedWeek < 1 << bits,
        "truncated week out of range 0..%s: %s", (1 << bits) - 1, truncatedWeek);
    long modulus = 1L << bits;
    long period = modulus * SECONDS_PER_WEEK;
    long referenceSeconds = Epoch.GPS.toSeconds(near);
    long base = (long) truncatedWeek * SECONDS_PER_WEEK;
    // Number of whole periods that brings the alias nearest the reference, ties to the later alias.
    long k = Math.floorDiv(referenceSeconds - base + period / 2, period);
    long week = truncatedWeek + k * modulus;
    if (week < 0) {
      week += modulus * ((-week + modulus - 1) / modulus);
    }
    checkArgument(week <= Integer.MAX_VALUE, "week overflows: %s", week);
    return (int) week;
  }

  /**
   * The full week number.
   *
   * @return weeks since 1980-01-06, 0 or more
   */
  public int week() {
    return week;
  }

  /**
   * The week number as broadcast with {@code bits} bits.
   *
   * @param bits 1..24, e.g. 10 or 13
   * @return {@link #week()} modulo 2<sup>bits</sup>
   * @throws IllegalArgumentException if {@code bits} is out of range
   */
  public int truncatedWeek(int bits) {
    checkArgument(bits >= 1 && bits <= 24, "bits out of range 1..24: %s", bits);
    return week & ((1 << bits) - 1);
  }

  /**
   * The whole seconds of the time of week.
   *
   * @return 0..604 799
   */
  public int secondOfWeek() {
    return secondOfWeek;
  }

  /**
   * The nanoseconds within the second.
   *
   * @return 0..999 999 999
   */
  public int nanoOfSecond() {
    return nanoOfSecond;
  }

  /**
   * Continuous GPS seconds since the GPS epoch (the fraction is in {@link #nanoOfSecond()}).
   *
   * @return week &times; 604 800 + second of week
   */
  public long toGpsSeconds() {
    return (long) week * SECONDS_PER_WEEK + secondOfWeek;
  }

  /**
   * The UTC reading at this GPS time; inside an inserted leap second the reading says so.
   *
   * @param table the leap-second table
   * @return the UTC reading
   * @throws TimeScaleException if this time is outside the table
   */
  public UtcReading toUtc(LeapSecondTable table) {
    return toUtc(table, ExpiryPolicy.STRICT).value();
  }

  /**
   * The UTC reading at this GPS time, under an expiry policy.
   *
   * @param table the leap-second table
   * @param policy what to do when the result is at or after the table's expiry
   * @return the UTC reading, marked if it rests on the assumption that no leap second follows the expiry
   * @throws TimeScaleException if this time is before the table (or past its expiry under
   *     {@link ExpiryPolicy#STRICT})
   */
  public LeapAnswer<UtcReading> toUtc(LeapSecondTable table, ExpiryPolicy policy) {
    return TimeScale.GPS.toUtc(Epoch.GPS.toInstant(toGpsSeconds(), nanoOfSecond), table, policy);
  }

  /**
   * The UTC instant at this GPS time.
   *
   * @param table the leap-second table
   * @return the instant
   * @throws TimeScaleException if this time is outside the table, or inside an inserted leap second
   *     (reason {@link TimeScaleException.Reason#IN_LEAP_SECOND}; use {@link #toUtc(LeapSecondTable)})
   */
  public Instant toInstant(LeapSecondTable table) {
    return toInstant(table, ExpiryPolicy.STRICT).value();
  }

  /**
   * The UTC instant at this GPS time, under an expiry policy.
   *
   * @param table the leap-second table
   * @param policy what to do when the result is at or after the table's expiry
   * @return the instant, marked if it rests on the assumption that no leap second follows the expiry
   * @throws TimeScaleException if this time is before the table (or past its expiry under
   *     {@link ExpiryPolicy#STRICT}), or inside an inserted leap second
   *     ({@link TimeScaleException.Reason#IN_LEAP_SECOND})
   */
  public LeapAnswer<Instant> toInstant(LeapSecondTable table, ExpiryPolicy policy) {
    LeapAnswer<UtcReading> reading = toUtc(table, policy);
    if (reading.value().leapSecond()) {
      throw new TimeScaleException(TimeScaleException.Reason.IN_LEAP_SECOND, reading.value().instant(),
          this + " is the leap second " + reading.value() + ", which an Instant cannot express");
    }
    return new LeapAnswer<>(reading.value().instant(), reading.assumed());
  }

  @Override
  public int compareTo(GpsTime other) {
    int c = Integer.compare(week, other.week);
    if (c == 0) {
      c = Integer.compare(secondOfWeek, other.secondOfWeek);
    }
    return c != 0 ? c : Integer.compare(nanoOfSecond, other.nanoOfSecond);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof GpsTime other
        && week == other.week && secondOfWeek == other.secondOfWeek && nanoOfSecond == other.nanoOfSecond;
  }

  @Override
  public int hashCode() {
    return (week * 31 + secondOfWeek) * 31 + nanoOfSecond;
  }

  /**
   * The week and time of week, e.g. {@code GPS week 2048 tow 0.000000000}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "GPS week %d tow %d.%09d", week, secondOfWeek, nanoOfSecond);
  }
}
