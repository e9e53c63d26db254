/**
 * Epochs (NTP 1900, POSIX 1970, GPS 1980, MicroPython 2000), time scales and leap seconds. It
 * uses core's NTP types and the JDK only, and knows nothing of packets or hardware.
 *
 * <ul>
 *   <li>{@link org.ntpclock.epoch.Epoch}: where a UTC-based count of seconds starts; constant
 *       offsets, exact to the nanosecond.
 *   <li>{@link org.ntpclock.epoch.TimeScale}: UTC, TAI, GPS; whether leap seconds are counted.
 *   <li>{@link org.ntpclock.epoch.LeapSecondTable}: TAI&minus;UTC, leap seconds, leap indicator and
 *       expiry, from a verified {@code leap-seconds.list} (a copy is bundled).
 *   <li>{@link org.ntpclock.epoch.GpsTime}: week and time of week, 10/13-bit week resolution.
 *   <li>{@link org.ntpclock.epoch.MicroPythonEpoch}, {@link org.ntpclock.epoch.MicroPythonTimeTuple},
 *       {@link org.ntpclock.epoch.MicroPythonRtcTuple}: MicroPython time on each port.
 * </ul>
 *
 * <p>{@link java.time.Instant} is UTC with 86 400 s per day throughout; an inserted leap second
 * (23:59:60) is expressed by {@link org.ntpclock.epoch.UtcReading}.
 */
package org.ntpclock.epoch;
