package org.ntpclock.codec.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A client exchange's socket on a JDK {@link DatagramChannel} bound to an ephemeral port. The
 * socket adaptor gives a blocking receive with a timeout and no selector wake-up, so T4 is read as
 * soon as the datagram is handed over; there is no kernel stamp to correct it with.
 */
final class JdkClientSocket implements ClientSocket {
  private final DatagramChannel channel;
  private final DatagramSocket socket;
  private final byte[] buffer = new byte[2048];
  private final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);

  JdkClientSocket(boolean ipv4) throws IOException {
    this.channel = DatagramChannel.open(ipv4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    try {
      // Port 0: the kernel picks a random ephemeral port (RFC 9109, RFC 6056).
      channel.bind(null);
      channel.configureBlocking(true);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    this.socket = channel.socket();
  }

  @Override
  public void connect(InetSocketAddress target) throws IOException {
    // Connected: the kernel drops datagrams from any other address and port, and an ICMP port
    // unreachable for the request surfaces as PortUnreachableException instead of a timeout.
    if (!channel.isConnected()) {
      channel.connect(target);
    }
  }

  @Override
  public void send(ByteBuffer datagram, InetSocketAddress target) throws IOException {
    connect(target);
    channel.write(datagram);
  }

  @Override
  public InetSocketAddress receive(ByteBuffer into, long timeoutNanos) throws IOException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
      try {
        packet.setLength(buffer.length);
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      }
      int start = into.position();
      int length = Math.min(packet.getLength(), into.remaining());
      into.put(buffer, 0, length);
      into.limit(start + length).position(start);
      return (InetSocketAddress) packet.getSocketAddress();
    }
  }

  @Override
  public long arrivalAgeNanos() {
    return 0;
  }

  @Override
  public ReceiveTimestamps receiveTimestamps() {
    return ReceiveTimestamps.USER_SPACE;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
