/**
 * The transports: sockets and threads that carry the sans-I/O client and server engines over the
 * JDK's UDP channels. It uses core and every other codec package, and nothing uses it but
 * applications.
 *
 * <ul>
 *   <li>{@link org.ntpclock.codec.transport.NtpServer}: the UDP server around an
 *       {@link org.ntpclock.codec.server.NtpResponder}, one {@code SO_REUSEPORT} channel per
 *       worker, with {@link org.ntpclock.codec.transport.ServerStats} counters.
 *   <li>{@link org.ntpclock.codec.transport.SntpClient}: the blocking client around
 *       {@link org.ntpclock.codec.client.ClientExchange}, with a mandatory timeout, retries, a fresh
 *       ephemeral port per request, every resolved address, RFC 4330 section 10 poll limits and
 *       kiss-o'-death handling.
 *   <li>{@link org.ntpclock.codec.transport.NtpCorrectedClock}: polls servers through an
 *       {@code SntpClient} on a schedule of its own and tells their time, over the sans-I/O
 *       {@link org.ntpclock.codec.client.ClockCorrector}.
 *   <li>{@link org.ntpclock.codec.transport.ServerStatsMBean}: an {@code NtpServer}'s counters
 *       over JMX; {@link org.ntpclock.codec.transport.ServerErrorListener}: its errors as they
 *       happen.
 * </ul>
 */
package org.ntpclock.codec.transport;
