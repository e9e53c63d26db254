package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ntpclock.core.testing.NtpProbe.exchange;
import static org.ntpclock.codec.transport.StoppedServer.assertStopped;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ntpclock.codec.server.Allocations;
import org.ntpclock.codec.server.FakeTimeSource;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;

/**
 * {@link NtpServer} on each transport: the automatic choice, the explicit one, what stats()
 * reports, where T2 comes from, and allocation on the steady path. FFM cases run where the FFM
 * transport is available (JDK 22+ on Linux: CI's Temurin 25 pass) and the JDK channel cases
 * everywhere, so CI covers both.
 */
class NtpServerTransportTest {
  private static void assumeAvailable(Transport transport) {
    assumeTrue(transport.isAvailable(), transport + " unavailable here: " + transport.unavailableReason());
  }

  @Test
  @Timeout(30)
  void choosesTheBestTransportAndReportsIt() throws Exception {
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(1).start()) {
      assertThat(server.transport()).isEqualTo(Transport.best());
      assertThat(server.receiveTimestamps()).isEqualTo(Transport.best().receiveTimestamps());
      assertThat(server.stats().transport()).isEqualTo(Transport.best());
      assertThat(server.stats().receiveTimestamps()).isEqualTo(Transport.best().receiveTimestamps());
      assertThat(server.toString()).contains(Transport.best().toString());
      System.out.println("NtpServer chose " + server.transport() + " (" + server.receiveTimestamps().description() + ")");
    }
    // Busy-poll is a JDK channel option: the automatic choice follows it.
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(1)
        .busyPoll(Duration.ofMillis(1)).start()) {
      assertThat(server.transport()).isEqualTo(Transport.JDK_CHANNEL);
    }
  }

  @Test
  void anUnavailableOrContradictoryChoiceIsRefusedWithTheReason() {
    if (!Transport.FFM.isAvailable()) {
      assertThatIllegalStateException()
          .isThrownBy(() -> NtpServer.builder(SystemTimeSource.create()).port(0).transport(Transport.FFM).start())
          .withMessageContaining(Transport.FFM.unavailableReason());
    }
    assertThatIllegalStateException().isThrownBy(() -> NtpServer.builder(SystemTimeSource.create()).port(0)
        .transport(Transport.FFM).busyPoll(Duration.ofMillis(1)).start());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  @Timeout(30)
  void answersCountsAndReleasesThePortOnEachTransport(Transport transport) throws Exception {
    assumeAvailable(transport);
    InetSocketAddress address;
    NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(2).transport(transport).start();
    try (DatagramSocket socket = new DatagramSocket()) {
      address = server.localAddress();
      socket.setSoTimeout(10_000);
      for (int i = 0; i < 20; i++) {
        byte[] reply = exchange(socket, address, 0x4242_0000L + i);
        assertThat(reply[0] & 7).isEqualTo(4);
        assertThat(ByteBuffer.wrap(reply).getLong(24)).isEqualTo(0x4242_0000L + i);
      }
      ServerStats stats = server.stats();
      assertThat(stats.transport()).isEqualTo(transport);
      assertThat(stats.count(Verdict.ANSWERED)).isEqualTo(20);
      assertThat(stats.received()).isEqualTo(20);
    } finally {
      server.close();
    }
    assertThat(server.isRunning()).isFalse();
    assertStopped(server.workerThreads(), address);
  }

  /**
   * Holds the worker inside its clock read after it has taken the datagram, reads the system clock,
   * releases. On the FFM transport T2 is the kernel's arrival stamp and precedes that reading; on the
   * JDK channel transport T2 is the clock read itself and follows it.
   */
  @ParameterizedTest
  @EnumSource(Transport.class)
  @Timeout(30)
  void receiveTimestampIsTheKernelStampOnFfmAndTheClockReadOnJdk(Transport transport) throws Exception {
    assumeAvailable(transport);
    HeldTimeSource held = new HeldTimeSource(SystemTimeSource.create());
    try (NtpServer server = NtpServer.builder(held).port(0).workers(1).transport(transport).start();
        DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(20_000);
      long sent = SystemTimeSource.create().nowBits();
      byte[] request = new byte[48];
      request[0] = 0x23;
      socket.send(new DatagramPacket(request, 48, server.localAddress()));
      assertThat(held.entered.await(20, TimeUnit.SECONDS)).as("the worker read the clock").isTrue();
      long released = SystemTimeSource.create().nowBits();
      held.release.countDown();
      byte[] buffer = new byte[128];
      socket.receive(new DatagramPacket(buffer, buffer.length));
      long t2 = ByteBuffer.wrap(buffer).getLong(32);
      System.out.printf("%s: T2 - release = %+d us%n", transport, (t2 - released) * 1_000_000 >> 32);
      assertThat(Long.compareUnsigned(t2, sent)).as("T2 after the send began").isPositive();
      if (transport == Transport.FFM) {
        assertThat(Long.compareUnsigned(t2, released)).as("T2 before the worker was released").isNegative();
      } else {
        assertThat(Long.compareUnsigned(t2, released)).as("T2 read after the release").isPositive();
      }
    }
  }

  /** A time source whose first read blocks until released (then passes through). */
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
        if (!release.await(30, TimeUnit.SECONDS)) {
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

  /**
   * One client, an allocation-free time source: once the JIT has compiled the worker, a round of
   * datagrams allocates nothing on either transport. Rounds run until one allocates nothing per
   * datagram (a transport that allocates on its steady path never gets there), at most twenty.
   */
  @ParameterizedTest
  @EnumSource(Transport.class)
  @Timeout(120)
  void steadyPathAllocatesNothingPerDatagram(Transport transport) throws Exception {
    assumeAvailable(transport);
    FakeTimeSource source = new FakeTimeSource(0xE000_0000_0000_0000L, 1, FakeTimeSource.STRATUM_2);
    try (NtpServer server = NtpServer.builder(source).port(0).workers(1).transport(transport).start();
        DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(10_000);
      Thread worker = server.workerThreads().get(0);
      int n = 10_000;
      long perDatagram = Long.MAX_VALUE;
      for (int round = 1; round <= 20 && perDatagram > 0; round++) {
        long before = Allocations.of(worker);
        for (int i = 0; i < n; i++) {
          exchange(socket, server.localAddress(), i + 1);
        }
        perDatagram = (Allocations.of(worker) - before) / n;
        System.out.printf("%s worker, round %d: %d B/datagram%n", transport, round, perDatagram);
      }
      assertThat(perDatagram).isZero();
    }
  }
}
