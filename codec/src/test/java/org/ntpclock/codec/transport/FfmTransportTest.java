package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ntpclock.codec.server.Allocations;
import org.ntpclock.codec.server.FakeTimeSource;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;

/**
 * The FFM transport of the JDK 22 layer: present exactly where it should be, answering, taking T2
 * from the kernel, allocating nothing per datagram. On JDK 17 only the availability law runs.
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

  private static byte[] exchange(DatagramSocket socket, InetSocketAddress server, long transmit) throws Exception {
    byte[] request = new byte[48];
    request[0] = 0x23;
    ByteBuffer.wrap(request).putLong(40, transmit);
    socket.send(new DatagramPacket(request, 48, server));
    byte[] buffer = new byte[128];
    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
    socket.receive(reply);
    return java.util.Arrays.copyOf(buffer, reply.getLength());
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
      for (Thread t : server.workerThreads()) {
        assertThat(t.isAlive()).as(t.getName()).isFalse();
      }
      try (DatagramSocket again = new DatagramSocket(address)) {
        assertThat(again.getLocalPort()).isEqualTo(address.getPort());
      }
    }
    InetAddress v6 = ipv6Loopback();
    assumeTrue(v6 != null, "no IPv6 loopback on this machine");
    try (ServerTransport server = ffm.startServer(config(SystemTimeSource.create(), v6, 1, true));
        DatagramSocket socket = new DatagramSocket(0, v6)) {
      socket.setSoTimeout(5000);
      assertThat(exchange(socket, server.localAddress(), 5)[0] & 7).isEqualTo(4);
    }
  }

  /** The IPv6 loopback address if this machine can bind it, else null. */
  static InetAddress ipv6Loopback() {
    try {
      InetAddress v6 = InetAddress.getByName("::1");
      try (DatagramSocket probe = new DatagramSocket(0, v6)) {
        return probe.getLocalPort() > 0 ? v6 : null;
      }
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /**
   * Holds the worker inside its first clock read (after the kernel has the datagram and the worker
   * has taken it), reads the system clock, releases: T2 must precede that reading, which a stamp
   * taken in user space after receive cannot do.
   */
  @Test
  @Timeout(30)
  void receiveTimestampIsTheKernelStampNotTheWakeUp() throws Exception {
    FfmProvider ffm = ffm();
    HeldTimeSource held = new HeldTimeSource(SystemTimeSource.create());
    try (ServerTransport server = ffm.startServer(config(held, InetAddress.getLoopbackAddress(), 1, false));
        DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(10_000);
      long sentAfter = SystemTimeSource.create().nowBits();
      byte[] request = new byte[48];
      request[0] = 0x23;
      socket.send(new DatagramPacket(request, 48, server.localAddress()));
      assertThat(held.entered.await(10, TimeUnit.SECONDS)).as("worker read the clock").isTrue();
      long released = SystemTimeSource.create().nowBits();
      held.release.countDown();
      byte[] buffer = new byte[128];
      socket.receive(new DatagramPacket(buffer, buffer.length));
      long t2 = ByteBuffer.wrap(buffer).getLong(32);
      System.out.printf("kernel T2 precedes the release by %d us%n", (released - t2) * 1_000_000 >> 32);
      assertThat(Long.compareUnsigned(t2, released)).as("T2 before the worker was released").isNegative();
      assertThat(Long.compareUnsigned(t2, sentAfter)).as("T2 after the send began").isPositive();
    }
  }

  /** A time source whose first read blocks until released. */
  private static final class HeldTimeSource implements TimeSource {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final TimeSource delegate;

    HeldTimeSource(TimeSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public long nowBits() {
      entered.countDown();
      try {
        if (!release.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delegate.nowBits();
    }

    @Override
    public TimeSourceStatus status() {
      return delegate.status();
    }
  }

  @Test
  @Timeout(60)
  void steadyPathAllocatesNothingPerDatagram() throws Exception {
    FfmProvider ffm = ffm();
    FakeTimeSource source = new FakeTimeSource(0xE000_0000_0000_0000L, 1, FakeTimeSource.STRATUM_2);
    try (ServerTransport server = ffm.startServer(config(source, InetAddress.getLoopbackAddress(), 1, false));
        DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(5000);
      Thread worker = server.workerThreads().get(0);
      // The JIT compiles the worker's loop in the background after some thousands of datagrams;
      // until then the interpreter allocates. Rounds run until one allocates nothing per datagram
      // (a transport that allocates on its steady path never gets there), at most twenty.
      int n = 10_000;
      long perDatagram = Long.MAX_VALUE;
      for (int round = 1; round <= 20 && perDatagram > 0; round++) {
        long before = Allocations.of(worker);
        for (int i = 0; i < n; i++) {
          exchange(socket, server.localAddress(), i + 1);
        }
        long allocated = Allocations.of(worker) - before;
        perDatagram = allocated / n;
        System.out.printf("FFM worker, one client, round %d: %d bytes over %d datagrams%n", round, allocated, n);
      }
      assertThat(perDatagram).isZero();
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
