package org.ntpclock.rtc.gps;

import java.util.Optional;
import org.ntpclock.epoch.UtcReading;

/**
 * Where receivers and PPS readers deliver what they see. All ticks are readings of the one
 * monotonic {@link org.ntpclock.core.Ticker} the sink was built with. Implementations are
 * thread-safe: receivers call from their own threads.
 */
public interface GpsSink {
  /**
   * A time report from the receiver (one NMEA sentence, or one gpsd {@code TPV}).
   *
   * @param time the UTC time of the fix; empty when the receiver has no valid fix
   * @param tick the ticker reading when the report began to arrive
   */
  void onFix(Optional<UtcReading> time, long tick);

  /**
   * A pulse-per-second edge whose second is not known (a Linux PPS device): the receiver's time
   * reports label it.
   *
   * @param tick the ticker reading at the edge
   */
  void onPpsEdge(long tick);

  /**
   * A pulse-per-second edge whose second is known (gpsd's {@code PPS} message names it).
   *
   * @param tick the ticker reading at the edge
   * @param utcSecond the POSIX second that starts at the edge
   */
  void onLabeledPpsEdge(long tick, long utcSecond);

  /**
   * The receiver's count of leap seconds between GPS time and UTC (gpsd's {@code leapseconds}).
   *
   * @param gpsMinusUtc GPS&minus;UTC in seconds, 18 since 2017
   */
  default void onLeapSeconds(int gpsMinusUtc) {}
}
