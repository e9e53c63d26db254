/**
 * NTP time primitives: the timestamp, date, short and duration formats, exact fraction and era
 * arithmetic, on-wire offset and delay, and the time-source contract a server serves from. It uses
 * the JDK only (its preconditions are its own, in Guava's style), and knows nothing of packets, sockets or hardware.
 *
 * <h2>Formats</h2>
 * <ul>
 *   <li>{@link org.ntpclock.core.NtpTimestamp}: the 64-bit 32.32 wire timestamp, unsigned seconds
 *       and fraction, without an era;
 *   <li>{@link org.ntpclock.core.NtpDate}: the 128-bit date (signed era, era offset, fraction)
 *       that names any instant unambiguously;
 *   <li>{@link org.ntpclock.core.NtpShort}: the unsigned 16.16 short format (root delay and
 *       dispersion);
 *   <li>{@link org.ntpclock.core.NtpDuration}: the signed 32.32 difference of two timestamps.
 * </ul>
 *
 * <h2>Eras</h2>
 * A 64-bit timestamp carries no era. It becomes an {@link java.time.Instant} only through an
 * {@link org.ntpclock.core.EraResolver}: an explicit era, a pivot window, or "nearest to a
 * reference instant" (RFC 5905 section 6). The default is documented in exactly one place,
 * {@link org.ntpclock.core.EraResolver#defaultResolver()}.
 *
 * <h2>Arithmetic</h2>
 * Conversions between decimal sub-second units and 2<sup>-32</sup> s fractions are integer
 * arithmetic with a documented {@link java.math.RoundingMode} ({@link org.ntpclock.core.NtpFraction});
 * no {@code double} appears on any path that claims nanosecond exactness. Beside each value type
 * sit {@code static long} helpers on raw bits for allocation-free hot paths.
 */
package org.ntpclock.core;
