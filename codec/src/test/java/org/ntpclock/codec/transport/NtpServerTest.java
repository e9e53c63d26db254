package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ntpclock.core.testing.NtpProbe.exchange;
import static org.ntpclock.core.testing.NtpProbe.send;
import static org.ntpclock.codec.transport.StoppedServer.assertStopped;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntpclock.codec.server.Allocations;
import org.ntpclock.codec.server.FakeTimeSource;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.codec.server.Interop;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSourceStatus;

class NtpServerTest {
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
      // Mode 6 is dropped and counted; nothing comes back: once the server has counted it, the
      // next datagram this socket gets is the reply to the next request.
      socket.send(new DatagramPacket(new byte[] {0x26, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 12, address));
      awaitUntil(() -> server.stats().received(), 21);
      byte[] next = exchange(socket, address, (byte) 0x23, 0xABCD_1000L);
      assertThat(java.nio.ByteBuffer.wrap(next).getLong(24)).as("origin of the first reply after mode 6").isEqualTo(0xABCD_1000L);
    }
    ServerStats stats = server.stats();
    assertThat(stats.received()).isEqualTo(22);
    assertThat(stats.count(Verdict.ANSWERED)).isEqualTo(21);
    assertThat(stats.answered()).isEqualTo(21);
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.count(Verdict.DROPPED_TOO_SHORT)).isEqualTo(1);

    long start = System.nanoTime();
    server.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(server.isRunning()).isFalse();
    System.out.println("NtpServer closed " + server.workerCount() + " workers in " + took.toMillis() + " ms");
    assertStopped(server.workerThreads(), address);
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
    InetAddress v6 = Interop.ipv6Loopback().orElse(null);
    assumeTrue(v6 != null, "no IPv6 loopback on this machine: the IPv6 part is not run");
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
    return allocationPerDatagram(source, UnaryOperator.identity());
  }

  private static long allocationPerDatagram(org.ntpclock.core.TimeSource source, UnaryOperator<NtpServer.Builder> config)
      throws Exception {
    // The JDK channel transport (the FFM transport is counted in NtpServerTransportTest).
    try (NtpServer server = config.apply(NtpServer.builder(source).port(0).workers(1).transport(Transport.JDK_CHANNEL)).start();
        DatagramSocket socket = new DatagramSocket()) {
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
      System.out.printf("NtpServer worker (%s), one client, %s: %d bytes over %d datagrams (%.2f B/datagram)%n",
          server.busyPoll().map(d -> "busy-poll " + d).orElse("blocking"), source.getClass().getSimpleName(), allocated, n,
          (double) allocated / n);
      return allocated / n;
    }
  }

  @Test
  @Timeout(60)
  void busyPollSteadyPathAllocatesNothingPerDatagram() throws Exception {
    FakeTimeSource source = new FakeTimeSource(0xE000_0000_0000_0000L, 1, FakeTimeSource.STRATUM_2);
    // A spin far longer than the gaps between this client's requests: the worker never parks, so
    // this counts the spinning loop, empty polls included.
    assertThat(allocationPerDatagram(source, b -> b.busyPoll(Duration.ofSeconds(30)))).isZero();
    // A 1 ns spin parks after every datagram: this counts a park and a wake-up per datagram.
    assertThat(allocationPerDatagram(source, b -> b.busyPoll(Duration.ofNanos(1)))).isZero();
  }

  @Test
  @Timeout(60)
  void busyPollAnswersOnOwnAndSharedChannelsAndIpv6() throws Exception {
    for (boolean reusePort : new boolean[] {true, false}) {
      try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(2).reusePort(reusePort)
          .busyPoll(Duration.ofMillis(20)).start();
          DatagramSocket socket = new DatagramSocket()) {
        assertThat(server.busyPoll()).contains(Duration.ofMillis(20));
        assertThat(server.usesReusePort()).isEqualTo(reusePort);
        assertThat(server.toString()).contains("busyPoll=PT0.02S");
        socket.setSoTimeout(2000);
        for (int i = 0; i < 50; i++) {
          byte[] reply = exchange(socket, server.localAddress(), (byte) 0x23, 0x5151_0000L + i);
          assertThat(reply).hasSize(48);
          assertThat(reply[0] & 7).isEqualTo(4);
          assertThat(java.nio.ByteBuffer.wrap(reply).getLong(24)).isEqualTo(0x5151_0000L + i);
        }
        socket.send(new DatagramPacket(new byte[] {0x26, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 12, server.localAddress()));
        awaitUntil(() -> server.stats().received(), 51);
        ServerStats stats = server.stats();
        assertThat(stats.count(Verdict.ANSWERED)).isEqualTo(50);
        assertThat(stats.count(Verdict.DROPPED_TOO_SHORT)).isEqualTo(1);
        assertThat(stats.receiveErrors()).isZero();
        assertThat(stats.sendErrors()).isZero();
      }
    }
    InetAddress v6 = Interop.ipv6Loopback().orElse(null);
    assumeTrue(v6 != null, "no IPv6 loopback on this machine: the IPv6 part is not run");
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).bindAddress(v6).port(0).workers(1)
        .busyPoll(Duration.ofMillis(20)).start();
        DatagramSocket socket = new DatagramSocket(0, v6)) {
      socket.setSoTimeout(2000);
      assertThat(exchange(socket, server.localAddress(), (byte) 0x23, 7)[0] & 7).isEqualTo(4);
    }
  }

  @Test
  @Timeout(60)
  void busyPollWorkerParksWhenIdleAndWakesForTheNextDatagram() throws Exception {
    FakeTimeSource source = new FakeTimeSource(0xE000_0000_0000_0000L, 0x1_0000L, FakeTimeSource.STRATUM_2);
    try (NtpServer server = NtpServer.builder(source).port(0).workers(1).busyPoll(Duration.ofMillis(10)).start();
        DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(5000);
      // Idle from the start: the worker spins 10 ms, then parks.
      awaitUntil(server::parkCount, 1);
      for (int round = 0; round < 3; round++) {
        long parked = server.parkCount();
        byte[] reply = exchange(socket, server.localAddress(), (byte) 0x23, 0x7777_0000L + round);
        assertThat(reply[0] & 7).isEqualTo(4);
        java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(reply);
        assertThat(r.getLong(24)).isEqualTo(0x7777_0000L + round);
        // Receive (T2) is read before transmit (T3), each read one step later.
        assertThat(r.getLong(40) - r.getLong(32)).isEqualTo(0x1_0000L);
        // Woke for the datagram, served it, and parks again once the spin has passed.
        awaitUntil(server::parkCount, parked + 1);
      }
      assertThat(server.stats().count(Verdict.ANSWERED)).isEqualTo(3);
    }
  }

  @Test
  @Timeout(60)
  void closeStopsSpinningAndParkedBusyPollWorkers() throws Exception {
    // Spinning: a spin far longer than the test, both workers polling when close() is called.
    NtpServer spinning = NtpServer.builder(SystemTimeSource.create()).port(0).workers(2)
        .busyPoll(NtpServer.MAX_BUSY_POLL).start();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(2000);
      assertThat(exchange(socket, spinning.localAddress(), (byte) 0x23, 1)).hasSize(48);
    }
    assertThat(spinning.parkCount()).isZero();
    assertClosesCompletely(spinning);
    // Parked: own channels and one shared channel (registered with two selectors).
    for (boolean reusePort : new boolean[] {true, false}) {
      NtpServer parked = NtpServer.builder(SystemTimeSource.create()).port(0).workers(2).reusePort(reusePort)
          .busyPoll(Duration.ofMillis(1)).start();
      awaitUntil(parked::parkCount, 2);
      assertClosesCompletely(parked);
    }
  }

  /** close() returns with every worker ended (it waits at most the 2 s shutdown timeout) and the port free. */
  private static void assertClosesCompletely(NtpServer server) throws Exception {
    InetSocketAddress address = server.localAddress();
    server.close();
    assertThat(server.isRunning()).isFalse();
    assertStopped(server.workerThreads(), address);
    server.close();
  }

  /** Polls until the value reaches at least {@code atLeast}; fails after a generous 20 s. */
  private static void awaitUntil(LongSupplier value, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (value.getAsLong() < atLeast) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("still " + value.getAsLong() + " after 20 s, expected at least " + atLeast);
      }
      Thread.sleep(1);
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
      socket.setSoTimeout(10_000);
      send(socket, server.localAddress(), 1);
      awaitUntil(() -> server.stats().internalErrors(), 1);
      assertThat(server.stats().internalErrors()).isEqualTo(1);
      fail.set(false);
      // The first reply that comes is the second request's: the first got none.
      assertThat(java.nio.ByteBuffer.wrap(exchange(socket, server.localAddress(), (byte) 0x23, 2)).getLong(24)).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "busy poll {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(30)
  void aClockThatThrowsWhileStampingTheReceiveIsCountedAndTheWorkerSurvives(boolean busyPoll) throws Exception {
    java.util.concurrent.atomic.AtomicBoolean fail = new java.util.concurrent.atomic.AtomicBoolean(true);
    org.ntpclock.core.TimeSource flaky = new org.ntpclock.core.TimeSource() {
      @Override
      public long nowBits() {
        if (fail.get()) {
          throw new IllegalStateException("RTC unreadable");
        }
        return 0xE000_0000_0000_0000L;
      }

      @Override
      public TimeSourceStatus status() {
        return FakeTimeSource.STRATUM_2;
      }
    };
    NtpServer.Builder builder = NtpServer.builder(flaky).port(0).workers(1);
    if (busyPoll) {
      builder.busyPoll(Duration.ofMillis(50));
    }
    try (NtpServer server = builder.start(); DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(10_000);
      send(socket, server.localAddress(), 1);
      awaitUntil(() -> server.stats().internalErrors(), 1);
      assertThat(server.stats().internalErrors()).isEqualTo(1);
      assertThat(server.stats().received()).isEqualTo(1);
      fail.set(false);
      // The first reply that comes is the second request's: the first got none.
      assertThat(java.nio.ByteBuffer.wrap(exchange(socket, server.localAddress(), (byte) 0x23, 2)).getLong(24)).isEqualTo(2);
      assertThat(server.stats().received()).isEqualTo(2);
    }
  }

  @Test
  void builderRejectsOutOfRange() {
    assertThatIllegalArgumentException().isThrownBy(() -> NtpServer.builder(SystemTimeSource.create()).port(65536));
    assertThatIllegalArgumentException().isThrownBy(() -> NtpServer.builder(SystemTimeSource.create()).workers(0));
    assertThatIllegalArgumentException().isThrownBy(
        () -> NtpServer.builder(SystemTimeSource.create()).shutdownTimeout(Duration.ZERO));
  }

  @Test
  void builderRejectsBusyPollSpinsOutOfRange() throws Exception {
    NtpServer.Builder b = NtpServer.builder(SystemTimeSource.create());
    assertThatIllegalArgumentException().isThrownBy(() -> b.busyPoll(Duration.ZERO)).withMessageContaining("positive");
    assertThatIllegalArgumentException().isThrownBy(() -> b.busyPoll(Duration.ofNanos(-1))).withMessageContaining("positive");
    assertThatIllegalArgumentException().isThrownBy(() -> b.busyPoll(NtpServer.MAX_BUSY_POLL.plusNanos(1)))
        .withMessageContaining("at most");
    org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> b.busyPoll(null));
    // The bounds themselves are accepted; by default the workers block.
    assertThat(b.busyPoll(Duration.ofNanos(1))).isSameAs(b);
    assertThat(b.busyPoll(NtpServer.MAX_BUSY_POLL)).isSameAs(b);
    try (NtpServer blocking = NtpServer.builder(SystemTimeSource.create()).port(0).workers(1).start()) {
      assertThat(blocking.busyPoll()).isEmpty();
      assertThat(blocking.parkCount()).isZero();
    }
  }
}
