package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ntpclock.core.EraResolver;
import org.ntpclock.core.NtpDate;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.epoch.Epoch;
import org.ntpclock.epoch.GpsTime;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.MicroPythonTimeTuple;
import org.ntpclock.clock.json.JsonObject;

/**
 * One instant in every form the tool and the clock print: ISO-8601 UTC, POSIX seconds, NTP
 * timestamp and era, GPS week and time of week, MicroPython seconds and {@code gmtime} tuple,
 * TAI&minus;UTC. Shared by {@code ntpclock convert} and the clock's {@code GET /time}, so a key
 * means the same in both.
 *
 * <p>Conventions: the instant is the exact {@link NtpDate} truncated to nanoseconds (ISO text);
 * the NTP timestamp is the exact date when one was given, else the instant with the fraction
 * rounded to nearest. POSIX and MicroPython seconds count UTC seconds without leap seconds, as
 * those clocks do, and are exact decimal strings without trailing zeros. GPS time and TAI&minus;UTC
 * go through the leap-second table and are JSON null where the table cannot tell (before 1972,
 * before the GPS epoch, after the table's expiry).
 */
public final class TimeFields {
  private final LeapSecondTable table;

  private TimeFields(LeapSecondTable table) {
    this.table = table;
  }

  /**
   * Fields computed with the bundled leap-second table.
   *
   * @return the fields
   */
  public static TimeFields create() {
    return new TimeFields(LeapSecondTable.bundled());
  }

  /**
   * Fields computed with the given leap-second table.
   *
   * @param table the table
   * @return the fields
   */
  public static TimeFields create(LeapSecondTable table) {
    return new TimeFields(checkNotNull(table, "table"));
  }

  /**
   * The leap-second table in use.
   *
   * @return the table
   */
  public LeapSecondTable table() {
    return table;
  }

  /**
   * Exact decimal seconds from an epoch to an instant.
   *
   * @param instant the instant
   * @param epoch the epoch
   * @return the decimal string, trailing zeros removed, negative before the epoch
   */
  public static String decimalSeconds(Instant instant, Instant epoch) {
    BigDecimal s = BigDecimal.valueOf(instant.getEpochSecond() - epoch.getEpochSecond())
        .add(BigDecimal.valueOf(instant.getNano() - epoch.getNano(), 9));
    return plain(s);
  }

  /**
   * A decimal without exponent and without trailing zeros.
   *
   * @param d the value
   * @return the text, for example {@code 1.5} or {@code 0}
   */
  public static String plain(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped).toPlainString();
  }

  /**
   * The JSON of {@code ntpclock convert}.
   *
   * @param instant the instant, exact to the nanosecond (the ISO, POSIX, GPS and MicroPython forms)
   * @param date the NTP date of the same instant (the ntp and ntpEra forms): exact when the input was
   *     NTP, else the instant rounded to the nearest 2<sup>-32</sup> s
   * @return the object with keys iso, unix, ntp, ntpEra, gpsWeek, gpsTimeOfWeek, micropython,
   *     micropythonTuple, taiMinusUtc, leapTableExpired
   */
  public JsonObject convertJson(Instant instant, NtpDate date) {
    JsonObject o = JsonObject.create()
        .put("iso", instant.toString())
        .put("unix", decimalSeconds(instant, Instant.EPOCH))
        .put("ntp", date.toTimestamp().toString())
        .put("ntpEra", date.era());
    putGps(o, instant);
    o.put("micropython", decimalSeconds(instant, Epoch.MICROPYTHON_2000.origin()));
    List<Object> tuple = null;
    try {
      tuple = new ArrayList<>();
      for (int v : MicroPythonTimeTuple.fromInstant(instant).toArray()) {
        tuple.add(v);
      }
    } catch (IllegalArgumentException e) {
      tuple = null; // year outside 1..9999
    }
    o.put("micropythonTuple", tuple);
    Integer taiMinusUtc;
    try {
      taiMinusUtc = table.taiMinusUtc(instant);
    } catch (DateTimeException e) {
      taiMinusUtc = null; // before 1972 or after the table's expiry: unknown
    }
    o.put("taiMinusUtc", taiMinusUtc);
    o.put("leapTableExpired", table.isExpired(instant));
    return o;
  }

  /**
   * The JSON of {@code GET /time}.
   *
   * @param bits the clock's raw NTP timestamp, era by the default pivot; 0 when the clock does not
   *     know the time (then every time field is null)
   * @param status the clock's status
   * @return the object with keys iso, unix, ntp, gpsWeek, gpsTimeOfWeek, micropython, leap, synchronized
   */
  public JsonObject httpJson(long bits, TimeSourceStatus status) {
    if (bits == 0) {
      // The source does not know the time (an RTC whose oscillator stopped): say so, show nothing.
      return JsonObject.create()
          .put("iso", null).put("unix", null).put("ntp", null).put("gpsWeek", null).put("gpsTimeOfWeek", null)
          .put("micropython", null).put("leap", status.leap().code()).put("synchronized", false);
    }
    NtpTimestamp ts = NtpTimestamp.ofBits(bits);
    Instant instant = ts.toInstant(EraResolver.defaultResolver(), RoundingMode.FLOOR);
    JsonObject o = JsonObject.create()
        .put("iso", instant.toString())
        .put("unix", decimalSeconds(instant, Instant.EPOCH))
        .put("ntp", ts.toString());
    putGps(o, instant);
    return o.put("micropython", decimalSeconds(instant, Epoch.MICROPYTHON_2000.origin()))
        .put("leap", status.leap().code())
        .put("synchronized", status.isSynchronized());
  }

  /**
   * The one line of {@code GET /time.txt}, for example
   * {@code 2026-11-21T09:38:16.684830539Z unix=1795253896.684830539 ntp=eeabe508.af510de4 gps=2393:547114.684830539 leap=0 synchronized}.
   *
   * @param bits the clock's raw NTP timestamp
   * @param status the clock's status
   * @return the line, without line terminator
   */
  public String httpLine(long bits, TimeSourceStatus status) {
    if (bits == 0) {
      return "unsynchronized: the clock does not know the time leap=" + status.leap().code();
    }
    JsonObject j = httpJson(bits, status);
    return j.get("iso") + " unix=" + j.get("unix") + " ntp=" + j.get("ntp")
        + " gps=" + j.get("gpsWeek") + ":" + j.get("gpsTimeOfWeek")
        + " leap=" + j.get("leap") + ((Boolean) j.get("synchronized") ? " synchronized" : " unsynchronized");
  }

  private void putGps(JsonObject o, Instant instant) {
    Integer week = null;
    String tow = null;
    try {
      GpsTime gps = GpsTime.fromInstant(instant, table);
      week = gps.week();
      tow = plain(BigDecimal.valueOf(gps.secondOfWeek()).add(BigDecimal.valueOf(gps.nanoOfSecond(), 9)));
    } catch (DateTimeException | IllegalArgumentException e) {
      // Before the GPS epoch or outside the leap table: GPS time is unknown, not guessed.
    }
    o.put("gpsWeek", week).put("gpsTimeOfWeek", tow);
  }
}
