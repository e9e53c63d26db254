package org.ntpclock.epoch.nmea;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.ntpclock.epoch.UtcReading;

/**
 * Decodes the time from NMEA 0183 sentences, one line at a time, as a receiver sends them.
 *
 * <p>Sentences: RMC (time, status, date with a two-digit year), ZDA (time and a four-digit-year
 * date), GGA, GNS and GLL (time of day only), from any talker. Proprietary ({@code $P…}), unknown
 * and encapsulated ({@code !…}) sentences are framed and checked, then skipped. Times with or
 * without a fraction are accepted, and 23:59:60 in the last minute of a day (an inserted leap
 * second; the reading then says {@link UtcReading#leapSecond()}).
 *
 * <p>Dates are resolved against a reference instant {@code near} (a build date or a clock known to
 * be roughly right):
 * <ul>
 *   <li>a two-digit year is put in the century that brings it nearest the reference year (ties go
 *       to the later century), so {@code 00} with a reference in 1999 is 2000 and with a reference
 *       in 2099 is 2100;
 *   <li>then, like gpsd, a date more than half a GPS week period (512 weeks, about 9.8 years) before
 *       the reference is taken as the 1024-week rollover bug of receivers that assume a fixed week
 *       era, and moved forward by whole 1024-week periods (7168 days) to the nearest the
 *       reference; {@link NmeaTime#rolloverCorrected()} says so. A date after the reference is
 *       never moved.
 * </ul>
 * A time-only sentence takes its date from the last RMC or ZDA decoded, moved on by a day when its
 * time of day is more than twelve hours before the previous time (midnight passed).
 *
 * <p>Validity: RMC and GLL need status {@code A} and, when present, a mode indicator other than
 * {@code N} (none), {@code E} (dead reckoning), {@code M} (manual) or {@code S} (simulator); GGA a
 * quality of 1 to 5; GNS a mode with at least one of {@code A D P R F}. A sentence without a valid
 * fix gives no time. The first sentence with a valid fix from a receiver can still be wrong: a
 * time source should wait for several that agree.
 *
 * <p>Not thread-safe: one decoder follows one receiver's stream.
 */
public final class NmeaDecoder {
  /** One GPS week-number period of a 10-bit week: 1024 weeks. */
  public static final Duration ROLLOVER_PERIOD = Duration.ofDays(1024L * 7);
  private static final long PERIOD_SECONDS = ROLLOVER_PERIOD.getSeconds();
  private static final long SECONDS_PER_DAY = 86_400L;

  private final Instant near;
  private final int maxLength;
  private LocalDate lastDate;
  private boolean lastDateCorrected;
  private int lastSecondOfDay = -1;

  private NmeaDecoder(Instant near, int maxLength) {
    this.near = near;
    this.maxLength = maxLength;
  }

  /**
   * A decoder with the standard 82-character limit.
   *
   * @param near the reference instant for two-digit years and rollover correction
   * @return the decoder
   */
  public static NmeaDecoder near(Instant near) {
    return near(near, NmeaSentence.STANDARD_MAX_LENGTH);
  }

  /**
   * A decoder with another line length limit: some receivers (Trimble's high-precision ones among
   * them) send longer sentences than the standard allows, which gpsd accepts.
   *
   * @param near the reference instant for two-digit years and rollover correction
   * @param maxLength the longest line accepted, counting CR LF, at least 8
   * @return the decoder
   * @throws IllegalArgumentException if {@code maxLength} is below 8
   */
  public static NmeaDecoder near(Instant near, int maxLength) {
    checkNotNull(near, "near");
    checkArgument(maxLength >= 8, "maxLength below 8: %s", maxLength);
    return new NmeaDecoder(near, maxLength);
  }

  /**
   * The reference instant.
   *
   * @return the instant dates are resolved against
   */
  public Instant reference() {
    return near;
  }

  /**
   * Decodes one line.
   *
   * @param line the line, with or without CR LF
   * @param lineNumber the 1-based line number for the result and errors
   * @return the time, or empty for a proprietary, unknown or encapsulated sentence
   * @throws NmeaException if the line is not a well-formed sentence, or a time or date is malformed
   */
  public Optional<NmeaTime> decode(CharSequence line, int lineNumber) throws NmeaException {
    NmeaSentence s = NmeaSentence.parse(line, lineNumber, maxLength);
    return decode(s, lineNumber);
  }

  /**
   * Decodes a framed sentence.
   *
   * @param s the sentence
   * @param lineNumber the 1-based line number for the result and errors
   * @return the time, or empty for a proprietary, unknown or encapsulated sentence
   * @throws NmeaException if a time or date is malformed, or a field is missing
   */
  public Optional<NmeaTime> decode(NmeaSentence s, int lineNumber) throws NmeaException {
    if (s.start() != '$' || s.isProprietary()) {
      return Optional.empty();
    }
    switch (s.type()) {
      case "RMC":
        return Optional.of(rmc(s, lineNumber));
      case "ZDA":
        return Optional.of(zda(s, lineNumber));
      case "GGA":
        require(s, lineNumber, 6);
        return Optional.of(timeOnly(s, lineNumber, 0, ggaValid(s)));
      case "GNS":
        require(s, lineNumber, 6);
        return Optional.of(timeOnly(s, lineNumber, 0, gnsValid(s)));
      case "GLL":
        require(s, lineNumber, 6);
        return Optional.of(timeOnly(s, lineNumber, 4, gllValid(s)));
      default:
        return Optional.empty();
    }
  }

  private NmeaTime rmc(NmeaSentence s, int line) throws NmeaException {
    require(s, line, 9);
    List<String> f = s.fields();
    boolean valid = "A".equals(f.get(1)) && (f.size() < 12 || modeValid(f.get(11)));
    int tod = secondOfDay(s, line, 0);
    int nanos = nanos(s, 0);
    LocalDate date = null;
    String d = f.get(8);
    if (!d.isEmpty()) {
      if (d.length() != 6 || !digits(d)) {
        throw new NmeaException(NmeaException.Reason.BAD_DATE, line, s.column(8), "RMC date '" + d + "' is not ddmmyy");
      }
      int year = resolveTwoDigitYear(Integer.parseInt(d.substring(4, 6)));
      date = date(s, line, 8, year, Integer.parseInt(d.substring(2, 4)), Integer.parseInt(d.substring(0, 2)));
    }
    return dated(s, line, valid, date, tod, nanos);
  }

  private NmeaTime zda(NmeaSentence s, int line) throws NmeaException {
    require(s, line, 4);
    List<String> f = s.fields();
    int tod = secondOfDay(s, line, 0);
    int nanos = nanos(s, 0);
    LocalDate date = null;
    if (!f.get(1).isEmpty() || !f.get(2).isEmpty() || !f.get(3).isEmpty()) {
      for (int i = 1; i <= 3; i++) {
        if (!digits(f.get(i)) || f.get(i).length() != (i == 3 ? 4 : 2)) {
          throw new NmeaException(NmeaException.Reason.BAD_DATE, line, s.column(i),
              "ZDA date field '" + f.get(i) + "' is not " + (i == 3 ? "a four-digit year" : "two digits"));
        }
      }
      date = date(s, line, 1, Integer.parseInt(f.get(3)), Integer.parseInt(f.get(2)), Integer.parseInt(f.get(1)));
    }
    return dated(s, line, tod >= 0 && date != null, date, tod, nanos);
  }

  private NmeaTime dated(NmeaSentence s, int line, boolean valid, LocalDate date, int tod, int nanos) {
    if (tod < 0) {
      return new NmeaTime(line, s.talker(), s.type(), Optional.empty(), false, false);
    }
    boolean corrected = false;
    if (date != null) {
      LocalDate fixed = correctRollover(date, tod);
      corrected = !fixed.equals(date);
      if (valid) {
        lastDate = fixed;
        lastDateCorrected = corrected;
        lastSecondOfDay = tod;
      }
      date = fixed;
    }
    Optional<UtcReading> time = valid && date != null ? Optional.of(reading(date, tod, nanos)) : Optional.empty();
    return new NmeaTime(line, s.talker(), s.type(), time, valid, valid && corrected);
  }

  private NmeaTime timeOnly(NmeaSentence s, int line, int timeField, boolean valid) throws NmeaException {
    int tod = secondOfDay(s, line, timeField);
    int nanos = nanos(s, timeField);
    if (tod < 0 || !valid || lastDate == null) {
      return new NmeaTime(line, s.talker(), s.type(), Optional.empty(), valid && tod >= 0, false);
    }
    LocalDate date = lastDate;
    if (tod < lastSecondOfDay - SECONDS_PER_DAY / 2) {
      date = date.plusDays(1);
    } else if (tod > lastSecondOfDay + SECONDS_PER_DAY / 2) {
      date = date.minusDays(1);
    }
    lastDate = date;
    lastSecondOfDay = tod;
    return new NmeaTime(line, s.talker(), s.type(), Optional.of(reading(date, tod, nanos)), true, lastDateCorrected);
  }

  private static UtcReading reading(LocalDate date, int tod, int nanos) {
    boolean leap = tod == SECONDS_PER_DAY;
    long second = date.toEpochDay() * SECONDS_PER_DAY + (leap ? tod - 1 : tod);
    return new UtcReading(Instant.ofEpochSecond(second, nanos), leap);
  }

  private int resolveTwoDigitYear(int yy) {
    int refYear = LocalDateTime.ofEpochSecond(near.getEpochSecond(), 0, ZoneOffset.UTC).getYear();
    int candidate = Math.floorDiv(refYear, 100) * 100 + yy;
    if (candidate - refYear > 50) {
      candidate -= 100;
    } else if (refYear - candidate >= 50) {
      candidate += 100;
    }
    return candidate;
  }

  private LocalDate correctRollover(LocalDate date, int tod) {
    long t = date.toEpochDay() * SECONDS_PER_DAY + Math.min(tod, SECONDS_PER_DAY - 1);
    long behind = near.getEpochSecond() - t;
    if (behind <= PERIOD_SECONDS / 2) {
      return date;
    }
    long periods = Math.floorDiv(behind + PERIOD_SECONDS / 2, PERIOD_SECONDS);
    return date.plusDays(periods * 1024 * 7);
  }

  private static boolean modeValid(String mode) {
    return mode.isEmpty() || "ADPRF".indexOf(mode.charAt(0)) >= 0 && mode.length() == 1;
  }

  private static boolean ggaValid(NmeaSentence s) {
    String q = s.fields().size() > 5 ? s.fields().get(5) : "";
    return q.length() == 1 && q.charAt(0) >= '1' && q.charAt(0) <= '5';
  }

  private static boolean gnsValid(NmeaSentence s) {
    String mode = s.fields().size() > 5 ? s.fields().get(5) : "";
    return mode.chars().anyMatch(c -> "ADPRF".indexOf(c) >= 0);
  }

  private static boolean gllValid(NmeaSentence s) {
    List<String> f = s.fields();
    return "A".equals(f.get(5)) && (f.size() < 7 || modeValid(f.get(6)));
  }

  private static void require(NmeaSentence s, int line, int count) throws NmeaException {
    if (s.fields().size() < count) {
      throw new NmeaException(NmeaException.Reason.TOO_FEW_FIELDS, line, 0,
          s.type() + " needs at least " + count + " fields, has " + s.fields().size());
    }
  }

  /** The time field's second of day (86 400 for 23:59:60), or -1 when the field is empty. */
  private static int secondOfDay(NmeaSentence s, int line, int index) throws NmeaException {
    String t = s.fields().get(index);
    if (t.isEmpty()) {
      return -1;
    }
    int dot = t.indexOf('.');
    String whole = dot < 0 ? t : t.substring(0, dot);
    if (whole.length() != 6 || !digits(whole) || (dot >= 0 && (dot == t.length() - 1 || t.length() - dot - 1 > 9 || !digits(t.substring(dot + 1))))) {
      throw new NmeaException(NmeaException.Reason.BAD_TIME, line, s.column(index), "time '" + t + "' is not hhmmss[.s]");
    }
    int h = Integer.parseInt(whole.substring(0, 2));
    int m = Integer.parseInt(whole.substring(2, 4));
    int sec = Integer.parseInt(whole.substring(4, 6));
    if (h > 23 || m > 59 || sec > 60 || (sec == 60 && (h != 23 || m != 59))) {
      throw new NmeaException(NmeaException.Reason.BAD_TIME, line, s.column(index),
          "time '" + t + "' out of range (23:59:60 is the only second 60)");
    }
    return h * 3600 + m * 60 + sec;
  }

  private static int nanos(NmeaSentence s, int index) {
    String t = s.fields().get(index);
    int dot = t.indexOf('.');
    if (dot < 0) {
      return 0;
    }
    String frac = (t.substring(dot + 1) + "000000000").substring(0, 9);
    return Integer.parseInt(frac);
  }

  private static LocalDate date(NmeaSentence s, int line, int index, int year, int month, int day) throws NmeaException {
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new NmeaException(NmeaException.Reason.BAD_DATE, line, s.column(index),
          String.format("%04d-%02d-%02d is not a calendar date", year, month, day));
    }
  }

  private static boolean digits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
