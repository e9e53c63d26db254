package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.ntpclock.testing.NtpArbitraries;

class OnWireTest {

  private static NtpTimestamp at(String iso) {
    return NtpTimestamp.fromInstant(Instant.parse(iso));
  }

  @Test
  void serverAheadGivesPositiveOffset() {
    // Client at 12:00:00, server 1 s ahead, 10 ms each way, 1 ms processing.
    OnWire.Measurement m = OnWire.measure(
        at("2025-01-01T12:00:00Z"), at("2025-01-01T12:00:01.010Z"), at("2025-01-01T12:00:01.011Z"),
        at("2025-01-01T12:00:00.021Z"));
    assertThat(m.offset().toDuration()).isEqualTo(Duration.ofSeconds(1));
    assertThat(m.delay().toDuration()).isEqualTo(Duration.ofMillis(20));
    assertThat(m.isValid()).isTrue();
  }

  /** CN-6: Commons Net truncates to whole ms; an exact -2.5 ms becomes -2 there. */
  @Test
  void subMillisecondOffsetsAreNotTruncated() {
    OnWire.Measurement m = OnWire.measure(
        at("2025-01-01T12:00:00Z"), at("2025-01-01T11:59:59.9975Z"), at("2025-01-01T11:59:59.9975Z"),
        at("2025-01-01T12:00:00Z"));
    assertThat(m.offset().toDuration()).isEqualTo(Duration.ofNanos(-2_500_000));
    // 0.8 ms round trip with 0.4 / 0.6 ms server stamps: Commons Net says delay 0 and offset 0;
    // exactly, θ = (0.4 + (0.6 - 0.8)) / 2 = 0.1 ms and δ = 0.8 - 0.2 = 0.6 ms.
    OnWire.Measurement small = OnWire.measure(
        at("2025-01-01T12:00:00Z"), at("2025-01-01T12:00:00.0004Z"), at("2025-01-01T12:00:00.0006Z"),
        at("2025-01-01T12:00:00.0008Z"));
    assertThat(small.delay().toDuration()).isEqualTo(Duration.ofNanos(600_000));
    assertThat(small.offset().toDuration()).isEqualTo(Duration.ofNanos(100_000));
  }

  /** apache/nuttx-apps#583: a client near 1970 (dead RTC battery) against a 2025 server. */
  @Test
  void deadBatteryClientNear1970AgainstA2025Server() {
    Instant client = Instant.parse("1970-01-01T00:00:10Z");
    Instant server = Instant.parse("2025-06-01T00:00:00Z");
    OnWire.Measurement m = OnWire.measure(
        NtpTimestamp.fromInstant(client), NtpTimestamp.fromInstant(server.plusMillis(5)),
        NtpTimestamp.fromInstant(server.plusMillis(6)), NtpTimestamp.fromInstant(client.plusMillis(12)));
    assertThat(m.offset().toDuration()).isEqualTo(Duration.between(client, server).plusNanos(-500_000));
    assertThat(m.delay().toDuration()).isEqualTo(Duration.ofMillis(11));
    assertThat(m.isValid()).isTrue();
  }

  /** beevik #48 / coreSNTP #22: the sums must not overflow beyond 34 years, nor across 2036. */
  @Test
  void acrossThe2036EraBoundary() {
    Instant client = Instant.parse("2036-02-07T06:19:56Z"); // 500 s before era 1
    Instant server = Instant.parse("2036-02-07T06:36:36Z"); // 500 s after
    OnWire.Measurement m = OnWire.measure(
        NtpTimestamp.fromInstant(client), NtpTimestamp.fromInstant(server),
        NtpTimestamp.fromInstant(server.plusMillis(1)), NtpTimestamp.fromInstant(client.plusMillis(3)));
    assertThat(m.offset().toDuration()).isEqualTo(Duration.ofSeconds(1000).minusMillis(1));
    assertThat(m.delay().toDuration()).isEqualTo(Duration.ofMillis(2));
  }

  @Test
  void negativeDelayIsReportedTyped() {
    OnWire.Measurement m = OnWire.measure(
        at("2025-01-01T12:00:00Z"), at("2025-01-01T12:00:00.001Z"), at("2025-01-01T12:00:00.050Z"),
        at("2025-01-01T12:00:00.010Z"));
    assertThat(m.status()).isEqualTo(OnWire.Status.NEGATIVE_DELAY);
    assertThat(m.delay().toDuration()).isEqualTo(Duration.ofMillis(-39));
    assertThat(m.isValid()).isFalse();
  }

  @Test
  void absurdTimestampsSaturateTheDelayTyped() {
    long t1 = 0;
    long t4 = Long.MAX_VALUE;
    long t2 = 0;
    long t3 = Long.MIN_VALUE; // processing time -2^63 units: δ = 2^63 - 1 + 2^63 does not fit
    assertThat(OnWire.delay(t1, t2, t3, t4)).isEqualTo(Long.MAX_VALUE);
    OnWire.Measurement m = OnWire.measure(
        NtpTimestamp.ofBits(t1), NtpTimestamp.ofBits(t2), NtpTimestamp.ofBits(t3), NtpTimestamp.ofBits(t4));
    assertThat(m.status()).isEqualTo(OnWire.Status.DELAY_OVERFLOW);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return NtpArbitraries.instants1900To2200();
  }

  /**
   * For any client instant, a server offset within ±68 years and small path delays, the measured offset and
   * delay equal the constructed ones to within the rounding of the four timestamps (a few units).
   */
  @Property
  void recoversConstructedOffsetAndDelay(
      @ForAll("instants") Instant t1,
      // |θ| plus up to 2 s of path asymmetry and 1 s of nanos must stay inside the ±2^31 s domain.
      @ForAll @LongRange(min = -(1L << 31) + 4, max = (1L << 31) - 4) long offsetSeconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long offsetNanos,
      @ForAll @LongRange(min = 0, max = 2_000_000_000) long outboundNanos,
      @ForAll @LongRange(min = 0, max = 2_000_000_000) long processingNanos,
      @ForAll @LongRange(min = 0, max = 2_000_000_000) long returnNanos) {
    Duration offset = Duration.ofSeconds(offsetSeconds, offsetNanos);
    Instant t2 = t1.plusNanos(outboundNanos).plus(offset);
    Instant t3 = t2.plusNanos(processingNanos);
    Instant t4 = t3.minus(offset).plusNanos(returnNanos);
    long[] raw = {
      NtpTimestamp.fromInstant(t1).toBits(), NtpTimestamp.fromInstant(t2).toBits(),
      NtpTimestamp.fromInstant(t3).toBits(), NtpTimestamp.fromInstant(t4).toBits()
    };
    long theta = OnWire.offset(raw[0], raw[1], raw[2], raw[3]);
    long delta = OnWire.delay(raw[0], raw[1], raw[2], raw[3]);
    long expectedTheta = NtpDuration.fromDuration(offset.plusNanos((outboundNanos - returnNanos) / 2)).toBits();
    long expectedDelta = NtpDuration.fromDuration(Duration.ofNanos(outboundNanos + returnNanos)).toBits();
    // four half-unit roundings plus the half-nanosecond of the integer expectation: within 5 units
    assertThat(Math.abs(theta - expectedTheta)).isLessThanOrEqualTo(5);
    assertThat(Math.abs(delta - expectedDelta)).isLessThanOrEqualTo(5);
  }

  /** The offset is the exact floor of the 65-bit half-sum, for any first-order differences. */
  @Property
  void offsetIsTheExactFloorOfTheHalfSum(@ForAll long t1, @ForAll long t2, @ForAll long t3, @ForAll long t4) {
    java.math.BigInteger a = java.math.BigInteger.valueOf(t2 - t1);
    java.math.BigInteger b = java.math.BigInteger.valueOf(t3 - t4);
    java.math.BigInteger sum = a.add(b);
    java.math.BigInteger expected = new BigDecimal(sum).divide(BigDecimal.valueOf(2))
        .setScale(0, java.math.RoundingMode.FLOOR).toBigIntegerExact();
    assertThat(OnWire.offset(t1, t2, t3, t4)).isEqualTo(expected.longValueExact());
  }

  @Property
  void delayIsExactOrSaturated(@ForAll long t1, @ForAll long t2, @ForAll long t3, @ForAll long t4) {
    java.math.BigInteger exact = java.math.BigInteger.valueOf(t4 - t1).subtract(java.math.BigInteger.valueOf(t3 - t2));
    long expected = exact.bitLength() < 64 ? exact.longValueExact() : (exact.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
    assertThat(OnWire.delay(t1, t2, t3, t4)).isEqualTo(expected);
  }
}
