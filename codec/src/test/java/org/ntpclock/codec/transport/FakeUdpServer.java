package org.ntpclock.codec.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A fake NTP server on a loopback UDP port that the test controls: for each request a function
 * returns the replies to send (possibly none), each from the server's own socket or from a second
 * socket on another port. It records every request's source port.
 */
final class FakeUdpServer implements AutoCloseable {
  /** One datagram to send back. */
  record Reply(ByteBuffer bytes, boolean fromOtherPort) {
    static Reply of(ByteBuffer bytes) {
      return new Reply(bytes, false);
    }
  }

  private final DatagramChannel channel;
  private final DatagramChannel other;
  private final Thread thread;
  private final List<Integer> requestPorts = new CopyOnWriteArrayList<>();

  FakeUdpServer(BiFunction<ByteBuffer, Integer, List<Reply>> behaviour) throws IOException {
    channel = DatagramChannel.open();
    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    other = DatagramChannel.open();
    other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = new Thread(() -> serve(behaviour), "fake-ntp-server");
    thread.setDaemon(true);
    thread.start();
  }

  private void serve(BiFunction<ByteBuffer, Integer, List<Reply>> behaviour) {
    ByteBuffer in = ByteBuffer.allocate(2048);
    try {
      while (true) {
        in.clear();
        SocketAddress from = channel.receive(in);
        in.flip();
        int n = requestPorts.size();
        requestPorts.add(((InetSocketAddress) from).getPort());
        for (Reply r : behaviour.apply(in.duplicate(), n)) {
          (r.fromOtherPort() ? other : channel).send(r.bytes().duplicate(), from);
        }
      }
    } catch (ClosedChannelException e) {
      // closed by the test
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), channel.socket().getLocalPort());
  }

  /** Source ports of the requests received so far, in order. */
  List<Integer> requestPorts() {
    return List.copyOf(requestPorts);
  }

  @Override
  public void close() throws IOException {
    channel.close();
    other.close();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
