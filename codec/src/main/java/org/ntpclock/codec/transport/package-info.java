/**
 * The transports: sockets, threads and TLS that carry the sans-I/O client and server engines, on
 * the JDK's UDP channels and TCP (Java 17) or, in the multi-release jar's JDK 22 layer, on Linux
 * sockets driven through {@code java.lang.foreign} with kernel receive timestamps ({@link
 * org.ntpclock.codec.transport.Transport}). It uses core, every other codec package and,
 * optionally, BouncyCastle's TLS; nothing uses it but applications.
 *
 * <ul>
 *   <li>{@link org.ntpclock.codec.transport.NtpServer}: the UDP server around an
 *       {@link org.ntpclock.codec.server.NtpResponder}, on the best transport available (or the one
 *       chosen), with {@link org.ntpclock.codec.transport.ServerStats} counters that name it.
 *   <li>{@link org.ntpclock.codec.transport.SntpClient}: the blocking client around
 *       {@link org.ntpclock.codec.client.ClientExchange}, with a mandatory timeout, retries, a fresh
 *       ephemeral port per request, every resolved address, RFC 4330 section 10 poll limits, a
 *       short burst, kiss-o'-death handling, the kernel's receive stamp for T4 on the FFM
 *       transport, and NTS ({@code queryNts}).
 *   <li>{@link org.ntpclock.codec.transport.NtsKeClient} and
 *       {@link org.ntpclock.codec.transport.NtsKeServer}: NTS-KE (RFC 8915) on TLS 1.3, with the
 *       JDK's key exporter from 25 and BouncyCastle's (optional) on 17..24, chosen at run time.
 *   <li>{@link org.ntpclock.codec.transport.NtpCorrectedClock}: polls servers through an
 *       {@code SntpClient} on a schedule of its own and tells their time, over the sans-I/O
 *       {@link org.ntpclock.codec.client.ClockCorrector}.
 *   <li>{@link org.ntpclock.codec.transport.ServerStatsMBean}: an {@code NtpServer}'s counters
 *       over JMX; {@link org.ntpclock.codec.transport.ServerErrorListener}: its errors as they
 *       happen.
 * </ul>
 */
package org.ntpclock.codec.transport;
