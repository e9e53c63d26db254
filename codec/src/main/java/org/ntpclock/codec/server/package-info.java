/**
 * The embeddable NTP server: the sans-I/O {@link org.ntpclock.codec.server.NtpResponder} (request
 * bytes in, response bytes or a typed {@link org.ntpclock.codec.server.Verdict} out), chrony-style
 * per-client rate limiting in fixed memory ({@link org.ntpclock.codec.server.RateLimiter}), CIDR
 * allow/deny lists ({@link org.ntpclock.codec.server.AccessList}) and the JDK UDP transport
 * {@link org.ntpclock.codec.server.NtpServer}.
 *
 * <p>Client addresses travel through the engines as two {@code long}s, the 128-bit IPv6 address
 * with IPv4 addresses in their IPv4-mapped form {@code ::ffff:a.b.c.d} (see
 * {@link org.ntpclock.codec.server.AddressBits}), so the steady path allocates nothing.
 */
package org.ntpclock.codec.server;
