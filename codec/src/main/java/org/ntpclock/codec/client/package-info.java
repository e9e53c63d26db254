/**
 * The NTP client.
 *
 * <ul>
 *   <li>{@link org.ntpclock.codec.client.ClientExchange}: the sans-I/O exchange. It writes a
 *       data-minimized request whose transmit field is an unpredictable 64-bit value (the match
 *       key, from a {@link org.ntpclock.codec.client.BufferedSecureRandom}); the real T1 stays
 *       local. It judges every datagram (source, decoding, origin, MAC, the codec's
 *       {@link org.ntpclock.codec.ResponseValidator} checks) and yields a typed
 *       {@link org.ntpclock.codec.client.ExchangeResult}: a
 *       {@link org.ntpclock.codec.client.TimeSample} or an
 *       {@link org.ntpclock.codec.client.ExchangeFailure} with its
 *       {@link org.ntpclock.codec.client.FailureReason}. Clock, monotonic ticker and randomness
 *       are injected ({@link org.ntpclock.codec.client.ExchangeSettings}).
 *   <li>{@link org.ntpclock.codec.client.SntpClient}: the blocking JDK transport with a mandatory
 *       timeout, retries, a fresh ephemeral port per request, every resolved address, RFC 4330
 *       section 10 poll limits and kiss-o'-death handling.
 *   <li>{@link org.ntpclock.codec.client.Selection}: the majority intersection of several
 *       servers' correctness intervals, reporting falsetickers.
 *   <li>{@link org.ntpclock.codec.client.NtpCorrectedClock}: an {@link java.time.InstantSource}
 *       telling the servers' time, polled in the background and anchored to the monotonic ticker,
 *       over the sans-I/O {@link org.ntpclock.codec.client.ClockCorrector}; each reading is a
 *       {@link org.ntpclock.codec.client.CorrectedTime} with its error bound and whether it is
 *       vouched for.
 * </ul>
 *
 * <p>Offsets and delays are exact 32.32 values computed with {@link org.ntpclock.core.OnWire} on
 * raw timestamps, so they are right across the 2036 era boundary, and are never truncated to
 * milliseconds.
 */
package org.ntpclock.codec.client;
