package org.ntpclock.core.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Raw 48-octet NTP requests over a JDK {@link DatagramSocket}, so a test can check a server with
 * nothing of ntpclock's on the client side. The request is all zero but for its first octet (leap,
 * version, mode) and its transmit timestamp, which a server echoes as the reply's origin timestamp;
 * the caller sets the socket's timeout, so a lost reply fails the test instead of hanging it.
 */
public final class NtpProbe {
  /** The first octet of a version 4 client request: leap 0, version 4, mode 3. */
  public static final byte CLIENT_V4 = 0x23;

  private NtpProbe() {}

  /**
   * Sends one request and returns without waiting for a reply.
   *
   * @param socket the client's socket
   * @param server where to send
   * @param first the first octet (leap, version and mode)
   * @param transmit the raw bits of the transmit timestamp
   * @throws IOException if the socket fails
   */
  public static void send(DatagramSocket socket, InetSocketAddress server, byte first, long transmit) throws IOException {
    byte[] request = new byte[48];
    request[0] = first;
    ByteBuffer.wrap(request).putLong(40, transmit);
    socket.send(new DatagramPacket(request, request.length, server));
  }

  /**
   * Sends one version 4 client request and returns without waiting for a reply.
   *
   * @param socket the client's socket
   * @param server where to send
   * @param transmit the raw bits of the transmit timestamp
   * @throws IOException if the socket fails
   */
  public static void send(DatagramSocket socket, InetSocketAddress server, long transmit) throws IOException {
    send(socket, server, CLIENT_V4, transmit);
  }

  /**
   * Receives the next datagram on the socket.
   *
   * @param socket the client's socket, with a timeout set
   * @return the datagram's octets (at most 128)
   * @throws IOException if the socket fails or times out
   */
  public static byte[] receive(DatagramSocket socket) throws IOException {
    byte[] buffer = new byte[128];
    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
    socket.receive(reply);
    return Arrays.copyOf(buffer, reply.getLength());
  }

  /**
   * Sends one request and returns the next datagram the socket receives.
   *
   * @param socket the client's socket, with a timeout set
   * @param server where to send
   * @param first the first octet (leap, version and mode)
   * @param transmit the raw bits of the transmit timestamp
   * @return the reply's octets
   * @throws IOException if the socket fails or times out
   */
  public static byte[] exchange(DatagramSocket socket, InetSocketAddress server, byte first, long transmit)
      throws IOException {
    send(socket, server, first, transmit);
    return receive(socket);
  }

  /**
   * Sends one version 4 client request and returns the next datagram the socket receives.
   *
   * @param socket the client's socket, with a timeout set
   * @param server where to send
   * @param transmit the raw bits of the transmit timestamp
   * @return the reply's octets
   * @throws IOException if the socket fails or times out
   */
  public static byte[] exchange(DatagramSocket socket, InetSocketAddress server, long transmit) throws IOException {
    return exchange(socket, server, CLIENT_V4, transmit);
  }
}
