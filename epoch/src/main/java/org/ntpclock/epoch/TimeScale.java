package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * Whether a clock counts leap seconds. Kept apart from {@link Epoch} (where a count starts): UTC
 * repeats or skips a second at a leap second, TAI and GPS time run on without them.
 *
 * <p>A reading on a scale is expressed as an {@link Instant} whose date and time fields are what a
 * clock on that scale shows (a TAI clock showed 2017-01-01T00:00:37 when UTC turned 2017). UTC
 * readings are plain instants. TAI and GPS readings are related to UTC only through a
 * {@link LeapSecondTable}; the single built-in constant is the definition of GPS time,
 * TAI&minus;GPS = {@value #TAI_MINUS_GPS_SECONDS} s.
 */
public enum TimeScale {
  /** Coordinated Universal Time: civil time, with leap seconds. */
  UTC(0),
  /** International Atomic Time: continuous; TAI&minus;UTC comes from the leap-second table. */
  TAI(0),
  /** GPS time: continuous, TAI&minus;19 s, equal to UTC at the GPS epoch 1980-01-06. */
  GPS(TimeScale.TAI_MINUS_GPS_SECONDS);

  /** TAI&minus;GPS in seconds, constant by the definition of GPS time. */
  public static final int TAI_MINUS_GPS_SECONDS = 19;

  private final int behindTai;

  TimeScale(int behindTai) {
    this.behindTai = behindTai;
  }

  /**
   * How far this scale is ahead of UTC at a UTC instant: 0 for UTC, TAI&minus;UTC for TAI,
   * TAI&minus;UTC&minus;19 for GPS (18 s since 2017-01-01).
   *
   * @param utc the UTC instant
   * @param table the leap-second table (not consulted for {@link #UTC})
   * @return the offset in seconds
   * @throws TimeScaleException if {@code utc} is outside the table (see
   *     {@link LeapSecondTable#taiMinusUtc(Instant)})
   */
  public int minusUtc(Instant utc, LeapSecondTable table) {
    return minusUtc(utc, table, ExpiryPolicy.STRICT).value();
  }

  /**
   * How far this scale is ahead of UTC at a UTC instant, under an expiry policy.
   *
   * @param utc the UTC instant
   * @param table the leap-second table (not consulted for {@link #UTC})
   * @param policy what to do at or after the table's expiry
   * @return the offset in seconds, marked if it rests on the assumption
   * @throws TimeScaleException if {@code utc} is before the table, or at or after its expiry under
   *     {@link ExpiryPolicy#STRICT}
   */
  public LeapAnswer<Integer> minusUtc(Instant utc, LeapSecondTable table, ExpiryPolicy policy) {
    checkNotNull(utc, "utc");
    checkNotNull(policy, "policy");
    if (this == UTC) {
      return new LeapAnswer<>(0, false);
    }
    checkNotNull(table, "table");
    LeapAnswer<Integer> tai = table.taiMinusUtc(utc, policy);
    return new LeapAnswer<>(tai.value() - behindTai, tai.assumed());
  }

  /**
   * The reading on this scale at a UTC instant (exact; nanoseconds are kept).
   *
   * @param utc the UTC instant
   * @param table the leap-second table (not consulted for {@link #UTC})
   * @return the reading on this scale
   * @throws TimeScaleException if {@code utc} is outside the table, or is a second deleted by a
   *     negative leap second ({@link TimeScaleException.Reason#IN_LEAP_SECOND})
   */
  public Instant fromUtc(Instant utc, LeapSecondTable table) {
    return fromUtc(utc, table, ExpiryPolicy.STRICT).value();
  }

  /**
   * The reading on this scale at a UTC instant, under an expiry policy.
   *
   * @param utc the UTC instant
   * @param table the leap-second table (not consulted for {@link #UTC})
   * @param policy what to do at or after the table's expiry
   * @return the reading, marked if it rests on the assumption
   * @throws TimeScaleException as {@link #fromUtc(Instant, LeapSecondTable)}, but past the expiry
   *     only under {@link ExpiryPolicy#STRICT}
   */
  public LeapAnswer<Instant> fromUtc(Instant utc, LeapSecondTable table, ExpiryPolicy policy) {
    checkNotNull(utc, "utc");
    checkNotNull(policy, "policy");
    if (this == UTC) {
      return new LeapAnswer<>(utc, false);
    }
    checkNotNull(table, "table");
    LeapAnswer<Instant> tai = table.utcToTai(utc, policy);
    return new LeapAnswer<>(tai.value().minusSeconds(behindTai), tai.assumed());
  }

  /**
   * The UTC reading at a reading on this scale (exact). A reading inside an inserted leap second
   * yields a {@link UtcReading} with {@link UtcReading#leapSecond()} set instead of colliding with
   * 23:59:59.
   *
   * @param reading the reading on this scale
   * @param table the leap-second table (not consulted for {@link #UTC})
   * @return the UTC reading
   * @throws TimeScaleException if the reading is before the table's first entry or the UTC result
   *     is at or after the table's expiry
   */
  public UtcReading toUtc(Instant reading, LeapSecondTable table) {
    return toUtc(reading, table, ExpiryPolicy.STRICT).value();
  }

  /**
   * The UTC reading at a reading on this scale, under an expiry policy.
   *
   * @param reading the reading on this scale
   * @param table the leap-second table (not consulted for {@link #UTC})
   * @param policy what to do when the UTC result is at or after the table's expiry
   * @return the UTC reading, marked if it rests on the assumption
   * @throws TimeScaleException as {@link #toUtc(Instant, LeapSecondTable)}, but past the expiry
   *     only under {@link ExpiryPolicy#STRICT}
   */
  public LeapAnswer<UtcReading> toUtc(Instant reading, LeapSecondTable table, ExpiryPolicy policy) {
    checkNotNull(reading, "reading");
    checkNotNull(policy, "policy");
    if (this == UTC) {
      return new LeapAnswer<>(UtcReading.of(reading), false);
    }
    checkNotNull(table, "table");
    return table.taiToUtc(reading.plusSeconds(behindTai), policy);
  }
}
