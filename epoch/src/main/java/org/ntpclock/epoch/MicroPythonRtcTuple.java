package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The 8-tuple of MicroPython's {@code machine.RTC().datetime()}: (year, month, day, weekday, hours,
 * minutes, seconds, subseconds), plus the port's weekday numbering, which differs between ports.
 *
 * <p>Every field is validated, and the weekday must be that of the date. Subseconds are
 * hardware-dependent (stm32 counts down 255..0; many ports report 0) and are carried unchanged
 * but not interpreted: conversions to {@link Instant} truncate to the second, conversions from an
 * instant set them to 0, as MicroPython's {@code ntptime.settime()} does.
 *
 * @param year 1..9999
 * @param month 1..12
 * @param day day of month, 1..28/29/30/31 as the month has
 * @param weekday Monday..Sunday as 0..6 or 1..7, per {@code weekdayBase}
 * @param hours 0..23
 * @param minutes 0..59
 * @param seconds 0..59
 * @param subseconds 0 or more, in the port's own unit
 * @param weekdayBase how the port numbers Monday
 */
public record MicroPythonRtcTuple(
    int year, int month, int day, int weekday, int hours, int minutes, int seconds, int subseconds,
    WeekdayBase weekdayBase) {

  /** How a port numbers the weekday in {@code RTC.datetime()}. */
  public enum WeekdayBase {
    /** Monday = 0 .. Sunday = 6, as {@code time.gmtime()} does. */
    MONDAY_IS_0(0),
    /** Monday = 1 .. Sunday = 7, as pyb/stm32 documents and {@code ntptime.settime()} writes. */
    MONDAY_IS_1(1);

    private final int monday;

    WeekdayBase(int monday) {
      this.monday = monday;
    }

    /**
     * The number of Monday.
     *
     * @return 0 or 1
     */
    public int monday() {
      return monday;
    }
  }

  /**
   * Validates every field.
   *
    * @param year 1..9999
    * @param month 1..12
    * @param day 1..length of the month
    * @param weekday 0..6 or 1..7 per the base
    * @param hours 0..23
    * @param minutes 0..59
    * @param seconds 0..59
    * @param subseconds 0 or more
    * @param weekdayBase the weekday numbering
   * @throws IllegalArgumentException naming the first invalid field
   * @throws NullPointerException if {@code weekdayBase} is null
   */
  public MicroPythonRtcTuple {
    checkNotNull(weekdayBase, "weekdayBase");
    TupleFields.check("year", year, TupleFields.MIN_YEAR, TupleFields.MAX_YEAR);
    TupleFields.check("month", month, 1, 12);
    TupleFields.check("day", day, 1, LocalDate.of(year, month, 1).lengthOfMonth());
    TupleFields.check("weekday", weekday, weekdayBase.monday(), weekdayBase.monday() + 6);
    TupleFields.check("hours", hours, 0, 23);
    TupleFields.check("minutes", minutes, 0, 59);
    TupleFields.check("seconds", seconds, 0, 59);
    TupleFields.check("subseconds", subseconds, 0, Integer.MAX_VALUE);
    LocalDate date = LocalDate.of(year, month, day);
    int expected = date.getDayOfWeek().getValue() - 1 + weekdayBase.monday();
    checkArgument(weekday == expected,
        "weekday %s does not match %s (a %s, weekday %s with %s)", weekday, date, date.getDayOfWeek(), expected, weekdayBase);
  }

  /**
   * The tuple of a UTC instant, subseconds 0.
   *
   * @param instant an instant in years 1..9999
   * @param weekdayBase the port's weekday numbering
   * @return the tuple
   * @throws IllegalArgumentException if the year is out of range
   */
  public static MicroPythonRtcTuple fromInstant(Instant instant, WeekdayBase weekdayBase) {
    checkNotNull(instant, "instant");
    return of(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC), 0, weekdayBase);
  }

  /**
   * The tuple of a date-time, with the weekday computed.
   *
   * @param dateTime the date-time (nanoseconds dropped)
   * @param subseconds the subseconds field, 0 or more
   * @param weekdayBase the port's weekday numbering
   * @return the tuple
   * @throws IllegalArgumentException if a field is out of range
   */
  public static MicroPythonRtcTuple of(LocalDateTime dateTime, int subseconds, WeekdayBase weekdayBase) {
    checkNotNull(dateTime, "dateTime");
    checkNotNull(weekdayBase, "weekdayBase");
    TupleFields.check("year", dateTime.getYear(), TupleFields.MIN_YEAR, TupleFields.MAX_YEAR);
    return new MicroPythonRtcTuple(dateTime.getYear(), dateTime.getMonthValue(), dateTime.getDayOfMonth(),
        dateTime.getDayOfWeek().getValue() - 1 + weekdayBase.monday(),
        dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond(), subseconds, weekdayBase);
  }

  /**
   * The RTC tuple that {@code ntptime.settime()}-style code writes for a {@code time.gmtime()} tuple
   * (weekday renumbered to the base, subseconds 0).
   *
   * @param time the time tuple
   * @param weekdayBase the port's weekday numbering
   * @return the RTC tuple
   */
  public static MicroPythonRtcTuple fromTimeTuple(MicroPythonTimeTuple time, WeekdayBase weekdayBase) {
    checkNotNull(time, "time");
    return of(time.toLocalDateTime(), 0, weekdayBase);
  }

  /**
   * The tuple from its eight values in MicroPython order.
   *
   * @param weekdayBase the port's weekday numbering
   * @param values (year, month, day, weekday, hours, minutes, seconds, subseconds)
   * @return the tuple
   * @throws IllegalArgumentException if there are not exactly eight values or a field is invalid
   */
  public static MicroPythonRtcTuple fromArray(WeekdayBase weekdayBase, int... values) {
    checkNotNull(values, "values");
    checkArgument(values.length == 8, "an RTC datetime tuple has 8 items, got %s", values.length);
    return new MicroPythonRtcTuple(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
        values[7], weekdayBase);
  }

  /**
   * The eight values in MicroPython order.
   *
   * @return a new array (year, month, day, weekday, hours, minutes, seconds, subseconds)
   */
  public int[] toArray() {
    return new int[] {year, month, day, weekday, hours, minutes, seconds, subseconds};
  }

  /**
   * The date-time of the fields (subseconds not interpreted).
   *
   * @return the date-time
   */
  public LocalDateTime toLocalDateTime() {
    return LocalDateTime.of(year, month, day, hours, minutes, seconds);
  }

  /**
   * The instant of the fields read as UTC, truncated to the second.
   *
   * @return the instant
   */
  public Instant toInstant() {
    return toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  /**
   * The {@code time.gmtime()} tuple of the same second.
   *
   * @return the time tuple
   */
  public MicroPythonTimeTuple toTimeTuple() {
    return MicroPythonTimeTuple.of(toLocalDateTime());
  }

  /**
   * The tuple as MicroPython prints it, e.g. {@code (2024, 1, 1, 1, 0, 0, 0, 0)}, with the base.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return TupleFields.format(toArray()) + " " + weekdayBase;
  }
}
