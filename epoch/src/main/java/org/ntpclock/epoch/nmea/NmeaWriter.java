package org.ntpclock.epoch.nmea;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.ntpclock.epoch.UtcReading;

/**
 * Writes the time-bearing NMEA 0183 sentences for a UTC reading, as a receiver would: for
 * simulated receivers, test fixtures and logs to replay through gpsd. The position is a fixed
 * placeholder (the equator at the prime meridian, 0 m); only the time fields mean anything.
 * Sentences come without CR LF; the sub-second part is truncated to the number of decimals asked
 * for (0 to 9).
 *
 * <p>Stateless and thread-safe.
 */
public final class NmeaWriter {
  private NmeaWriter() {}

  /**
   * An RMC sentence (recommended minimum), NMEA 2.3 form with a mode indicator.
   *
   * @param talker two upper-case letters, e.g. {@code GP}
   * @param time the time; a leap second is written as 23:59:60
   * @param decimals digits of the second's fraction, 0..9
   * @param valid status {@code A} and mode {@code A} when true, {@code V} and {@code N} when false
   * @return the sentence with its checksum
   * @throws IllegalArgumentException if the talker or decimals are out of range, or the year is
   *     not expressible
   */
  public static String rmc(String talker, UtcReading time, int decimals, boolean valid) {
    LocalDateTime t = utc(time);
    return frame(checkTalker(talker) + "RMC," + hhmmss(time, decimals) + "," + (valid ? "A" : "V")
        + ",0000.0000,N,00000.0000,E,0.0,0.0,"
        + String.format(Locale.ROOT, "%02d%02d%02d", t.getDayOfMonth(), t.getMonthValue(), Math.floorMod(t.getYear(), 100))
        + ",,," + (valid ? "A" : "N"));
  }

  /**
   * A ZDA sentence (time and date, four-digit year, local zone 00:00).
   *
   * @param talker two upper-case letters
   * @param time the time
   * @param decimals digits of the second's fraction, 0..9
   * @return the sentence with its checksum
   * @throws IllegalArgumentException if an argument is out of range or the year is not 0..9999
   */
  public static String zda(String talker, UtcReading time, int decimals) {
    LocalDateTime t = utc(time);
    checkArgument(t.getYear() >= 0 && t.getYear() <= 9999, "year not expressible in ZDA: %s", t.getYear());
    return frame(checkTalker(talker) + "ZDA," + hhmmss(time, decimals)
        + String.format(Locale.ROOT, ",%02d,%02d,%04d,00,00", t.getDayOfMonth(), t.getMonthValue(), t.getYear()));
  }

  /**
   * A GGA sentence (fix data: time of day, quality).
   *
   * @param talker two upper-case letters
   * @param time the time
   * @param decimals digits of the second's fraction, 0..9
   * @param valid quality 1 (GPS fix) when true, 0 (no fix) when false
   * @return the sentence with its checksum
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static String gga(String talker, UtcReading time, int decimals, boolean valid) {
    return frame(checkTalker(talker) + "GGA," + hhmmss(time, decimals) + ",0000.0000,N,00000.0000,E,"
        + (valid ? "1,08,0.9" : "0,00,99.9") + ",0.0,M,0.0,M,,");
  }

  /**
   * A GNS sentence (GNSS fix data: time of day, per-constellation mode).
   *
   * @param talker two upper-case letters
   * @param time the time
   * @param decimals digits of the second's fraction, 0..9
   * @param valid mode {@code AA} when true, {@code NN} when false
   * @return the sentence with its checksum
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static String gns(String talker, UtcReading time, int decimals, boolean valid) {
    return frame(checkTalker(talker) + "GNS," + hhmmss(time, decimals) + ",0000.0000,N,00000.0000,E,"
        + (valid ? "AA,08" : "NN,00") + ",0.9,0.0,0.0,,");
  }

  /**
   * A GLL sentence (position and time of day, NMEA 2.3 form with a mode indicator).
   *
   * @param talker two upper-case letters
   * @param time the time
   * @param decimals digits of the second's fraction, 0..9
   * @param valid status {@code A} and mode {@code A} when true, {@code V} and {@code N} when false
   * @return the sentence with its checksum
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static String gll(String talker, UtcReading time, int decimals, boolean valid) {
    return frame(checkTalker(talker) + "GLL,0000.0000,N,00000.0000,E," + hhmmss(time, decimals) + ","
        + (valid ? "A,A" : "V,N"));
  }

  /**
   * Frames a sentence body: {@code $}, the body, {@code *} and the checksum in upper-case hex.
   *
   * @param body address and fields, e.g. {@code GPZDA,...}, without {@code $} or {@code *}
   * @return the sentence
   */
  public static String frame(String body) {
    checkNotNull(body, "body");
    return String.format(Locale.ROOT, "$%s*%02X", body, NmeaSentence.checksum(body));
  }

  private static String checkTalker(String talker) {
    checkNotNull(talker, "talker");
    checkArgument(talker.length() == 2 && talker.chars().allMatch(c -> c >= 'A' && c <= 'Z') && !talker.startsWith("P"),
        "a talker is two upper-case letters, not starting with P: %s", talker);
    return talker;
  }

  private static LocalDateTime utc(UtcReading time) {
    checkNotNull(time, "time");
    return LocalDateTime.ofEpochSecond(time.instant().getEpochSecond(), 0, ZoneOffset.UTC);
  }

  private static String hhmmss(UtcReading time, int decimals) {
    checkArgument(decimals >= 0 && decimals <= 9, "decimals out of range 0..9: %s", decimals);
    LocalDateTime t = utc(time);
    int second = time.leapSecond() ? 60 : t.getSecond();
    String text = String.format(Locale.ROOT, "%02d%02d%02d", t.getHour(), t.getMinute(), second);
    if (decimals == 0) {
      return text;
    }
    return text + "." + String.format(Locale.ROOT, "%09d", time.instant().getNano()).substring(0, decimals);
  }
}
