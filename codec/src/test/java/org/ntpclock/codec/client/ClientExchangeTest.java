package org.ntpclock.codec.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.auth.AuthStatus;
import org.ntpclock.codec.auth.MacAlgorithm;
import org.ntpclock.codec.auth.NtpAuthenticator;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.core.NtpTimestamp;

/**
 * The sans-I/O exchange against a fake server that answers whatever the test wants: good
 * replies, kiss-o'-death RATE/DENY/RSTR, a wrong origin, zero transmit, LI 3, stratum 0 and 16, a
 * reply from another address, a reply across the 2036 era boundary, bad MACs. Each gets its typed
 * outcome.
 */
public class ClientExchangeTest {
  /** For JUnit; {@link #kod} is also used by the transport tests. */
  public ClientExchangeTest() {}

  private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 123);
  private static final long SECOND = 1L << 32;
  private static final Duration ROUND_TRIP = Duration.ofMillis(2);
  private static final SymmetricKey KEY = SymmetricKey.of(1, MacAlgorithm.AES128_CMAC,
      new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});

  private final ManualTime time = new ManualTime(Instant.parse("2026-11-21T10:00:00Z"));

  private ExchangeSettings settings() {
    return ExchangeSettings.builder().clock(time).ticker(time).random(new SplittableRandom(7)).build();
  }

  /** A fake server's reply: a good stratum-2 answer to the request, offset by {@code offsetBits}. */
  static ByteBuffer reply(ByteBuffer request, long t1Bits, long offsetBits, Duration roundTrip) {
    long rtt = ClientExchange.durationBits(roundTrip.toNanos());
    long half = (rtt - SECOND / 10_000) / 2; // about 100 µs in the server
    long processing = rtt - 2 * half; // symmetric paths: the offset is exact
    long t2 = t1Bits + offsetBits + half;
    long t3 = t2 + processing;
    ByteBuffer b = ByteBuffer.allocate(48);
    b.put(0, (byte) 0x24).put(1, (byte) 2).put(2, (byte) 6).put(3, (byte) -20);
    b.putInt(4, 0x0000_0100).putInt(8, 0x0000_0200).putInt(12, 0xC000_0201);
    b.putLong(16, t2 - 16 * SECOND);
    b.putLong(24, request.getLong(40));
    b.putLong(32, t2);
    b.putLong(40, t3);
    return b;
  }

  public static ByteBuffer kod(ByteBuffer request, String code) {
    ByteBuffer b = ByteBuffer.allocate(48);
    b.put(0, (byte) 0xE4).put(1, (byte) 0);
    for (int i = 0; i < 4; i++) {
      b.put(12 + i, (byte) code.charAt(i));
    }
    b.putLong(24, request.getLong(40));
    return b;
  }

  private ClientExchange start(ExchangeSettings s, ByteBuffer request) {
    ClientExchange ex = ClientExchange.create(s, SERVER);
    ex.writeRequest(request);
    request.flip();
    return ex;
  }

  @Test
  void requestIsDataMinimizedWithAnUnpredictableTransmitKey() {
    Set<Long> keys = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      ByteBuffer req = ByteBuffer.allocate(48);
      ClientExchange ex = start(ExchangeSettings.builder().clock(time).ticker(time).build(), req);
      assertThat(req.remaining()).isEqualTo(48);
      assertThat(req.get(0)).isEqualTo((byte) 0x23);
      for (int j = 1; j < 40; j++) {
        assertThat(req.get(j)).as("byte %s", j).isZero();
      }
      assertThat(req.getLong(40)).isEqualTo(ex.transmitKey()).isNotZero();
      assertThat(ex.transmitKey()).as("the real T1 stays local").isNotEqualTo(ex.t1Bits());
      keys.add(ex.transmitKey());
    }
    assertThat(keys).hasSize(100);
  }

  @Test
  void goodReplyGivesExactOffsetDelayAndRootDistance() {
    ByteBuffer req = ByteBuffer.allocate(48);
    ClientExchange ex = start(settings(), req);
    long offset = 3 * SECOND / 2; // server 1.5 s ahead
    ByteBuffer reply = reply(req, ex.t1Bits(), offset, ROUND_TRIP);
    time.advance(ROUND_TRIP);
    ExchangeResult r = ex.receive(reply, SERVER);
    assertThat(r).isInstanceOf(TimeSample.class);
    TimeSample s = (TimeSample) r;
    assertThat(s.offset().toBits()).isEqualTo(offset);
    long delay = 2 * ((ClientExchange.durationBits(ROUND_TRIP.toNanos()) - SECOND / 10_000) / 2);
    assertThat(s.delay().toBits()).isEqualTo(delay);
    // λ = (δ + rootDelay)/2 + rootDispersion with rootDelay 0x100 and rootDispersion 0x200 (16.16).
    assertThat(s.rootDistance().toBits()).isEqualTo((delay + (0x100L << 16)) / 2 + (0x200L << 16));
    assertThat(s.offset().toDuration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.stratum()).isEqualTo(2);
    assertThat(s.server()).isEqualTo(SERVER);
    assertThat(s.referenceId().toDottedQuad()).isEqualTo("192.0.2.1");
    assertThat(s.clientReceive().toBits() - s.clientTransmit().toBits())
        .isEqualTo(ClientExchange.durationBits(ROUND_TRIP.toNanos()));
    // Each origin is accepted once.
    ExchangeResult again = ex.receive(reply, SERVER);
    assertThat(((ExchangeFailure) again).reason()).isEqualTo(FailureReason.ALREADY_COMPLETED);
  }

  @Test
  void wallClockStepDuringTheExchangeCorruptsNeitherDelayNorOffset() {
    ByteBuffer req = ByteBuffer.allocate(48);
    ClientExchange ex = start(settings(), req);
    ByteBuffer reply = reply(req, ex.t1Bits(), SECOND, ROUND_TRIP);
    time.stepWallClock(Duration.ofHours(-1));
    time.advance(ROUND_TRIP);
    TimeSample s = (TimeSample) ex.receive(reply, SERVER);
    assertThat(s.offset().toBits()).isEqualTo(SECOND);
    assertThat(s.delay().toDuration()).isBetween(Duration.ofMillis(1), Duration.ofMillis(2));
  }

  @Test
  void kissOfDeathCodesGiveTheirRequiredReaction() {
    for (String code : new String[] {"RATE", "DENY", "RSTR", "INIT", "XFOO"}) {
      ByteBuffer req = ByteBuffer.allocate(48);
      ClientExchange ex = start(settings(), req);
      time.advance(ROUND_TRIP);
      ExchangeFailure.KissOfDeath f = (ExchangeFailure.KissOfDeath) ex.receive(kod(req, code), SERVER);
      assertThat(f.reason()).as(code).isEqualTo(FailureReason.KISS_OF_DEATH);
      assertThat(f.isFinal()).isTrue();
      switch (code) {
        case "RATE":
          assertThat(f.kissCode()).contains(KissCode.RATE);
          assertThat(f.reaction()).isEqualTo(KissCode.Reaction.REDUCE_RATE);
          break;
        case "DENY":
        case "RSTR":
          assertThat(f.kissCode()).contains(KissCode.valueOf(code));
          assertThat(f.reaction()).isEqualTo(KissCode.Reaction.DEMOBILIZE);
          break;
        case "INIT":
          assertThat(f.reaction()).isEqualTo(KissCode.Reaction.DISCARD);
          break;
        default:
          assertThat(f.kissCode()).isEmpty();
          assertThat(f.reaction()).isEqualTo(KissCode.Reaction.IGNORE);
      }
    }
  }

  @Test
  void wrongOriginIsRejectedAndTheGenuineReplyStillAccepted() {
    ByteBuffer req = ByteBuffer.allocate(48);
    ClientExchange ex = start(settings(), req);
    time.advance(ROUND_TRIP);
    ByteBuffer forged = reply(req, ex.t1Bits(), 0, ROUND_TRIP);
    forged.putLong(24, ex.transmitKey() ^ 1);
    ExchangeFailure f = (ExchangeFailure) ex.receive(forged, SERVER);
    assertThat(f.reason()).isEqualTo(FailureReason.STRAY);
    assertThat(((ExchangeFailure.Stray) f).check()).isEqualTo(ValidationFailure.ORIGIN_MISMATCH);
    assertThat(f.isFinal()).isFalse();
    // A KoD with a wrong origin is just as forged: it must not stop us.
    ByteBuffer forgedKod = kod(req, "DENY").putLong(24, 12345);
    assertThat(ex.receive(forgedKod, SERVER)).isEqualTo(new ExchangeFailure.Stray(SERVER, ValidationFailure.ORIGIN_MISMATCH));
    assertThat(ex.receive(reply(req, ex.t1Bits(), 0, ROUND_TRIP), SERVER)).isInstanceOf(TimeSample.class);
  }

  @Test
  void replyFromAnotherAddressOrPortIsRejected() throws Exception {
    ByteBuffer req = ByteBuffer.allocate(48);
    ClientExchange ex = start(settings(), req);
    time.advance(ROUND_TRIP);
    ByteBuffer genuine = reply(req, ex.t1Bits(), 0, ROUND_TRIP);
    for (InetSocketAddress other : new InetSocketAddress[] {
        new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 123),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 124)}) {
      ExchangeFailure f = (ExchangeFailure) ex.receive(genuine, other);
      assertThat(f.reason()).isEqualTo(FailureReason.STRAY);
      assertThat(((ExchangeFailure.Stray) f).check()).isEqualTo(ValidationFailure.SOURCE_MISMATCH);
      assertThat(f.isFinal()).isFalse();
    }
    assertThat(ex.receive(genuine, SERVER)).isInstanceOf(TimeSample.class);
  }

  private ExchangeFailure validationFailure(java.util.function.Consumer<ByteBuffer> tweak) {
    ByteBuffer req = ByteBuffer.allocate(48);
    ClientExchange ex = start(settings(), req);
    time.advance(ROUND_TRIP);
    ByteBuffer reply = reply(req, ex.t1Bits(), 0, ROUND_TRIP);
    tweak.accept(reply);
    ExchangeResult r = ex.receive(reply, SERVER);
    assertThat(r).isInstanceOf(ExchangeFailure.class);
    return (ExchangeFailure) r;
  }

  @Test
  void zeroTransmitIsRejected() {
    ExchangeFailure f = validationFailure(b -> b.putLong(40, 0));
    assertThat(f.reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
    assertThat(((ExchangeFailure.ValidationFailed) f).failures()).contains(ValidationFailure.ZERO_TRANSMIT);
  }

  @Test
  void leapIndicator3IsRejected() {
    ExchangeFailure f = validationFailure(b -> b.put(0, (byte) 0xE4));
    assertThat(f.reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
    assertThat(((ExchangeFailure.ValidationFailed) f).failures()).contains(ValidationFailure.UNSYNCHRONIZED);
  }

  @Test
  void stratum0IsAKissOfDeathWhoseTimeIsNotUsed() {
    ExchangeFailure f = validationFailure(b -> b.put(1, (byte) 0).putInt(12, 0));
    assertThat(f.reason()).isEqualTo(FailureReason.KISS_OF_DEATH);
    ExchangeFailure.KissOfDeath kod = (ExchangeFailure.KissOfDeath) f;
    assertThat(kod.kissCode()).isEmpty();
    assertThat(kod.reaction()).isEqualTo(KissCode.Reaction.DISCARD);
  }

  @Test
  void stratum16IsRejected() {
    ExchangeFailure f = validationFailure(b -> b.put(1, (byte) 16));
    assertThat(f.reason()).isEqualTo(FailureReason.VALIDATION_FAILED);
    assertThat(((ExchangeFailure.ValidationFailed) f).failures()).contains(ValidationFailure.STRATUM_OUT_OF_RANGE);
  }

  @Test
  void undecodableDatagramIsRejectedWithTheDecodeReason() {
    ByteBuffer req = ByteBuffer.allocate(48);
    ClientExchange ex = start(settings(), req);
    ExchangeFailure f = (ExchangeFailure) ex.receive(ByteBuffer.allocate(40), SERVER);
    assertThat(f.reason()).isEqualTo(FailureReason.MALFORMED);
    assertThat(((ExchangeFailure.Malformed) f).decodeReason()).isEqualTo(NtpDecodeException.Reason.TOO_SHORT);
    assertThat(f.isFinal()).isFalse();
    assertThat(ex.timeout().reason()).isEqualTo(FailureReason.TIMEOUT);
  }

  /**
   * 2036: the client's clock is 500 s before 2036-02-07T06:28:16Z (era 0), the server is 1000 s
   * ahead, so its timestamps are in era 1 and wrapped to small values. The offset must still be
   * exactly +1000 s (wrapping first differences, RFC 5905 section 6).
   */
  @Test
  void replyAcrossThe2036EraBoundaryGivesTheRightOffset() {
    ManualTime t2036 = new ManualTime(Instant.parse("2036-02-07T06:28:16Z").minusSeconds(500));
    ExchangeSettings s = ExchangeSettings.builder().clock(t2036).ticker(t2036).build();
    ByteBuffer req = ByteBuffer.allocate(48);
    ClientExchange ex = start(s, req);
    assertThat(NtpTimestamp.secondsOf(ex.t1Bits())).isEqualTo(0xFFFF_FFFFL - 499);
    ByteBuffer reply = reply(req, ex.t1Bits(), 1000 * SECOND, ROUND_TRIP);
    assertThat(NtpTimestamp.secondsOf(reply.getLong(40))).as("server in era 1").isLessThan(1000);
    t2036.advance(ROUND_TRIP);
    TimeSample sample = (TimeSample) ex.receive(reply, SERVER);
    assertThat(sample.offset()).isEqualTo(NtpDuration.ofBits(1000 * SECOND));
    assertThat(sample.offset().toDuration()).isEqualTo(Duration.ofSeconds(1000));
    assertThat(sample.delay().toDuration()).isBetween(Duration.ofMillis(1), Duration.ofMillis(2));
  }

  @Test
  void authenticatedExchangeRequiresAValidMac() {
    ExchangeSettings s = settings().toBuilder().key(KEY).build();
    ByteBuffer req = ByteBuffer.allocate(100);
    ClientExchange ex = start(s, req);
    assertThat(req.remaining()).isEqualTo(68);
    assertThat(NtpAuthenticator.check(req, 48, org.ntpclock.codec.auth.KeyStore.of(KEY))).isEqualTo(AuthStatus.VALID);
    time.advance(ROUND_TRIP);
    // Unsigned reply: rejected, not final (it may be forged); the timeout then reports why.
    ByteBuffer plain = reply(req, ex.t1Bits(), 0, ROUND_TRIP);
    ExchangeFailure f = (ExchangeFailure) ex.receive(plain, SERVER);
    assertThat(f.reason()).isEqualTo(FailureReason.AUTHENTICATION_FAILED);
    assertThat(((ExchangeFailure.AuthenticationFailed) f).status()).isEqualTo(AuthStatus.NO_MAC);
    // Signed with a wrong secret.
    ByteBuffer badMac = ByteBuffer.allocate(68).put(plain.duplicate()).position(48);
    NtpAuthenticator.appendMac(badMac, 0, SymmetricKey.of(1, MacAlgorithm.AES128_CMAC, new byte[16]));
    f = (ExchangeFailure) ex.receive(badMac.flip(), SERVER);
    assertThat(((ExchangeFailure.AuthenticationFailed) f).status()).isEqualTo(AuthStatus.BAD_DIGEST);
    // Correctly signed.
    ByteBuffer good = ByteBuffer.allocate(68).put(plain.duplicate()).position(48);
    NtpAuthenticator.appendMac(good, 0, KEY);
    assertThat(ex.receive(good.flip(), SERVER)).isInstanceOf(TimeSample.class);
  }

  @Test
  void timeoutAfterOnlyBadlyAuthenticatedRepliesSaysSo() {
    ClientExchange ex = start(settings().toBuilder().key(KEY).build(), ByteBuffer.allocate(100));
    ByteBuffer req = ByteBuffer.allocate(48).putLong(40, ex.transmitKey());
    ex.receive(reply(req, ex.t1Bits(), 0, ROUND_TRIP), SERVER);
    ExchangeFailure f = ex.timeout();
    assertThat(f.reason()).isEqualTo(FailureReason.AUTHENTICATION_FAILED);
    assertThat(ex.isCompleted()).isTrue();
  }
}
