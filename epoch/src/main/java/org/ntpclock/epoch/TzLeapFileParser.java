package org.ntpclock.epoch;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntpclock.epoch.LeapFileException.Reason;

/**
 * Parser of the tz database's {@code leapseconds} file (zic's input format, installed as
 * {@code /usr/share/zoneinfo/leapseconds}): {@code Leap YEAR MON DAY 23:59:60 + S} lines, an
 * expiry as {@code Expires YEAR MON DAY HH:MM:SS} (commented out as {@code #Expires} in files made
 * for older zic) or {@code #expires POSIX-SECONDS}, and {@code #updated POSIX-SECONDS}. The file has
 * no hash; the table starts at 1972-01-01 with TAI&minus;UTC = 10 s, as UTC with whole leap
 * seconds does.
 */
final class TzLeapFileParser {
  private static final Instant UTC_1972 = Instant.parse("1972-01-01T00:00:00Z");
  private static final int INITIAL_TAI_MINUS_UTC = 10;

  private TzLeapFileParser() {}

  static LeapSecondTable parse(CharSequence text) throws LeapFileException {
    if (text.length() > LeapFileParser.MAX_CHARS) {
      throw new LeapFileException(Reason.TOO_LARGE, 0, text.length() + " characters, limit " + LeapFileParser.MAX_CHARS);
    }
    List<LeapSecondTable.Entry> entries = new ArrayList<>();
    entries.add(new LeapSecondTable.Entry(UTC_1972, INITIAL_TAI_MINUS_UTC));
    Instant expires = null;
    Instant updated = null;
    String[] lines = text.toString().split("\r?\n", -1);
    for (int n = 1; n <= lines.length; n++) {
      String line = lines[n - 1].strip();
      String[] f = line.split("\\s+");
      if (f[0].equals("Leap")) {
        entries.add(leap(f, n, entries.get(entries.size() - 1)));
      } else if (f[0].equals("Expires") || f[0].equals("#Expires")) {
        expires = once(expires, dateTime(f, n, Reason.MALFORMED_EXPIRY), n, "expiry");
      } else if (f[0].equals("#expires") && f.length >= 2) {
        expires = once(expires, posix(f[1], n, Reason.MALFORMED_EXPIRY), n, "expiry");
      } else if (f[0].equals("#updated") && f.length >= 2) {
        updated = once(updated, posix(f[1], n, Reason.MALFORMED_UPDATE), n, "update");
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        throw new LeapFileException(Reason.MALFORMED_ENTRY, n, "not a Leap, Expires or comment line: " + line);
      }
    }
    if (expires == null) {
      throw new LeapFileException(Reason.MISSING_EXPIRY, 0, "no Expires line: the file cannot say how long it is authoritative");
    }
    if (entries.size() == 1) {
      throw new LeapFileException(Reason.NO_ENTRIES, 0, "no Leap lines");
    }
    Instant lastEntry = entries.get(entries.size() - 1).start();
    return new LeapSecondTable(entries, updated != null ? updated : lastEntry, expires, LeapFileStatus.NO_HASH);
  }

  private static Instant once(Instant previous, Instant value, int n, String what) throws LeapFileException {
    if (previous != null && !previous.equals(value)) {
      throw new LeapFileException(Reason.DUPLICATE_TAG, n, "two different " + what + " instants: " + previous + ", " + value);
    }
    return value;
  }

  /** {@code Leap YEAR MON DAY HH:MM:SS CORR R/S}: the entry at the following midnight. */
  private static LeapSecondTable.Entry leap(String[] f, int n, LeapSecondTable.Entry previous) throws LeapFileException {
    if (f.length < 7 || !(f[5].equals("+") || f[5].equals("-")) || !f[6].equals("S")) {
      throw new LeapFileException(Reason.MALFORMED_ENTRY, n, "expected 'Leap YEAR MON DAY HH:MM:SS +|- S': " + String.join(" ", f));
    }
    boolean positive = f[5].equals("+");
    if (!f[4].equals(positive ? "23:59:60" : "23:59:59")) {
      throw new LeapFileException(Reason.MALFORMED_ENTRY, n,
          (positive ? "an inserted leap second is 23:59:60" : "a deleted leap second is 23:59:59") + ", not " + f[4]);
    }
    Instant end;
    try {
      end = date(f, n, Reason.MALFORMED_ENTRY).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException e) {
      throw new LeapFileException(Reason.MALFORMED_ENTRY, n, "date out of range: " + f[1] + " " + f[2] + " " + f[3]);
    }
    if (!LeapFileParser.isMonthStart(end.getEpochSecond())) {
      throw new LeapFileException(Reason.NOT_MONTH_START, n, "a leap second ends a month; " + f[2] + " " + f[3] + " is not its last day");
    }
    if (!end.isAfter(previous.start())) {
      throw new LeapFileException(Reason.NOT_ASCENDING, n, end + " is not after " + previous.start());
    }
    return new LeapSecondTable.Entry(end, previous.taiMinusUtc() + (positive ? 1 : -1));
  }

  private static LocalDate date(String[] f, int n, Reason reason) throws LeapFileException {
    try {
      Month month = Month.valueOf(monthName(f[2]));
      return LocalDate.of(Integer.parseInt(f[1]), month, Integer.parseInt(f[3]));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new LeapFileException(reason, n, "bad date " + f[1] + " " + f[2] + " " + f[3]);
    }
  }

  private static String monthName(String abbreviation) {
    for (Month m : Month.values()) {
      if (abbreviation.length() == 3 && m.name().startsWith(abbreviation.toUpperCase(Locale.ROOT))) {
        return m.name();
      }
    }
    throw new IllegalArgumentException("unknown month " + abbreviation);
  }

  /** {@code Expires YEAR MON DAY HH:MM:SS}. */
  private static Instant dateTime(String[] f, int n, Reason reason) throws LeapFileException {
    if (f.length < 5) {
      throw new LeapFileException(reason, n, "expected 'Expires YEAR MON DAY HH:MM:SS'");
    }
    LocalDate day = date(f, n, reason);
    try {
      return day.atTime(LocalTime.parse(f[4])).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new LeapFileException(reason, n, "bad time " + f[4]);
    }
  }

  private static Instant posix(String s, int n, Reason reason) throws LeapFileException {
    if (!s.matches("[0-9]{1,12}")) {
      throw new LeapFileException(reason, n, "expected POSIX seconds: " + s);
    }
    return Instant.ofEpochSecond(Long.parseLong(s));
  }
}
