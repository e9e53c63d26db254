package org.ntpclock.codec.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;

/**
 * Finds the UDP address a server's group of {@code SO_REUSEPORT} sockets may bind without sharing
 * it with a stranger. On Linux a socket with {@code SO_REUSEPORT} joins any socket of the same user
 * already bound with it, and the kernel then spreads the port's datagrams over both servers; this
 * holds for port 0 too, where the kernel may pick a port another server of the same user holds
 * ({@code ExclusivePortTest} shows both). A socket bound without the option is
 * refused any port somebody holds, so a probe bound that way and closed again tells that the port
 * is free and, for port 0, which free port to take.
 *
 * <p>What is left: a socket with {@code SO_REUSEPORT} bound to the same port between the probe's
 * close and the group's first bind, microseconds later, still joins; and one bound after the
 * group, by the same user, joins too. A server that must never share binds a single socket
 * without the option ({@link NtpServer.Builder#reusePort(boolean) reusePort(false)}).
 */
final class ExclusivePort {
  private ExclusivePort() {}

  /**
   * Checks that nobody holds the port and resolves port 0 to a free one.
   *
   * @param address the address the group will bind
   * @param port the port, or 0 for any free one
   * @return the address and port to bind the group to
   * @throws BindException if a socket of anyone holds the port
   * @throws IOException if the probe cannot be opened
   */
  static InetSocketAddress claim(InetAddress address, int port) throws IOException {
    InetSocketAddress wanted = new InetSocketAddress(address, port);
    try (DatagramChannel probe = DatagramChannel.open(
        address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6)) {
      probe.bind(wanted);
      return (InetSocketAddress) probe.getLocalAddress();
    } catch (BindException e) {
      BindException named = new BindException("UDP " + address.getHostAddress() + " port " + port
          + " is already bound by another socket (" + e.getMessage() + ")");
      named.initCause(e);
      throw named;
    }
  }
}
