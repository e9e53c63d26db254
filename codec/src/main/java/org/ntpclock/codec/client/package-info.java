/**
 * The sans-I/O NTP client: the exchange engine, the reply checks with their policy, result and one
 * list of failures, and the selection of several servers' samples. It uses core, the wire format
 * and authentication packages; sockets live in {@code org.ntpclock.codec.transport}.
 *
 * <ul>
 *   <li>{@link org.ntpclock.codec.client.ClientExchange}: the sans-I/O exchange. It writes a
 *       data-minimized request whose transmit field is an unpredictable 64-bit value (the match
 *       key, from a {@link org.ntpclock.codec.client.BufferedSecureRandom}); the real T1 stays
 *       local. It judges every datagram (source, decoding, origin, MAC, the
 *       {@link org.ntpclock.codec.client.ResponseValidator} checks of a
 *       {@link org.ntpclock.codec.client.ValidationPolicy}) and yields a typed
 *       {@link org.ntpclock.codec.client.ExchangeResult}: a
 *       {@link org.ntpclock.codec.client.TimeSample} or an
 *       {@link org.ntpclock.codec.client.ExchangeFailure}, a sealed type whose variants carry
 *       what each {@link org.ntpclock.codec.client.FailureReason} has. Clock, monotonic ticker and randomness
 *       are injected ({@link org.ntpclock.codec.client.ExchangeSettings}).
 *   <li>{@link org.ntpclock.codec.transport.SntpClient}: the blocking JDK transport with a mandatory
 *       timeout, retries, a fresh ephemeral port per request, every resolved address, RFC 4330
 *       section 10 poll limits and kiss-o'-death handling.
 *   <li>{@link org.ntpclock.codec.client.Selection}: the majority intersection of several
 *       servers' correctness intervals, reporting falsetickers.
 *   <li>{@link org.ntpclock.codec.transport.NtpCorrectedClock}: an {@link java.time.InstantSource}
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
