package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;

/** What a closed server must leave behind, on either transport: no live worker and a free port. */
final class StoppedServer {
  private StoppedServer() {}

  /**
   * Asserts that every worker thread has ended and that the server's address can be bound again.
   *
   * @param workers the server's worker threads
   * @param address the address it served on
   */
  static void assertStopped(List<Thread> workers, InetSocketAddress address) throws SocketException {
    for (Thread t : workers) {
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
    try (DatagramSocket again = new DatagramSocket(address)) {
      assertThat(again.getLocalPort()).isEqualTo(address.getPort());
    }
  }
}
