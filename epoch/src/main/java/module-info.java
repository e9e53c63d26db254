/**
 * Epochs (NTP 1900, POSIX 1970, GPS 1980, MicroPython 2000), time scales (UTC, TAI, GPS), the
 * leap-second table with its {@code leap-seconds.list} parser, GPS week/time-of-week, NMEA 0183
 * time decoding and MicroPython time tuples.
 */
module org.ntpclock.epoch {
  requires transitive org.ntpclock.core;

  exports org.ntpclock.epoch;
  exports org.ntpclock.epoch.nmea;
  exports org.ntpclock.epoch.source;
}
