package org.ntpclock.epoch;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * A conversion between UTC and a leap-second-counting scale cannot be made: the instant lies
 * before the leap-second table's first entry, at or after its expiry, or (UTC to
 * {@link Instant}) inside an inserted leap second, which {@link Instant} cannot express.
 */
public final class TimeScaleException extends DateTimeException {
  private static final long serialVersionUID = 1L;

  /** Why the conversion failed. */
  public enum Reason {
    /** The instant is before the table's first entry (1972-01-01 for the IERS file). */
    BEFORE_TABLE,
    /**
     * The instant is at or after the table's expiry: a leap second may have been announced that
     * the table does not know. Load a newer table.
     */
    TABLE_EXPIRED,
    /** The time falls inside an inserted leap second (23:59:60); use {@link UtcReading}. */
    IN_LEAP_SECOND
  }

  /** Why the conversion failed. */
  private final Reason reason;
  /** The instant concerned. */
  private final Instant instant;

  /**
   * A failed conversion.
   *
   * @param reason why
   * @param instant the instant concerned (UTC, or the scale reading for {@link Reason#IN_LEAP_SECOND})
   * @param message a human-readable message
   */
  public TimeScaleException(Reason reason, Instant instant, String message) {
    super(reason + ": " + message);
    this.reason = reason;
    this.instant = instant;
  }

  /**
   * Why the conversion failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The instant concerned.
   *
   * @return the instant
   */
  public Instant instant() {
    return instant;
  }
}
