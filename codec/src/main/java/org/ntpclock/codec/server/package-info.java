/**
 * The sans-I/O NTP server: the responder engine, its verdicts, the rate limiter and the access
 * list. It uses core (its rate-limited {@code System.Logger} front too), the wire format and
 * authentication packages; sockets and threads live in
 * {@code org.ntpclock.codec.transport}.
 *
 * <ul>
 *   <li>{@link org.ntpclock.codec.server.NtpResponder}: the sans-I/O engine. Request bytes, their
 *       receive timestamp and the client address in; the reply written into the caller's buffer,
 *       or a typed drop, out ({@link org.ntpclock.codec.server.Verdict}). A plain request
 *       allocates nothing.
 *   <li>{@link org.ntpclock.codec.server.RateLimiter}: chrony-style per-client token buckets in a
 *       fixed-size table; {@link org.ntpclock.codec.server.AccessList}: CIDR allow/deny rules
 *       (longest prefix wins), dropping or answering KoD DENY.
 * </ul>
 *
 * <p>Client addresses travel through the engines as two {@code long}s, the 128-bit IPv6 address
 * with IPv4 addresses in their IPv4-mapped form {@code ::ffff:a.b.c.d} (see
 * {@link org.ntpclock.codec.server.AddressBits}), so the steady path allocates nothing.
 *
 * <p>Requests that fail symmetric-key authentication are dropped by default, as chrony 4 does
 * (its {@code ntp_core.c} answers a failed request only when the authentication layer asks for a
 * KoD, which symmetric keys never do); a crypto-NAK (RFC 5905 section 9.2) is opt-in.
 */
package org.ntpclock.codec.server;
