package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Leap-smeared UTC: a scale that spreads a leap second over a window instead of inserting
 * 23:59:60 (or skipping 23:59:59), so a clock on it never repeats or jumps. Readings on the smeared
 * scale are plain {@link Instant}s with 86 400 s per day; UTC readings are {@link UtcReading}s, so
 * 23:59:60 takes part.
 *
 * <ul>
 *   <li>{@link #LINEAR_24H}: Google's smear, linear from noon UTC before the leap second to noon UTC
 *       after it. Across a positive leap second the smeared clock runs 1/86 401 slow (11.57 ppm) and
 *       reads exactly midnight in the middle of 23:59:60, half a second behind the elapsed time.
 *   <li>{@link #UTC_SLS}: UTC with Smoothed Leap Seconds (Markus Kuhn's Internet-Draft
 *       draft-kuhn-leapsecond-00, expired): the last 1000 s before midnight of the smeared scale
 *       span 1001 UTC seconds (999 for a negative leap), from 23:43:20 to midnight, running 0.1 %
 *       slow (fast).
 * </ul>
 *
 * <p><b>Exactness.</b> Inside a window of {@code N} nominal seconds that spans {@code N + step} SI
 * seconds, the smeared nanoseconds since the window's start are {@code floor(u * N / (N + step))}
 * for {@code u} elapsed SI nanoseconds, and the way back is {@code ceil(s * (N + step) / N)}: exact
 * integer arithmetic, monotonic, continuous at both ends (identity outside the window) and shifting
 * by exactly the leap second over the window. Two scales of different lengths cannot be mapped
 * one-to-one at a resolution of one nanosecond: the round trip that starts on the side with fewer
 * nanoseconds is exact ({@code toSmeared(toUtc(s)) == s} for a positive leap second,
 * {@code toUtc(toSmeared(t)) == t} for a negative one), the other returns within one nanosecond.
 *
 * <p>A server serving smeared time must not announce the leap second with the leap indicator, or
 * its clients would apply it twice.
 */
public enum LeapSmear {
  /** Google's 24-hour linear smear, noon UTC to noon UTC around the leap second. */
  LINEAR_24H("linear24h", 43_200, 43_200),
  /** UTC-SLS: the last 1000 s of the smeared day absorb the leap second. */
  UTC_SLS("utc-sls", 1_000, 0);

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final String id;
  private final long secondsBefore;
  private final long secondsAfter;

  LeapSmear(String id, long secondsBefore, long secondsAfter) {
    this.id = id;
    this.secondsBefore = secondsBefore;
    this.secondsAfter = secondsAfter;
  }

  /**
   * The short name, as {@code ntpclock serve --leap-smear} takes it.
   *
   * @return {@code linear24h} or {@code utc-sls}
   */
  public String id() {
    return id;
  }

  /**
   * The smear with a short name.
   *
   * @param id {@code linear24h} or {@code utc-sls} (case-insensitive)
   * @return the smear
   * @throws IllegalArgumentException if the name is unknown
   */
  public static LeapSmear ofId(String id) {
    checkNotNull(id, "id");
    for (LeapSmear s : values()) {
      if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown leap smear: '" + id + "' (expected linear24h or utc-sls)");
  }

  /**
   * Nominal seconds of the window before the midnight that ends the leap second's day.
   *
   * @return 43 200 for {@link #LINEAR_24H}, 1 000 for {@link #UTC_SLS}
   */
  public long secondsBefore() {
    return secondsBefore;
  }

  /**
   * Nominal seconds of the window after that midnight.
   *
   * @return 43 200 for {@link #LINEAR_24H}, 0 for {@link #UTC_SLS}
   */
  public long secondsAfter() {
    return secondsAfter;
  }

  /**
   * The first instant of the window around a leap second (the smeared and the UTC clock agree there).
   *
   * @param leap the leap second
   * @return noon UTC of the leap second's day for {@link #LINEAR_24H}, 23:43:20 for {@link #UTC_SLS}
   */
  public Instant windowStart(LeapSecondTable.LeapSecond leap) {
    checkNotNull(leap, "leap");
    return leap.end().minusSeconds(secondsBefore);
  }

  /**
   * The first instant after the window (the smeared and the UTC clock agree again).
   *
   * @param leap the leap second
   * @return noon UTC of the day after for {@link #LINEAR_24H}, the midnight for {@link #UTC_SLS}
   */
  public Instant windowEnd(LeapSecondTable.LeapSecond leap) {
    checkNotNull(leap, "leap");
    return leap.end().plusSeconds(secondsAfter);
  }

  /**
   * The smeared reading at a UTC reading, around one given leap second (identity outside its window).
   *
   * @param utc the UTC reading; 23:59:60 only as this (positive) leap second
   * @param leap the leap second
   * @return the smeared reading
   * @throws IllegalArgumentException if {@code utc} is a leap-second reading that is not {@code leap}
   * @throws TimeScaleException with reason {@link TimeScaleException.Reason#IN_LEAP_SECOND} if
   *     {@code utc} is the second deleted by a negative {@code leap}
   */
  public Instant toSmeared(UtcReading utc, LeapSecondTable.LeapSecond leap) {
    checkNotNull(utc, "utc");
    checkNotNull(leap, "leap");
    Instant i = utc.instant();
    Instant end = leap.end();
    checkArgument(!utc.leapSecond() || (leap.step() > 0 && i.getEpochSecond() == end.getEpochSecond() - 1),
        "%s is not the leap second %s", utc, leap);
    Instant start = windowStart(leap);
    if (i.isBefore(start) || !i.isBefore(windowEnd(leap))) {
      return i;
    }
    long d = nanosBetween(start, i);
    long u;
    if (leap.step() > 0) {
      u = utc.leapSecond() || !i.isBefore(end) ? d + NANOS_PER_SECOND : d;
    } else if (!i.isBefore(end)) {
      u = d - NANOS_PER_SECOND;
    } else if (i.getEpochSecond() == end.getEpochSecond() - 1) {
      throw new TimeScaleException(TimeScaleException.Reason.IN_LEAP_SECOND, i,
          i + " was deleted by the negative leap second of " + leap.day() + " and does not exist in UTC");
    } else {
      u = d;
    }
    long nominal = secondsBefore + secondsAfter;
    return start.plusNanos(smearNanos(u, nominal, nominal + leap.step()));
  }

  /**
   * The UTC reading at a smeared reading, around one given leap second (identity outside its window).
   *
   * @param smeared the smeared reading
   * @param leap the leap second
   * @return the UTC reading, {@link UtcReading#leapSecond()} inside an inserted 23:59:60
   */
  public UtcReading toUtc(Instant smeared, LeapSecondTable.LeapSecond leap) {
    checkNotNull(smeared, "smeared");
    checkNotNull(leap, "leap");
    Instant start = windowStart(leap);
    if (smeared.isBefore(start) || !smeared.isBefore(windowEnd(leap))) {
      return UtcReading.of(smeared);
    }
    long nominal = secondsBefore + secondsAfter;
    long u = unsmearNanos(nanosBetween(start, smeared), nominal, nominal + leap.step());
    long leapStart = (secondsBefore - 1) * NANOS_PER_SECOND;
    if (u < leapStart + (leap.step() > 0 ? NANOS_PER_SECOND : 0)) {
      return UtcReading.of(start.plusNanos(u));
    }
    if (leap.step() < 0) {
      return UtcReading.of(start.plusNanos(u + NANOS_PER_SECOND));
    }
    Instant label = start.plusNanos(u - NANOS_PER_SECOND);
    return new UtcReading(label, u < leapStart + 2 * NANOS_PER_SECOND);
  }

  /**
   * The smeared reading at a UTC reading, with the leap seconds of a table (strict about its expiry).
   *
   * @param utc the UTC reading
   * @param table the leap-second table
   * @return the smeared reading
   * @throws TimeScaleException if the table cannot tell whether a window covers {@code utc}
   *     ({@link TimeScaleException.Reason#TABLE_EXPIRED}), or {@code utc} is 23:59:60 of a day
   *     without a leap second or a deleted second ({@link TimeScaleException.Reason#IN_LEAP_SECOND})
   */
  public Instant toSmeared(UtcReading utc, LeapSecondTable table) {
    return toSmeared(utc, table, ExpiryPolicy.STRICT).value();
  }

  /**
   * The smeared reading at a UTC reading, with the leap seconds of a table, under an expiry policy.
   * The answer is marked {@link LeapAnswer#assumed()} only when a leap second after the table's
   * expiry could have a window covering {@code utc}.
   *
   * @param utc the UTC reading
   * @param table the leap-second table
   * @param policy what to do when the table cannot tell
   * @return the smeared reading
   * @throws TimeScaleException as {@link #toSmeared(UtcReading, LeapSecondTable)}, past the expiry
   *     only under {@link ExpiryPolicy#STRICT}
   */
  public LeapAnswer<Instant> toSmeared(UtcReading utc, LeapSecondTable table, ExpiryPolicy policy) {
    checkNotNull(utc, "utc");
    Lookup lookup = lookup(utc.instant(), table, policy);
    if (lookup.leap != null) {
      return new LeapAnswer<>(toSmeared(utc, lookup.leap), false);
    }
    if (utc.leapSecond()) {
      throw new TimeScaleException(TimeScaleException.Reason.IN_LEAP_SECOND, utc.instant(),
          utc + " is not a leap second of the table");
    }
    return new LeapAnswer<>(utc.instant(), lookup.assumed);
  }

  /**
   * The UTC reading at a smeared reading, with the leap seconds of a table (strict about its expiry).
   *
   * @param smeared the smeared reading
   * @param table the leap-second table
   * @return the UTC reading
   * @throws TimeScaleException with reason {@link TimeScaleException.Reason#TABLE_EXPIRED} if the
   *     table cannot tell whether a window covers {@code smeared}
   */
  public UtcReading toUtc(Instant smeared, LeapSecondTable table) {
    return toUtc(smeared, table, ExpiryPolicy.STRICT).value();
  }

  /**
   * The UTC reading at a smeared reading, with the leap seconds of a table, under an expiry policy.
   *
   * @param smeared the smeared reading
   * @param table the leap-second table
   * @param policy what to do when the table cannot tell
   * @return the UTC reading, marked if it rests on the assumption that no leap second follows the expiry
   * @throws TimeScaleException as {@link #toUtc(Instant, LeapSecondTable)}, only under
   *     {@link ExpiryPolicy#STRICT}
   */
  public LeapAnswer<UtcReading> toUtc(Instant smeared, LeapSecondTable table, ExpiryPolicy policy) {
    checkNotNull(smeared, "smeared");
    Lookup lookup = lookup(smeared, table, policy);
    return lookup.leap != null
        ? new LeapAnswer<>(toUtc(smeared, lookup.leap), false)
        : new LeapAnswer<>(UtcReading.of(smeared), lookup.assumed);
  }

  /** The leap second whose window may cover a label, or none (and whether "none" is assumed). */
  private record Lookup(LeapSecondTable.LeapSecond leap, boolean assumed) {}

  private Lookup lookup(Instant label, LeapSecondTable table, ExpiryPolicy policy) {
    checkNotNull(table, "table");
    checkNotNull(policy, "policy");
    // A window [end - before, end + after) covers the label only for a leap second ending at the
    // first month start after label - after; windows are shorter than a month, so there is one.
    LocalDate day = LocalDate.ofInstant(label.minusSeconds(secondsAfter), ZoneOffset.UTC);
    Instant monthStart = day.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    if (monthStart.minusSeconds(secondsBefore).isAfter(label)) {
      return new Lookup(null, false);
    }
    List<LeapSecondTable.LeapSecond> leaps = table.leapSeconds();
    for (int i = leaps.size() - 1; i >= 0 && !leaps.get(i).end().isBefore(monthStart); i--) {
      if (leaps.get(i).end().equals(monthStart)) {
        return new Lookup(leaps.get(i), false);
      }
    }
    if (!monthStart.isAfter(table.expires())) {
      return new Lookup(null, false);
    }
    if (policy == ExpiryPolicy.STRICT) {
      throw new TimeScaleException(TimeScaleException.Reason.TABLE_EXPIRED, label,
          label + " may be inside a " + id + " window of a leap second at " + monthStart
              + ", after the table's expiry " + table.expires());
    }
    return new Lookup(null, true);
  }

  /** Smeared nanoseconds since the window start after {@code u} elapsed SI nanoseconds. */
  static long smearNanos(long u, long nominalSeconds, long realSeconds) {
    return Math.floorDiv(Math.multiplyExact(u, nominalSeconds), realSeconds);
  }

  /** Elapsed SI nanoseconds since the window start at {@code s} smeared nanoseconds. */
  static long unsmearNanos(long s, long nominalSeconds, long realSeconds) {
    return -Math.floorDiv(-Math.multiplyExact(s, realSeconds), nominalSeconds);
  }

  private static long nanosBetween(Instant from, Instant to) {
    return (to.getEpochSecond() - from.getEpochSecond()) * NANOS_PER_SECOND + (to.getNano() - from.getNano());
  }
}
