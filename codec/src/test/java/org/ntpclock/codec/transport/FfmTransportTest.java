package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ntpclock.core.testing.NtpProbe.exchange;
import static org.ntpclock.codec.transport.StoppedServer.assertStopped;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ntpclock.codec.server.Interop;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;

/**
 * The FFM transport of the JDK 22 layer on its own: present exactly where it should be, answering
 * on own and shared sockets and IPv6, and its client socket's kernel stamps ({@link NtpServerTransportTest}
 * covers T2 and allocation through {@link NtpServer}). On JDK 17 only the availability law runs.
 */
class FfmTransportTest {
  private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

  private static FfmProvider ffm() {
    FfmProvider provider = FfmSupport.provider();
    assumeTrue(provider != null, "FFM transport unavailable here: " + FfmSupport.unavailableReason());
    return provider;
  }

  private static ServerConfig config(TimeSource source, InetAddress bind, int workers, boolean reusePort) {
    return new ServerConfig(NtpResponder.builder(source).build(), bind, 0, workers, reusePort, 0, Duration.ofSeconds(2));
  }

  private static long sum(ServerTransport transport, int index) {
    long sum = 0;
    for (WorkerCounters c : transport.counters()) {
      sum += c.get(index);
    }
    return sum;
  }

  @Test
  void availableExactlyOnLinuxWithJdk22OrNewer() {
    boolean expected = LINUX && Runtime.version().feature() >= 22;
    System.out.println("FFM transport on JDK " + Runtime.version().feature() + ": "
        + (Transport.FFM.isAvailable() ? "available" : "unavailable, " + Transport.FFM.unavailableReason()));
    assertThat(Transport.FFM.isAvailable()).as(Transport.FFM.unavailableReason()).isEqualTo(expected);
    assertThat(Transport.best()).isEqualTo(expected ? Transport.FFM : Transport.JDK_CHANNEL);
    assertThat(Transport.JDK_CHANNEL.isAvailable()).isTrue();
    assertThat(Transport.JDK_CHANNEL.unavailableReason()).isEmpty();
    assertThat(Transport.FFM.unavailableReason().isEmpty()).isEqualTo(expected);
    assertThat(Transport.FFM.receiveTimestamps()).isEqualTo(ReceiveTimestamps.KERNEL);
    assertThat(Transport.JDK_CHANNEL.receiveTimestamps()).isEqualTo(ReceiveTimestamps.USER_SPACE);
  }

  @Test
  @Timeout(30)
  void answersOnOwnAndSharedSocketsAndIpv6AndReleasesThePort() throws Exception {
    FfmProvider ffm = ffm();
    for (boolean reusePort : new boolean[] {true, false}) {
      InetSocketAddress address;
      ServerTransport server = ffm.startServer(config(SystemTimeSource.create(),
          InetAddress.getLoopbackAddress(), 2, reusePort));
      try (DatagramSocket socket = new DatagramSocket()) {
        address = server.localAddress();
        assertThat(server.usesReusePort()).isEqualTo(reusePort);
        socket.setSoTimeout(5000);
        for (int i = 0; i < 40; i++) {
          byte[] reply = exchange(socket, address, 0x7070_0000L + i);
          assertThat(reply).hasSize(48);
          assertThat(reply[0] & 7).isEqualTo(4);
          assertThat(ByteBuffer.wrap(reply).getLong(24)).isEqualTo(0x7070_0000L + i);
        }
        assertThat(sum(server, Verdict.ANSWERED.ordinal())).isEqualTo(40);
        assertThat(sum(server, WorkerCounters.RECEIVED)).isEqualTo(40);
      } finally {
        server.close();
      }
      assertStopped(server.workerThreads(), address);
    }
    InetAddress v6 = Interop.ipv6Loopback().orElse(null);
    assumeTrue(v6 != null, "no IPv6 loopback on this machine");
    try (ServerTransport server = ffm.startServer(config(SystemTimeSource.create(), v6, 1, true));
        DatagramSocket socket = new DatagramSocket(0, v6)) {
      socket.setSoTimeout(5000);
      assertThat(exchange(socket, server.localAddress(), 5)[0] & 7).isEqualTo(4);
    }
  }

  /**
   * A client socket's reply stamp is the kernel's: the reply is queued (the peer's send has
   * returned on loopback), time passes, and only then does the client receive; the age it reports
   * covers that time, which a stamp taken when receive returns cannot.
   */
  @Test
  @Timeout(30)
  void clientSocketReportsTheKernelArrivalAge() throws Exception {
    ffm();
    try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        ClientSocket client = ClientSockets.open(Transport.FFM, true)) {
      assertThat(client.receiveTimestamps()).isEqualTo(ReceiveTimestamps.KERNEL);
      peer.setSoTimeout(10_000);
      client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), (InetSocketAddress) peer.getLocalSocketAddress());
      DatagramPacket request = new DatagramPacket(new byte[16], 16);
      peer.receive(request);
      peer.send(new DatagramPacket(new byte[] {9, 8, 7, 6}, 4, request.getSocketAddress()));
      long queued = System.nanoTime();
      TimeUnit.MILLISECONDS.sleep(20);
      long receiving = System.nanoTime();
      ByteBuffer reply = ByteBuffer.allocate(64);
      assertThat(client.receive(reply, TimeUnit.SECONDS.toNanos(10))).isEqualTo(peer.getLocalSocketAddress());
      assertThat(reply.remaining()).isEqualTo(4);
      assertThat(reply.get(0)).isEqualTo((byte) 9);
      System.out.printf("client: kernel stamp %d us before receive returned%n", client.arrivalAgeNanos() / 1000);
      assertThat(client.arrivalAgeNanos()).isGreaterThanOrEqualTo(receiving - queued);
    }
    try (ClientSocket jdk = ClientSockets.open(Transport.JDK_CHANNEL, true)) {
      assertThat(jdk.receiveTimestamps()).isEqualTo(ReceiveTimestamps.USER_SPACE);
      assertThat(jdk.arrivalAgeNanos()).isZero();
    }
  }

  @Test
  void kernelStampCarriesTheAgeOntoTheServedScale() {
    long now = 0xE000_0001_8000_0000L; // x.5 s
    assertThat(KernelStamps.receiveBits(now, 0)).isEqualTo(now);
    assertThat(KernelStamps.receiveBits(now, -5)).isEqualTo(now);
    assertThat(KernelStamps.receiveBits(now, 500_000_000L)).isEqualTo(0xE000_0001_0000_0000L);
    assertThat(KernelStamps.receiveBits(now, 1_500_000_000L)).isEqualTo(0xE000_0000_0000_0000L);
    // One microsecond is 4295 units of 2^-32 s, to the nearest.
    assertThat(now - KernelStamps.receiveBits(now, 1_000L)).isEqualTo(4295L);
  }
}
