package org.ntpclock.codec.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** One client exchange's socket, bound to an ephemeral port. */
interface ClientSocket extends Closeable {
  /**
   * Connects the socket to the server: only its datagrams are received, and an ICMP port
   * unreachable for a request is thrown from {@link #send} or {@link #receive} as
   * {@link java.net.PortUnreachableException}. Done before T1 is read, so that the system call
   * does not lie between T1 and the datagram's departure.
   */
  void connect(InetSocketAddress target) throws IOException;

  /** Sends the buffer's remaining bytes to the target, connecting first if not yet connected. */
  void send(ByteBuffer datagram, InetSocketAddress target) throws IOException;

  /**
   * Receives one datagram into the buffer from its position (the limit is set to its end), waiting
   * at most {@code timeoutNanos}.
   *
   * @return the sender, or null when the time ran out first
   */
  InetSocketAddress receive(ByteBuffer buffer, long timeoutNanos) throws IOException;

  /**
   * For the datagram {@link #receive} returned last: how long before that return the kernel stamped
   * its arrival, in nanoseconds of the real-time clock; 0 without kernel timestamps.
   */
  long arrivalAgeNanos();

  ReceiveTimestamps receiveTimestamps();
}
