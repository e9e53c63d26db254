/**
 * Network Time Security (RFC 8915) without I/O: NTS-KE records and the key-exchange negotiation of
 * both sides, AES-SIV-CMAC (RFC 5297), the NTS extension fields, server cookies under rotating
 * master keys, and the building and checking of NTS-protected NTP requests and replies.
 *
 * <p>It uses only the JDK's AES, the AES-CMAC of {@code org.ntpclock.codec.auth} and the packet
 * model of {@code org.ntpclock.codec}; TLS and sockets live in {@code org.ntpclock.codec.transport},
 * which hands this package bytes and exported keys.
 */
package org.ntpclock.codec.nts;
