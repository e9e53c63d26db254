package org.ntpclock.epoch;

import static com.google.common.base.Preconditions.checkNotNull;

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
    checkNotNull(utc, "utc");
    if (this == UTC) {
      return 0;
    }
    checkNotNull(table, "table");
    return table.taiMinusUtc(utc) - behindTai;
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
    checkNotNull(utc, "utc");
    if (this == UTC) {
      return utc;
    }
    checkNotNull(table, "table");
    return table.utcToTai(utc).minusSeconds(behindTai);
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
    checkNotNull(reading, "reading");
    if (this == UTC) {
      return UtcReading.of(reading);
    }
    checkNotNull(table, "table");
    return table.taiToUtc(reading.plusSeconds(behindTai));
  }
}
