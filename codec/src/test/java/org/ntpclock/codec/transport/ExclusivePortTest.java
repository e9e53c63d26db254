package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ntpclock.core.SystemTimeSource;

/**
 * A server's {@code SO_REUSEPORT} group never joins a port another socket holds, on either
 * transport: the kernel would let it (same user) and spread the port's clients over both servers.
 */
class ExclusivePortTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @ParameterizedTest
  @EnumSource(Transport.class)
  @Timeout(30)
  void aPortAnotherReusePortSocketHoldsIsRefusedNotShared(Transport transport) throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + " transport unavailable here: " + transport.unavailableReason());
    try (DatagramChannel stranger = reusePortSocket()) {
      int port = ((InetSocketAddress) stranger.getLocalAddress()).getPort();
      assertThatThrownBy(() -> server(transport, port).close())
          .isInstanceOf(BindException.class).hasMessageContaining("port " + port).hasMessageContaining("already bound");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  @Timeout(60)
  void portZeroNeverLandsOnAPortAnotherReusePortSocketHolds(Transport transport) throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + " transport unavailable here: " + transport.unavailableReason());
    // With 2,000 of some 28,000 ephemeral ports held this way, a group bound to port 0 without the
    // check lands on a held port in about one start of fourteen: 50 starts find that nearly always.
    List<DatagramChannel> strangers = new ArrayList<>();
    try {
      Set<Integer> held = new HashSet<>();
      for (int i = 0; i < 2000; i++) {
        DatagramChannel ch = reusePortSocket();
        strangers.add(ch);
        held.add(((InetSocketAddress) ch.getLocalAddress()).getPort());
      }
      for (int i = 0; i < 50; i++) {
        try (NtpServer server = server(transport, 0)) {
          assertThat(server.usesReusePort()).isTrue();
          assertThat(held).as("start %d", i).doesNotContain(server.localAddress().getPort());
        }
      }
    } finally {
      for (DatagramChannel ch : strangers) {
        ch.close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  @Timeout(30)
  void aSecondServerOnTheSamePortIsRefused(Transport transport) throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + " transport unavailable here: " + transport.unavailableReason());
    try (NtpServer first = server(transport, 0)) {
      int port = first.localAddress().getPort();
      assertThatThrownBy(() -> server(transport, port).close()).isInstanceOf(BindException.class);
      assertThat(first.isRunning()).isTrue();
    }
  }

  private static NtpServer server(Transport transport, int port) throws Exception {
    return NtpServer.builder(SystemTimeSource.create()).bindAddress(LOOPBACK).port(port).workers(2).reusePort(true)
        .transport(transport).start();
  }

  private static DatagramChannel reusePortSocket() throws Exception {
    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
    ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
    ch.bind(new InetSocketAddress(LOOPBACK, 0));
    return ch;
  }
}
