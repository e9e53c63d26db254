/**
 * The transports: sockets and threads that carry the sans-I/O client and server engines, on the
 * JDK's UDP channels (Java 17) or, in the multi-release jar's JDK 22 layer, on Linux sockets driven
 * through {@code java.lang.foreign} with kernel receive timestamps ({@link
 * org.ntpclock.codec.transport.Transport}). It uses core and every other codec package, and nothing
 * uses it but applications.
 *
 * <ul>
 *   <li>{@link org.ntpclock.codec.transport.NtpServer}: the UDP server around an
 *       {@link org.ntpclock.codec.server.NtpResponder}, on the best transport available (or the one
 *       chosen), with {@link org.ntpclock.codec.transport.ServerStats} counters that name it.
 *   <li>{@link org.ntpclock.codec.transport.SntpClient}: the blocking client around
 *       {@link org.ntpclock.codec.client.ClientExchange}, with a mandatory timeout, retries, a fresh
 *       ephemeral port per request, every resolved address, RFC 4330 section 10 poll limits, a
 *       short burst, kiss-o'-death handling, and the kernel's receive stamp for T4 on the FFM
 *       transport.
 * </ul>
 */
package org.ntpclock.codec.transport;
