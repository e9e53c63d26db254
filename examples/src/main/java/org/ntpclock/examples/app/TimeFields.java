package org.ntpclock.examples.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import org.ntpclock.core.EraResolver;
import org.ntpclock.core.NtpDate;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.examples.json.JsonObject;

/**
 * One instant in every form the tool and the clock print: ISO-8601 UTC, POSIX seconds, NTP
 * timestamp, GPS week and time of week, MicroPython seconds and tuple, TAI - UTC. Shared by
 * {@code ntpclock convert} and the clock's {@code GET /time}, so the keys mean the same in both.
 *
 * <p>Decimal values are exact strings: POSIX and MicroPython seconds count UTC seconds without
 * leap seconds (as those clocks do), to the nanosecond with trailing zeros removed.
 */
public final class TimeFields {
  private TimeFields() {}

  /**
   * The fields for an instant.
   *
   * @return the fields
   */
  public static TimeFields create() {
    return new TimeFields();
  }

  /**
   * ISO-8601 UTC with nanoseconds as {@link Instant#toString()} writes them.
   *
   * @param instant the instant
   * @return the text
   */
  public static String iso(Instant instant) {
    return instant.toString();
  }

  /**
   * Exact decimal seconds since an epoch.
   *
   * @param instant the instant
   * @param epoch the epoch
   * @return the decimal string, trailing zeros removed
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
   * The NTP timestamp of an instant, fraction rounded to nearest.
   *
   * @param instant the instant
   * @return the timestamp's date, with era
   */
  public static NtpDate ntpDate(Instant instant) {
    return NtpDate.fromInstant(instant);
  }

  /**
   * The JSON of {@code GET /time}.
   *
   * @param bits the clock's raw NTP timestamp
   * @param status the clock's status
   * @return the object with keys iso, unix, ntp, gpsWeek, gpsTimeOfWeek, micropython, leap, synchronized
   */
  public JsonObject httpJson(long bits, TimeSourceStatus status) {
    Instant instant = NtpTimestamp.ofBits(bits).toInstant(EraResolver.defaultResolver(), java.math.RoundingMode.FLOOR);
    return JsonObject.create()
        .put("iso", iso(instant))
        .put("unix", decimalSeconds(instant, Instant.EPOCH))
        .put("ntp", NtpTimestamp.ofBits(bits).toString())
        .put("leap", status.leap().code())
        .put("synchronized", status.isSynchronized());
  }

  /**
   * The one line of {@code GET /time.txt}.
   *
   * @param bits the clock's raw NTP timestamp
   * @param status the clock's status
   * @return the line, without line terminator
   */
  public String httpLine(long bits, TimeSourceStatus status) {
    JsonObject j = httpJson(bits, status);
    return j.get("iso") + " unix=" + j.get("unix") + " ntp=" + j.get("ntp") + " leap=" + j.get("leap")
        + ((Boolean) j.get("synchronized") ? " synchronized" : " unsynchronized");
  }
}
