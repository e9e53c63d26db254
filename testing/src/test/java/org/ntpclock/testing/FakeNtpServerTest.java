package org.ntpclock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.codec.auth.AuthStatus;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.codec.auth.MacAlgorithm;
import org.ntpclock.codec.auth.NtpAuthenticator;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

/** The fake server answers each request as its script says, and records what it received. */
@ExtendWith(FakeNtpServerExtension.class)
class FakeNtpServerTest {
  private static final NtpTimestamp T1 = NtpTimestamp.fromInstant(Instant.parse("2026-12-03T11:59:59.5Z"));
  private static final SymmetricKey KEY =
      SymmetricKey.of(7, MacAlgorithm.AES128_CMAC, "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  private static byte[] request() {
    return NtpPacket.builder().version(4).mode(Mode.CLIENT).transmitTimestamp(T1).build().toByteArray();
  }

  /** Sends one datagram and waits for the answer: empty after {@code wait} of silence. */
  private static Optional<byte[]> exchange(FakeNtpServer server, byte[] datagram, Duration wait) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout((int) wait.toMillis());
      socket.send(new DatagramPacket(datagram, datagram.length, server.address()));
      DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
      try {
        socket.receive(in);
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
      return Optional.of(Arrays.copyOf(in.getData(), in.getLength()));
    }
  }

  private static NtpPacket answer(FakeNtpServer server) throws IOException, NtpDecodeException {
    byte[] bytes = exchange(server, request(), Duration.ofSeconds(10)).orElseThrow();
    return NtpPacket.decode(bytes, ParsePolicy.lenient());
  }

  @Test
  void aCorrectReplyEchoesTheOriginAndStampsFromTheClock() throws Exception {
    Instant now = Instant.parse("2026-12-03T12:00:00Z");
    try (FakeNtpServer server = FakeNtpServer.start(InstantSource.fixed(now))) {
      NtpPacket reply = answer(server);
      assertThat(reply.mode()).isEqualTo(Mode.SERVER);
      assertThat(reply.version()).isEqualTo(4);
      assertThat(reply.leap()).isEqualTo(LeapIndicator.NO_WARNING);
      assertThat(reply.stratum()).isEqualTo(1);
      assertThat(reply.referenceId()).isEqualTo(ReferenceId.ofAscii("FAKE"));
      assertThat(reply.originTimestamp()).isEqualTo(T1);
      assertThat(reply.receiveTimestamp().toInstant()).isEqualTo(now);
      assertThat(reply.transmitTimestamp().toInstant()).isEqualTo(now);
      assertThat(reply.referenceTimestamp().toInstant()).isBefore(now);
    }
  }

  @Test
  void scriptedRepliesComeInOrderThenTheDefault(FakeNtpServer server) throws Exception {
    server.enqueue(FakeReply.kissOfDeath("RATE"), FakeReply.correct().withLeap(LeapIndicator.UNSYNCHRONIZED));
    NtpPacket first = answer(server);
    assertThat(first.stratum()).isZero();
    assertThat(first.referenceId()).isEqualTo(ReferenceId.ofAscii("RATE"));
    assertThat(first.isKissOfDeath()).isTrue();
    assertThat(answer(server).leap()).isEqualTo(LeapIndicator.UNSYNCHRONIZED);
    NtpPacket third = answer(server);
    assertThat(third.leap()).isEqualTo(LeapIndicator.NO_WARNING);
    assertThat(third.stratum()).isEqualTo(1);

    assertThat(server.requests()).hasSize(3);
    assertThat(server.requests().get(0).answeredWith().kissCode()).contains("RATE");
    assertThat(server.requests().get(2).requirePacket().transmitTimestamp()).isEqualTo(T1);
  }

  @Test
  void offsetAndServedTimeShiftTheTimestamps() throws Exception {
    Instant now = Instant.parse("2026-12-03T12:00:00Z");
    try (FakeNtpServer server = FakeNtpServer.start(InstantSource.fixed(now))) {
      server.enqueue(
          FakeReply.correct().withOffset(Duration.ofMillis(2500)),
          FakeReply.correct().withServedTimeFrom(Instant.parse("2040-01-01T00:00:00Z")));
      assertThat(answer(server).transmitTimestamp().toInstant()).isEqualTo(now.plusMillis(2500));
      NtpPacket era1 = answer(server);
      assertThat(era1.transmitTimestamp().toBits() >>> 32).isLessThan(0x8000_0000L);
      assertThat(era1.transmitTimestamp().toInstant()).isEqualTo(Instant.parse("2040-01-01T00:00:00Z"));
    }
  }

  @Test
  void brokenRepliesAreBrokenExactlyAsScripted(FakeNtpServer server) throws Exception {
    server.enqueue(
        FakeReply.correct().withWrongOrigin(),
        FakeReply.correct().withZeroTransmit(),
        FakeReply.correct().withStratum(16),
        FakeReply.correct().truncatedTo(47),
        FakeReply.raw(new byte[] {1, 2, 3}));
    assertThat(answer(server).originTimestamp()).isNotEqualTo(T1);
    assertThat(answer(server).transmitTimestamp()).isEqualTo(NtpTimestamp.UNKNOWN);
    assertThat(answer(server).stratum()).isEqualTo(16);
    assertThat(exchange(server, request(), Duration.ofSeconds(10)).orElseThrow()).hasSize(47);
    assertThat(exchange(server, request(), Duration.ofSeconds(10)).orElseThrow()).containsExactly(1, 2, 3);
  }

  @Test
  void silenceAndJunkRequestsAreRecordedToo(FakeNtpServer server) throws Exception {
    server.enqueue(FakeReply.noReply());
    assertThat(exchange(server, request(), Duration.ofMillis(300))).isEmpty();
    // junk is no NTP request: the default correct reply cannot be built, so nothing is sent
    assertThat(exchange(server, new byte[] {9, 9}, Duration.ofMillis(300))).isEmpty();
    RecordedRequest silent = server.takeRequest(Duration.ofSeconds(10));
    RecordedRequest junk = server.takeRequest(Duration.ofSeconds(10));
    assertThat(silent.requirePacket().mode()).isEqualTo(Mode.CLIENT);
    assertThat(junk.packet()).isEmpty();
    assertThat(junk.bytes()).containsExactly(9, 9);
    assertThatThrownBy(junk::requirePacket).isInstanceOf(AssertionError.class);
  }

  @Test
  void macsVerifyOrFailAsScripted(FakeNtpServer server) throws Exception {
    server.enqueue(FakeReply.correct().withMac(KEY), FakeReply.correct().withBadMac(KEY));
    KeyStore keys = KeyStore.of(KEY);
    byte[] good = exchange(server, request(), Duration.ofSeconds(10)).orElseThrow();
    byte[] bad = exchange(server, request(), Duration.ofSeconds(10)).orElseThrow();
    assertThat(NtpAuthenticator.check(good, 48, good.length, keys)).isEqualTo(AuthStatus.VALID);
    assertThat(NtpAuthenticator.check(bad, 48, bad.length, keys)).isEqualTo(AuthStatus.BAD_DIGEST);
  }

  @Test
  void aDelayedReplyArrivesAfterTheDelay(FakeNtpServer server) throws Exception {
    server.enqueue(FakeReply.correct().withDelay(Duration.ofMillis(200)));
    long start = System.nanoTime();
    assertThat(exchange(server, request(), Duration.ofSeconds(10))).isPresent();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void takeRequestFailsWhenNothingArrives(FakeNtpServer server) {
    assertThatThrownBy(() -> server.takeRequest(Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no request 1");
  }

  @Test
  void repliesRejectNonsense() {
    assertThatThrownBy(() -> FakeReply.kissOfDeath("TOOLONG")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeReply.correct().withStratum(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeReply.noReply().withOffset(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FakeReply.correct().withDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
