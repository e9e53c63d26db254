package org.ntpclock.codec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSourceStatus;

class NtpServerTest {
  private static byte[] exchange(DatagramSocket socket, InetSocketAddress server, byte first, long transmit)
      throws Exception {
    byte[] req = new byte[48];
    req[0] = first;
    java.nio.ByteBuffer.wrap(req).putLong(40, transmit);
    socket.send(new DatagramPacket(req, 48, server));
    byte[] buf = new byte[128];
    DatagramPacket reply = new DatagramPacket(buf, buf.length);
    socket.receive(reply);
    return java.util.Arrays.copyOf(buf, reply.getLength());
  }

  @Test
  @Timeout(30)
  void servesOnAnEphemeralPortCountsAndClosesPromptly() throws Exception {
    NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(3).start();
    InetSocketAddress address = server.localAddress();
    assertThat(address.getPort()).isPositive();
    assertThat(server.workerCount()).isEqualTo(3);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(2000);
      for (int i = 0; i < 20; i++) {
        byte[] reply = exchange(socket, address, (byte) 0x23, 0xABCD_0000L + i);
        assertThat(reply).hasSize(48);
        assertThat(reply[0] & 7).isEqualTo(4);
        assertThat(java.nio.ByteBuffer.wrap(reply).getLong(24)).isEqualTo(0xABCD_0000L + i);
      }
      // Mode 6 is dropped and counted; nothing comes back.
      socket.send(new DatagramPacket(new byte[] {0x26, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 12, address));
      socket.setSoTimeout(300);
      boolean answered;
      try {
        socket.receive(new DatagramPacket(new byte[128], 128));
        answered = true;
      } catch (SocketTimeoutException e) {
        answered = false;
      }
      assertThat(answered).isFalse();
    }
    ServerStats stats = server.stats();
    assertThat(stats.received()).isEqualTo(21);
    assertThat(stats.count(Verdict.ANSWERED)).isEqualTo(20);
    assertThat(stats.answered()).isEqualTo(20);
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.count(Verdict.DROPPED_TOO_SHORT)).isEqualTo(1);

    long start = System.nanoTime();
    server.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(server.isRunning()).isFalse();
    for (Thread t : server.workerThreads()) {
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
    System.out.println("NtpServer closed " + server.workerCount() + " workers in " + took.toMillis() + " ms");
    // The port is free again.
    try (DatagramSocket again = new DatagramSocket(address)) {
      assertThat(again.getLocalPort()).isEqualTo(address.getPort());
    }
    server.close(); // idempotent
  }

  @Test
  @Timeout(30)
  void sharedChannelFallbackAndIpv6() throws Exception {
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(2).reusePort(false).start()) {
      assertThat(server.usesReusePort()).isFalse();
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.setSoTimeout(2000);
        assertThat(exchange(socket, server.localAddress(), (byte) 0x1B, 1)).hasSize(48);
      }
    }
    InetAddress v6 = InetAddress.getByName("::1");
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).bindAddress(v6).port(0).workers(2).start();
        DatagramSocket socket = new DatagramSocket(0, v6)) {
      socket.setSoTimeout(2000);
      byte[] reply = exchange(socket, server.localAddress(), (byte) 0x23, 7);
      assertThat(reply[0] & 7).isEqualTo(4);
    }
  }

  @Test
  @Timeout(30)
  void unsynchronizedSourceIsServedAsLeap3() throws Exception {
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create(java.time.InstantSource.system(),
        TimeSourceStatus.unsynchronized(-20))).port(0).workers(1).start();
        DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(2000);
      byte[] reply = exchange(socket, server.localAddress(), (byte) 0x23, 9);
      assertThat((reply[0] & 0xFF) >> 6).isEqualTo(3);
      assertThat(reply[1]).isZero();
    }
  }

  @Test
  @Timeout(30)
  void steadyPathOfTheTransportAllocatesNothingPerDatagram() throws Exception {
    long perDatagram = allocationPerDatagram(new FakeTimeSource(0xE000_0000_0000_0000L, 1, FakeTimeSource.STRATUM_2));
    // One sender: the JDK reuses its cached sender address, the worker allocates nothing per datagram.
    assertThat(perDatagram).isZero();
    long withSystemClock = allocationPerDatagram(SystemTimeSource.create());
    // SystemTimeSource reads an Instant per timestamp; the JIT usually scalar-replaces it.
    System.out.println("  with SystemTimeSource: " + withSystemClock + " B/datagram");
  }

  private static long allocationPerDatagram(org.ntpclock.core.TimeSource source) throws Exception {
    try (NtpServer server = NtpServer.builder(source).port(0).workers(1).start(); DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(2000);
      for (int i = 0; i < 5000; i++) {
        exchange(socket, server.localAddress(), (byte) 0x23, i + 1);
      }
      Thread worker = server.workerThreads().get(0);
      long before = Allocations.of(worker);
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        exchange(socket, server.localAddress(), (byte) 0x23, i + 1);
      }
      long allocated = Allocations.of(worker) - before;
      System.out.printf("NtpServer worker, one client, %s: %d bytes over %d datagrams (%.2f B/datagram)%n",
          source.getClass().getSimpleName(), allocated, n, (double) allocated / n);
      return allocated / n;
    }
  }

  @Test
  @Timeout(30)
  void failingTimeSourceIsCountedAndTheWorkerSurvives() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean fail = new java.util.concurrent.atomic.AtomicBoolean(true);
    org.ntpclock.core.TimeSource flaky = new org.ntpclock.core.TimeSource() {
      @Override
      public long nowBits() {
        return 0xE000_0000_0000_0000L;
      }

      @Override
      public TimeSourceStatus status() {
        if (fail.get()) {
          throw new IllegalStateException("RTC unreadable");
        }
        return FakeTimeSource.STRATUM_2;
      }
    };
    try (NtpServer server = NtpServer.builder(flaky).port(0).workers(1).start(); DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(300);
      assertThatThrownByTimeout(() -> exchange(socket, server.localAddress(), (byte) 0x23, 1));
      assertThat(server.stats().internalErrors()).isEqualTo(1);
      fail.set(false);
      socket.setSoTimeout(2000);
      assertThat(exchange(socket, server.localAddress(), (byte) 0x23, 2)).hasSize(48);
    }
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertThatThrownByTimeout(Call call) throws Exception {
    try {
      call.run();
      throw new AssertionError("expected no reply");
    } catch (SocketTimeoutException expected) {
      // no reply, as expected
    }
  }

  @Test
  void builderRejectsOutOfRange() {
    assertThatIllegalArgumentException().isThrownBy(() -> NtpServer.builder(SystemTimeSource.create()).port(65536));
    assertThatIllegalArgumentException().isThrownBy(() -> NtpServer.builder(SystemTimeSource.create()).workers(0));
    assertThatIllegalArgumentException().isThrownBy(
        () -> NtpServer.builder(SystemTimeSource.create()).shutdownTimeout(Duration.ZERO));
  }
}
