package org.ntpclock.testing;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;

/**
 * One datagram a {@link FakeNtpServer} received, for a test's assertions: its bytes, where it came
 * from, when it arrived by the fake server's clock, and the reply the script answered it with.
 */
public final class RecordedRequest {
  private final byte[] bytes;
  private final InetSocketAddress source;
  private final Instant receivedAt;
  private final FakeReply answeredWith;

  RecordedRequest(byte[] bytes, InetSocketAddress source, Instant receivedAt, FakeReply answeredWith) {
    this.bytes = bytes;
    this.source = source;
    this.receivedAt = receivedAt;
    this.answeredWith = answeredWith;
  }

  /**
   * The datagram as received.
   *
   * @return a copy of its bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The datagram's length in bytes.
   *
   * @return the length
   */
  public int length() {
    return bytes.length;
  }

  /**
   * The client's address and port.
   *
   * @return the source address
   */
  public InetSocketAddress source() {
    return source;
  }

  /**
   * When the datagram arrived, by the fake server's clock (before any {@link FakeReply#withOffset}).
   *
   * @return the arrival instant
   */
  public Instant receivedAt() {
    return receivedAt;
  }

  /**
   * The reply the server's script chose for this request.
   *
   * @return the reply
   */
  public FakeReply answeredWith() {
    return answeredWith;
  }

  /**
   * The datagram decoded leniently as an NTP packet.
   *
   * @return the packet, or empty if the bytes are not one
   */
  public Optional<NtpPacket> packet() {
    try {
      return Optional.of(NtpPacket.decode(bytes, ParsePolicy.lenient()));
    } catch (NtpDecodeException e) {
      return Optional.empty();
    }
  }

  /**
   * The datagram decoded leniently as an NTP packet, for a test that expects one.
   *
   * @return the packet
   * @throws AssertionError if the bytes are not an NTP packet
   */
  public NtpPacket requirePacket() {
    try {
      return NtpPacket.decode(bytes, ParsePolicy.lenient());
    } catch (NtpDecodeException e) {
      throw new AssertionError("the request is not an NTP packet: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "RecordedRequest[" + bytes.length + " bytes from " + source + " at " + receivedAt + "]";
  }

  static RecordedRequest of(byte[] bytes, InetSocketAddress source, Instant at, FakeReply reply) {
    return new RecordedRequest(
        Objects.requireNonNull(bytes), Objects.requireNonNull(source), Objects.requireNonNull(at), reply);
  }
}
