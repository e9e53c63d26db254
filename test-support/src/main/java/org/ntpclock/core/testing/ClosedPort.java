package org.ntpclock.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;

/**
 * A loopback UDP port that is closed to every client for as long as this object is open, so a
 * request to it is answered by the kernel with ICMP port unreachable. A port picked free and
 * released could be bound again by anyone before the request arrives; this one stays reserved:
 * a socket bound to it and connected to itself holds it (nobody else can bind it) while accepting
 * datagrams from no one else (the kernel finds no socket for them and sends the ICMP error).
 */
public final class ClosedPort implements AutoCloseable {
  private final DatagramChannel holder;
  private final InetSocketAddress address;

  private ClosedPort(DatagramChannel holder, InetSocketAddress address) {
    this.holder = holder;
    this.address = address;
  }

  /**
   * Reserves a closed port on the IPv4 loopback address.
   *
   * @return the reservation; close it when the test is done
   * @throws IOException if no socket can be bound
   */
  public static ClosedPort open() throws IOException {
    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      ch.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
      ch.connect(bound);
      return new ClosedPort(ch, bound);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * The closed port's number.
   *
   * @return the port
   */
  public int port() {
    return address.getPort();
  }

  /**
   * The closed port's address, 127.0.0.1.
   *
   * @return the address and port
   */
  public InetSocketAddress address() {
    return address;
  }

  /** Releases the port. */
  @Override
  public void close() throws IOException {
    holder.close();
  }
}
