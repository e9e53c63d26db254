package org.ntpclock.codec.client;

import static org.assertj.core.api.Assertions.assertThat;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.GoldenPacketTest;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.testing.PacketArbitraries;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

/** The client checklist of wire-rules section 7, one failure at a time. */
class ResponseValidatorTest {
  static final long T1 = 0xe5f663a87619ef40L;
  static final long T2 = 0xe5f663a8798c6581L;
  static final long T3 = 0xe5f663a8798eae2bL;
  static final long T4 = T1 + 0x0100_0000L; // 3.9 ms after T1
  static final long SECOND = 1L << 32;

  static NtpPacket.Builder good() throws NtpDecodeException {
    return NtpPacket.decode(GoldenPacketTest.hex(GoldenPacketTest.SERVER_V4)).toBuilder();
  }

  static ValidationResult check(NtpPacket.Builder reply) {
    return ResponseValidator.validate(reply.build(), Exchange.of(T1, T4));
  }

  static ValidationResult check(NtpPacket.Builder reply, ValidationPolicy policy) {
    return ResponseValidator.validate(reply.build(), Exchange.of(T1, T4), policy);
  }

  @Test
  void theGoldenReplyIsValid() throws Exception {
    ValidationResult r = check(good());
    assertThat(r.isValid()).as(r.toString()).isTrue();
    assertThat(r.failures()).isEmpty();
    assertThat(r.firstFailure()).isEmpty();
    assertThat(r.isKissOfDeath()).isFalse();
    // delay = (T4 - T1) - (T3 - T2) = 0x01000000 - 0x248aa
    assertThat(r.delay().orElseThrow().toBits()).isEqualTo(0x0100_0000L - 0x248aaL);
    assertThat(r.offset()).isPresent();
    assertThat(r.toString()).startsWith("VALID offset=");
  }

  @Test
  void serverAheadGivesPositiveOffset() throws Exception { // RIPE Atlas #130: sign
    long ahead = 5 * SECOND;
    ValidationResult r = check(good().receiveTimestamp(NtpTimestamp.ofBits(T1 + ahead + 100))
        .transmitTimestamp(NtpTimestamp.ofBits(T1 + ahead + 200)));
    assertThat(r.isValid()).isTrue();
    assertThat(r.offset().orElseThrow().toNanos()).isBetween(4_998_000_000L, 5_000_000_000L);
  }

  @Test
  void gatesEndTheCheck() throws Exception {
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", 123);
    ValidationResult wrongSource = ResponseValidator.validate(good().build(),
        Exchange.of(T1, T4).withSource(server, new InetSocketAddress("127.0.0.2", 123)));
    assertThat(wrongSource.failures()).containsExactly(ValidationFailure.SOURCE_MISMATCH);
    assertThat(wrongSource.offset()).isEmpty();
    assertThat(ResponseValidator.validate(good().build(), Exchange.of(T1, T4).withSource(server, server)).isValid())
        .isTrue();
    assertThat(check(good().version(2)).failures()).containsExactly(ValidationFailure.UNSUPPORTED_VERSION);
    assertThat(check(good().version(2), ValidationPolicy.defaults().withVersions(1, 4)).isValid()).isTrue();
    assertThat(check(good().mode(Mode.CLIENT)).failures()).containsExactly(ValidationFailure.UNEXPECTED_MODE);
    assertThat(check(good().mode(Mode.BROADCAST)).failures()).containsExactly(ValidationFailure.UNEXPECTED_MODE);
    assertThat(check(good().mode(Mode.BROADCAST), ValidationPolicy.defaults().withBroadcast(true)).isValid()).isTrue();
    // The origin is compared bit for bit, never rounded (CN-5, CN-8).
    assertThat(check(good().originTimestamp(NtpTimestamp.ofBits(T1 + 1))).failures())
        .containsExactly(ValidationFailure.ORIGIN_MISMATCH);
    // Several gates wrong at once: the first is reported.
    assertThat(check(good().mode(Mode.CLIENT).originTimestamp(NtpTimestamp.UNKNOWN)).failures())
        .containsExactly(ValidationFailure.UNEXPECTED_MODE);
  }

  @Test
  void kissOfDeathIsReportedWithItsReactionAndNoTime() throws Exception { // T4J-3, CN-8
    ValidationResult rate = check(good().kissCode(KissCode.RATE).leap(LeapIndicator.UNSYNCHRONIZED));
    assertThat(rate.failures()).containsExactly(ValidationFailure.KISS_OF_DEATH);
    assertThat(rate.isKissOfDeath()).isTrue();
    assertThat(rate.kissCode()).contains(KissCode.RATE);
    assertThat(rate.kissReaction()).contains(KissCode.Reaction.REDUCE_RATE);
    assertThat(rate.offset()).isEmpty();
    assertThat(rate.delay()).isEmpty();
    assertThat(check(good().kissCode(KissCode.DENY)).kissReaction()).contains(KissCode.Reaction.DEMOBILIZE);
    ValidationResult experimental = check(good().stratum(0).referenceId(ReferenceId.ofAscii("XYZ")));
    assertThat(experimental.kissReaction()).contains(KissCode.Reaction.IGNORE);
    assertThat(experimental.kissCode()).isEmpty();
  }

  @Test
  void forgedKissOfDeathFailsTheOriginGateFirst() throws Exception { // RFC 5905 s7.4
    ValidationResult forged = check(good().kissCode(KissCode.DENY).originTimestamp(NtpTimestamp.ofBits(12345)));
    assertThat(forged.failures()).containsExactly(ValidationFailure.ORIGIN_MISMATCH);
    assertThat(forged.isKissOfDeath()).isFalse();
    assertThat(forged.kissReaction()).isEmpty();
  }

  @Test
  void zeroTimestamps() throws Exception {
    ValidationResult r = check(good().transmitTimestamp(NtpTimestamp.UNKNOWN).receiveTimestamp(NtpTimestamp.UNKNOWN));
    assertThat(r.failures()).contains(ValidationFailure.ZERO_TRANSMIT, ValidationFailure.ZERO_RECEIVE);
    assertThat(r.offset()).isEmpty();
  }

  @Test
  void unsynchronizedServerIsLeap3NotLeap0() throws Exception { // RFC 4330 s5 slip
    assertThat(check(good().leap(LeapIndicator.UNSYNCHRONIZED)).failures())
        .containsExactly(ValidationFailure.UNSYNCHRONIZED);
    assertThat(check(good().leap(LeapIndicator.NO_WARNING)).isValid()).isTrue();
    assertThat(check(good().leap(LeapIndicator.LAST_MINUTE_61)).isValid()).isTrue();
  }

  @Test
  void stratumAboveMaximum() throws Exception {
    assertThat(check(good().stratum(16)).failures()).containsExactly(ValidationFailure.STRATUM_OUT_OF_RANGE);
    assertThat(check(good().stratum(15)).isValid()).isTrue();
    assertThat(check(good().stratum(4), ValidationPolicy.defaults().withMaxStratum(3)).failures())
        .containsExactly(ValidationFailure.STRATUM_OUT_OF_RANGE);
  }

  @Test
  void rootDistanceBoundIsExactAndExclusive() throws Exception { // truetime #19, #26, #66
    // rootDelay / 2 + rootDisp == 16 s exactly: rejected (RFC 5905 A.5.1.1 ">= MAXDISP").
    NtpPacket.Builder at = good().rootDelay(NtpShort.ofBits(2L << 16)).rootDispersion(NtpShort.ofBits(15L << 16));
    assertThat(check(at).failures()).containsExactly(ValidationFailure.ROOT_DISTANCE_TOO_LARGE);
    NtpPacket.Builder below = good().rootDelay(NtpShort.ofBits((2L << 16) - 1)).rootDispersion(NtpShort.ofBits(15L << 16));
    assertThat(check(below).isValid()).isTrue();
    assertThat(check(good().rootDispersion(NtpShort.ofBits(2L << 16)),
        ValidationPolicy.defaults().withMaxDispersion(Duration.ofMillis(1999))).failures())
        .containsExactly(ValidationFailure.ROOT_DISTANCE_TOO_LARGE);
    // Unsigned: a 0x8000 second root delay is huge, not negative (CN-12).
    assertThat(check(good().rootDelay(NtpShort.ofBits(0x8000_0000L))).failures())
        .containsExactly(ValidationFailure.ROOT_DISTANCE_TOO_LARGE);
  }

  @Test
  void referenceTimestampChecks() throws Exception {
    assertThat(check(good().referenceTimestamp(NtpTimestamp.ofBits(T3 + 1))).failures())
        .containsExactly(ValidationFailure.REFERENCE_AFTER_TRANSMIT);
    assertThat(check(good().referenceTimestamp(NtpTimestamp.ofBits(T3))).isValid()).isTrue();
    long freshest = T3 - (1L << 17) * SECOND;
    assertThat(check(good().referenceTimestamp(NtpTimestamp.ofBits(freshest))).isValid()).isTrue();
    assertThat(check(good().referenceTimestamp(NtpTimestamp.ofBits(freshest - 1))).failures())
        .containsExactly(ValidationFailure.STALE_REFERENCE);
    assertThat(check(good().referenceTimestamp(NtpTimestamp.UNKNOWN)).failures())
        .containsExactly(ValidationFailure.STALE_REFERENCE);
    assertThat(check(good().referenceTimestamp(NtpTimestamp.ofBits(T3 - 3600 * SECOND)),
        ValidationPolicy.defaults().withMaxReferenceAge(Duration.ofMinutes(59))).failures())
        .containsExactly(ValidationFailure.STALE_REFERENCE);
  }

  @Test
  void serverTickingBackwardsAndNegativeDelay() throws Exception { // beevik ErrServerTickedBackwards, CN-7
    ValidationResult backwards = check(good().receiveTimestamp(NtpTimestamp.ofBits(T3 + 1)));
    assertThat(backwards.failures()).contains(ValidationFailure.RECEIVE_AFTER_TRANSMIT);
    ValidationResult slowServer = check(good().transmitTimestamp(NtpTimestamp.ofBits(T2 + 0x0200_0000L))
        .referenceTimestamp(NtpTimestamp.ofBits(T2)));
    assertThat(slowServer.failures()).containsExactly(ValidationFailure.SERVER_TIME_EXCEEDS_ROUND_TRIP);
  }

  @Test
  void delayIsClampedToTheClientPrecision() throws Exception {
    // T3 - T2 == T4 - T1: delay exactly 0, clamped to 2^-20 s.
    ValidationResult r = check(good().receiveTimestamp(NtpTimestamp.ofBits(T2))
        .transmitTimestamp(NtpTimestamp.ofBits(T2 + (T4 - T1))));
    assertThat(r.isValid()).isTrue();
    assertThat(r.delay().orElseThrow().toBits()).isEqualTo(1L << 12);
  }

  @Test
  void offsetBoundAndEras() throws Exception { // nuttx-apps#583: a client near 1970 against a 2025 server
    long t1 = NtpTimestamp.fromInstant(Instant.parse("1970-01-01T00:00:10Z")).toBits();
    long t2 = NtpTimestamp.fromInstant(Instant.parse("2025-06-01T00:00:00Z")).toBits();
    long t3 = t2 + 1000;
    long t4 = t1 + SECOND / 100;
    NtpPacket reply = good().originTimestamp(NtpTimestamp.ofBits(t1)).receiveTimestamp(NtpTimestamp.ofBits(t2))
        .transmitTimestamp(NtpTimestamp.ofBits(t3)).referenceTimestamp(NtpTimestamp.ofBits(t2 - SECOND)).build();
    ValidationResult r = ResponseValidator.validate(reply, Exchange.of(t1, t4));
    assertThat(r.isValid()).as(r.toString()).isTrue();
    assertThat(r.offset().orElseThrow().toDuration().toDays()).isBetween(55L * 365, 56L * 365);
    assertThat(ResponseValidator.validate(reply, Exchange.of(t1, t4),
        ValidationPolicy.defaults().withMaxOffset(Duration.ofDays(365))).failures())
        .containsExactly(ValidationFailure.OFFSET_TOO_LARGE);
    // Across the 2036 era boundary: client 500 s before, server 500 s after.
    long c1 = NtpTimestamp.fromInstant(Instant.parse("2036-02-07T06:19:56Z")).toBits();
    long s2 = NtpTimestamp.fromInstant(Instant.parse("2036-02-07T06:36:36Z")).toBits();
    NtpPacket eraReply = good().originTimestamp(NtpTimestamp.ofBits(c1)).receiveTimestamp(NtpTimestamp.ofBits(s2))
        .transmitTimestamp(NtpTimestamp.ofBits(s2 + 100)).referenceTimestamp(NtpTimestamp.ofBits(s2 - SECOND)).build();
    ValidationResult era = ResponseValidator.validate(eraReply, Exchange.of(c1, c1 + SECOND / 50));
    assertThat(era.isValid()).as(era.toString()).isTrue();
    assertThat(era.offset().orElseThrow().toDuration().getSeconds()).isBetween(999L, 1000L);
  }

  @Test
  void dataMinimizedRequestsMatchTheRandomTransmitButMeasureFromT1() throws Exception {
    long random = 0x1234_5678_9abc_def0L;
    NtpPacket reply = good().originTimestamp(NtpTimestamp.ofBits(random)).build();
    assertThat(ResponseValidator.validate(reply, Exchange.of(T1, T4)).failures())
        .containsExactly(ValidationFailure.ORIGIN_MISMATCH);
    ValidationResult r = ResponseValidator.validate(reply, Exchange.dataMinimized(random, T1, T4));
    assertThat(r.isValid()).isTrue();
    assertThat(r).isEqualTo(check(good()));
  }

  @Test
  void severalLateFailuresAreAllReportedInOrder() throws Exception {
    ValidationResult r = check(good().leap(LeapIndicator.UNSYNCHRONIZED).stratum(16)
        .referenceTimestamp(NtpTimestamp.UNKNOWN));
    assertThat(r.failures()).containsExactly(ValidationFailure.UNSYNCHRONIZED,
        ValidationFailure.STRATUM_OUT_OF_RANGE, ValidationFailure.STALE_REFERENCE);
    assertThat(r.firstFailure()).contains(ValidationFailure.UNSYNCHRONIZED);
  }

  /** The validator never throws, and a valid result always carries offset and delay. */
  @Property(tries = 500)
  void totalOnAnyPacket(@ForAll("packets") NtpPacket p, @ForAll long t1, @ForAll long t4) {
    ValidationResult r = ResponseValidator.validate(p, Exchange.of(t1, t4));
    if (r.isValid()) {
      assertThat(r.offset()).isPresent();
      assertThat(r.delay().orElseThrow().isNegative()).isFalse();
    }
    assertThat(r.isKissOfDeath()).isEqualTo(r.failures().contains(ValidationFailure.KISS_OF_DEATH));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<NtpPacket> packets() {
    return PacketArbitraries.headerOnlyPackets();
  }
}
