package org.ntpclock.epoch.nmea;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.util.Optional;
import org.ntpclock.epoch.UtcReading;

/**
 * The time one NMEA sentence reports.
 *
 * @param line the 1-based line number the caller gave the decoder
 * @param talker the talker, e.g. {@code GP} or {@code GN}
 * @param type the sentence type: {@code RMC}, {@code ZDA}, {@code GGA}, {@code GNS} or {@code GLL}
 * @param time the UTC time of the fix; empty when the sentence gives no time: its status says no
 *     valid fix (RMC/GLL status {@code V}, mode {@code N}, GGA quality 0), its time field is empty,
 *     or it carries only a time of day (GGA, GNS, GLL) and no date has been seen yet
 * @param valid whether the receiver says it has a valid fix (time sentences ZDA count as valid
 *     when they carry a time and date)
 * @param rolloverCorrected whether the date was moved forward by whole 1024-week GPS periods
 *     because the receiver reported a date from before its last week rollover
 */
public record NmeaTime(int line, String talker, String type, Optional<UtcReading> time, boolean valid,
    boolean rolloverCorrected) {
  /**
   * Checks the components.
   *
   * @param line the line number
   * @param talker the talker
   * @param type the type
   * @param time the time, empty unless valid
   * @param valid the fix status
   * @param rolloverCorrected whether the date was corrected
   * @throws IllegalArgumentException if an invalid fix carries a time
   */
  public NmeaTime {
    checkNotNull(talker, "talker");
    checkNotNull(type, "type");
    checkNotNull(time, "time");
    checkArgument(valid || time.isEmpty(), "a sentence without a valid fix gives no time");
  }
}
