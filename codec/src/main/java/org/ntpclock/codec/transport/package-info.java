/**
 * The I/O side of ntpclock's protocols: sockets, threads and TLS around the sans-I/O engines of the
 * other codec packages. It holds the NTS-KE client and server on TLS 1.3 (the JDK's exporter on 25+,
 * BouncyCastle's on 17..24) and may use the JDK's networking and, optionally, BouncyCastle.
 */
package org.ntpclock.codec.transport;
