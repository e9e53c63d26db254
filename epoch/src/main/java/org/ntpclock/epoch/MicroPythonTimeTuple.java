package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The 8-tuple of MicroPython's {@code time.gmtime()} and {@code time.localtime()}, which
 * {@code time.mktime()} accepts back: (year, month, mday, hour, minute, second, weekday, yearday).
 *
 * <p>Every field is validated, and so is its consistency with the date: weekday and yearday must
 * be those of year-month-mday. Conversions to and from {@link Instant} treat the fields as UTC
 * (what {@code gmtime} returns; {@code localtime} on a device that keeps local time yields the
 * local fields, to be interpreted by the caller). Sub-second parts are truncated.
 *
 * @param year 1..9999 (MicroPython guarantees 1970..2099 on all ports since v1.26)
 * @param month 1..12
 * @param mday day of month, 1..28/29/30/31 as the month has
 * @param hour 0..23
 * @param minute 0..59
 * @param second 0..59
 * @param weekday 0..6, 0 = Monday
 * @param yearday day of the year, 1..365/366
 */
public record MicroPythonTimeTuple(
    int year, int month, int mday, int hour, int minute, int second, int weekday, int yearday) {
  /**
   * Validates every field.
   *
    * @param year 1..9999
    * @param month 1..12
    * @param mday 1..length of the month
    * @param hour 0..23
    * @param minute 0..59
    * @param second 0..59
    * @param weekday 0..6, 0 = Monday
    * @param yearday 1..length of the year
   * @throws IllegalArgumentException naming the first invalid field
   */
  public MicroPythonTimeTuple {
    TupleFields.check("year", year, TupleFields.MIN_YEAR, TupleFields.MAX_YEAR);
    TupleFields.check("month", month, 1, 12);
    TupleFields.check("mday", mday, 1, LocalDate.of(year, month, 1).lengthOfMonth());
    TupleFields.check("hour", hour, 0, 23);
    TupleFields.check("minute", minute, 0, 59);
    TupleFields.check("second", second, 0, 59);
    TupleFields.check("weekday", weekday, 0, 6);
    LocalDate date = LocalDate.of(year, month, mday);
    TupleFields.check("yearday", yearday, 1, date.lengthOfYear());
    int expectedWeekday = date.getDayOfWeek().getValue() - 1;
    checkArgument(weekday == expectedWeekday,
        "weekday %s does not match %s (a %s, weekday %s)", weekday, date, date.getDayOfWeek(), expectedWeekday);
    checkArgument(yearday == date.getDayOfYear(),
        "yearday %s does not match %s (yearday %s)", yearday, date, date.getDayOfYear());
  }

  /**
   * The tuple of a UTC instant, as {@code time.gmtime(secs)} computes it (sub-second part dropped).
   *
   * @param instant an instant in years 1..9999
   * @return the tuple
   * @throws IllegalArgumentException if the year is out of range
   */
  public static MicroPythonTimeTuple fromInstant(Instant instant) {
    checkNotNull(instant, "instant");
    return of(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC));
  }

  /**
   * The tuple of a port's time, as {@code time.gmtime(secs)} computes it on that port.
   *
   * @param seconds seconds since the port's epoch
   * @param epoch the port's epoch
   * @return the tuple
   * @throws IllegalArgumentException if the year is out of range
   */
  public static MicroPythonTimeTuple fromSeconds(long seconds, MicroPythonEpoch epoch) {
    checkNotNull(epoch, "epoch");
    return fromInstant(epoch.toInstant(seconds));
  }

  /**
   * The tuple of a date-time, with weekday and yearday computed.
   *
   * @param dateTime the date-time (nanoseconds dropped)
   * @return the tuple
   * @throws IllegalArgumentException if the year is out of range
   */
  public static MicroPythonTimeTuple of(LocalDateTime dateTime) {
    checkNotNull(dateTime, "dateTime");
    TupleFields.check("year", dateTime.getYear(), TupleFields.MIN_YEAR, TupleFields.MAX_YEAR);
    return new MicroPythonTimeTuple(dateTime.getYear(), dateTime.getMonthValue(), dateTime.getDayOfMonth(),
        dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond(),
        dateTime.getDayOfWeek().getValue() - 1, dateTime.getDayOfYear());
  }

  /**
   * The tuple from its eight values in MicroPython order.
   *
   * @param values (year, month, mday, hour, minute, second, weekday, yearday)
   * @return the tuple
   * @throws IllegalArgumentException if there are not exactly eight values or a field is invalid
   */
  public static MicroPythonTimeTuple fromArray(int... values) {
    checkNotNull(values, "values");
    checkArgument(values.length == 8, "a time tuple has 8 items, got %s", values.length);
    return new MicroPythonTimeTuple(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
  }

  /**
   * The eight values in MicroPython order.
   *
   * @return a new array (year, month, mday, hour, minute, second, weekday, yearday)
   */
  public int[] toArray() {
    return new int[] {year, month, mday, hour, minute, second, weekday, yearday};
  }

  /**
   * The date-time of the fields.
   *
   * @return the date-time
   */
  public LocalDateTime toLocalDateTime() {
    return LocalDateTime.of(year, month, mday, hour, minute, second);
  }

  /**
   * The instant of the fields read as UTC, as {@code time.mktime()} on a UTC device.
   *
   * @return the instant
   */
  public Instant toInstant() {
    return toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  /**
   * The port's time of the fields read as UTC, as {@code time.mktime()} returns on that port.
   *
   * @param epoch the port's epoch
   * @return seconds since the port's epoch
   */
  public long toSeconds(MicroPythonEpoch epoch) {
    checkNotNull(epoch, "epoch");
    return epoch.toSeconds(toInstant());
  }

  /**
   * The tuple as MicroPython prints it, e.g. {@code (2024, 1, 1, 0, 0, 0, 0, 1)}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return TupleFields.format(toArray());
  }
}
