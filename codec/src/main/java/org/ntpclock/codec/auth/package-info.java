/**
 * Symmetric-key authentication of NTP packets (RFC 5905 section 7.3, RFC 8573): the MAC
 * algorithms, keys and key files, and signing and verifying over raw packet bytes. It uses core,
 * the wire format package for the layout and framing, and the JDK's digests and AES; no I/O.
 *
 * <p>A MAC is a 32-bit key id followed by a digest, placed after the 48-byte header and any
 * extension fields. Legacy digests (MD5, SHA-1, SHA-2) are {@code H(key || header || EFs)};
 * RFC 8573 digests are {@code AES-CMAC(key, header || EFs)} (RFC 4493). In NTPv4 a digest longer
 * than 20 bytes is truncated to its first 20 bytes, as chrony and ntpsec do, so a MAC is never
 * longer than 24 bytes. The four-byte MAC of key id 0 with no digest is the crypto-NAK (RFC 5905
 * section 9.2); it is unauthenticated.
 *
 * <p>This package works on bytes and the allocation-free {@link org.ntpclock.codec.NtpPacketView},
 * whose framing says where the MAC starts, not on the packet model. Entry points: {@link org.ntpclock.codec.auth.KeyFile} to read keys,
 * {@link org.ntpclock.codec.auth.NtpAuthenticator} to sign and verify.
 */
package org.ntpclock.codec.auth;
