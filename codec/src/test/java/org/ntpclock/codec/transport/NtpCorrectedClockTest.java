package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.core.testing.ChronyServer;
import org.ntpclock.codec.client.ClockCorrector;
import org.ntpclock.codec.client.CorrectedTime;
import org.ntpclock.codec.client.ExchangeFailure;
import org.ntpclock.codec.client.Selection;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.testing.RequiresTool;

/** {@link NtpCorrectedClock} against servers on loopback: a fake one ahead, dead ones, chronyd. */
class NtpCorrectedClockTest {
  private static final long SECOND = 1L << 32;
  private static final Duration AHEAD = Duration.ofMillis(2500);
  /** "Sane" for loopback: a bound on gross errors, not an accuracy claim. */
  private static final Duration SANE = Duration.ofMillis(50);

  /** A server whose clock is the system clock plus {@link #AHEAD}. */
  static List<FakeUdpServer.Reply> ahead(ByteBuffer request, int n) {
    Instant now = Instant.now().plus(AHEAD);
    long t = NtpTimestamp.bitsOf(now.getEpochSecond(), now.getNano());
    ByteBuffer b = ByteBuffer.allocate(48);
    b.put(0, (byte) 0x24).put(1, (byte) 2).put(2, (byte) 0).put(3, (byte) -20).putInt(12, 0xC000_0201);
    b.putLong(16, t - 16 * SECOND).putLong(24, request.getLong(40)).putLong(32, t).putLong(40, t);
    return List.of(FakeUdpServer.Reply.of(b));
  }

  private static SntpClient client(Duration timeout) {
    return SntpClient.builder(timeout).retries(0).allowFastPollingForTests().minimumPollInterval(Duration.ofMillis(1))
        .build();
  }

  private static ClockCorrector fastPolls() {
    return ClockCorrector.builder().pollInterval(Duration.ofSeconds(30), Duration.ofMinutes(5)).build();
  }

  @Test
  @Timeout(60)
  void followsAServerTwoAndAHalfSecondsAhead() throws Exception {
    try (FakeUdpServer server = new FakeUdpServer(NtpCorrectedClockTest::ahead);
        NtpCorrectedClock clock = NtpCorrectedClock.builder(client(Duration.ofSeconds(5)), List.of(server.address()))
            .corrector(fastPolls()).start()) {
      assertThat(clock.awaitPolls(1, Duration.ofSeconds(30))).isTrue();
      CorrectedTime t = clock.read();
      assertThat(t.status()).isEqualTo(CorrectedTime.Status.SYNCHRONIZED);
      assertThat(t.isVouched()).isTrue();
      assertThat(t.offset().orElseThrow().minus(AHEAD).abs()).isLessThan(SANE);
      assertThat(t.errorBound().orElseThrow()).isPositive().isLessThan(SANE);
      assertThat(t.staleness().orElseThrow()).isLessThan(Duration.ofSeconds(30));
      // The InstantSource and Clock views tell the server's time, not the system clock's.
      Duration viewAhead = Duration.between(Instant.now(), clock.instant());
      assertThat(viewAhead.minus(AHEAD).abs()).isLessThan(SANE);
      assertThat(clock.clock().getZone()).isEqualTo(ZoneOffset.UTC);
      assertThat(Duration.between(Instant.now(), clock.clock().instant()).minus(AHEAD).abs()).isLessThan(SANE);
      assertThat(server.requestPorts()).hasSize(1);

      CorrectedTime again = clock.pollNow();
      assertThat(again.isVouched()).isTrue();
      assertThat(clock.corrector().goodPolls()).isEqualTo(2);
      assertThat(server.requestPorts()).hasSize(2);
    }
  }

  @Test
  @Timeout(60)
  void whenAllServersFailItSaysItCannotVouchAndBacksOff() throws Exception {
    List<InetSocketAddress> dead = new ArrayList<>();
    List<DatagramSocket> silent = new ArrayList<>();
    // Sockets of ours that never answer, held for the whole test: no other process can take their
    // ports and answer in their place.
    for (int i = 0; i < 3; i++) {
      DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      silent.add(s);
      dead.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort()));
    }
    ClockCorrector corrector = fastPolls();
    try (NtpCorrectedClock clock = NtpCorrectedClock.builder(client(Duration.ofMillis(300)), dead)
        .corrector(corrector).start()) {
      assertThat(clock.awaitPolls(1, Duration.ofSeconds(30))).isTrue();
      Instant before = Instant.now();
      CorrectedTime t = clock.read();
      Instant after = Instant.now();
      assertThat(t.status()).isEqualTo(CorrectedTime.Status.UNSYNCHRONIZED);
      assertThat(t.isVouched()).isFalse();
      assertThat(t.offset()).isEmpty();
      assertThat(t.errorBound()).isEmpty();
      assertThat(t.staleness()).isEmpty();
      assertThat(t.instant()).as("the system clock's time").isBetween(before, after);
      assertThat(corrector.consecutiveFailures()).isEqualTo(1);
      assertThat(corrector.lastFailures()).extracting(ExchangeFailure::server)
          .containsExactlyInAnyOrderElementsOf(dead);
      assertThat(corrector.lastSelection().orElseThrow().status()).isEqualTo(Selection.Status.NO_SAMPLES);
      clock.pollNow();
      assertThat(corrector.consecutiveFailures()).isEqualTo(2);
      assertThat(corrector.backOff(3)).isEqualTo(Duration.ofSeconds(120));
    } finally {
      silent.forEach(DatagramSocket::close);
    }
  }

  @Test
  void needsAServer() {
    assertThatIllegalArgumentException().isThrownBy(
        () -> NtpCorrectedClock.builder(client(Duration.ofSeconds(1)), List.of()));
  }

  @Test
  @Timeout(60)
  @RequiresTool("chronyd")
  void followsAChronydServer(@TempDir Path dir) throws Exception {
    try (ChronyServer chrony = ChronyServer.start(dir, null);
        NtpCorrectedClock clock = NtpCorrectedClock.builder(client(Duration.ofSeconds(5)), List.of(chrony.address()))
            .corrector(fastPolls()).start()) {
      assertThat(clock.awaitPolls(1, Duration.ofSeconds(30))).isTrue();
      CorrectedTime t = clock.read();
      assertThat(t.status()).as(chrony.log()).isEqualTo(CorrectedTime.Status.SYNCHRONIZED);
      // chronyd serves this machine's clock: the corrected time is the system time, sanely.
      assertThat(t.offset().orElseThrow().abs()).isLessThan(SANE);
      assertThat(t.errorBound().orElseThrow()).isPositive().isLessThan(SANE);
      assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(SANE);
    }
  }
}
