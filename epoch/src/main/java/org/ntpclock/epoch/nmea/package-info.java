/**
 * NMEA 0183 time decoding: sentence framing and checksums, the time-bearing sentences (RMC, ZDA,
 * GGA, GNS, GLL) with two-digit-year and GPS week-rollover resolution, and a writer for the same
 * sentences. Pure functions over text with no I/O; it uses only the JDK, core's preconditions and
 * the epoch module's {@link org.ntpclock.epoch.UtcReading}.
 */
package org.ntpclock.epoch.nmea;
