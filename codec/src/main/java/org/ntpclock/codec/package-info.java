/**
 * The NTP wire format: the packet model, its decoder and encoder, framing rules, the header layout
 * and allocation-free readers and writers of it ({@link org.ntpclock.codec.NtpWire} is the one
 * owner of offsets, lengths and the header writer), modes and kiss codes. It uses core only, and
 * none of the other codec packages, which all build on it.
 *
 * <ul>
 *   <li>{@link org.ntpclock.codec.NtpPacket} is the immutable wire model (header, RFC 7822
 *       extension fields kept opaque, {@link org.ntpclock.codec.Mac} or crypto-NAK) with a checking
 *       builder; {@code NtpPacket.decode} throws the one {@link org.ntpclock.codec.NtpDecodeException}
 *       with a reason and offset for every malformed input, framed by a
 *       {@link org.ntpclock.codec.ParsePolicy}; {@code encode} writes into the caller's buffer
 *       without allocating.
 *   <li>{@link org.ntpclock.codec.NtpPacketView} reads a datagram in place, allocation-free, and
 *       {@link org.ntpclock.codec.NtpWire} writes header fields at absolute offsets: the server hot
 *       path.
 *   <li>{@link org.ntpclock.codec.KissCode} and {@link org.ntpclock.codec.ReferenceIdMeaning}
 *       interpret the reference id. Checking a reply against its request is the client's
 *       ({@code org.ntpclock.codec.client}).
 * </ul>
 */
package org.ntpclock.codec;
