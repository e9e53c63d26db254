/**
 * GPS receivers and pulse-per-second edges as an NTP time source: NMEA 0183 over a serial device
 * or pipe, gpsd's JSON over TCP, Linux PPS through sysfs, the {@link org.ntpclock.rtc.gps.GpsTimeSource}
 * that joins them, and a simulated receiver. It uses only the JDK, core's preconditions,
 * {@link org.ntpclock.core.TimeSource} and {@link org.ntpclock.core.TopOfSecondClock}, and the epoch
 * module's NMEA decoder and leap-second table.
 */
package org.ntpclock.rtc.gps;
