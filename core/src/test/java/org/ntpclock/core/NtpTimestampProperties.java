package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Laws of the allocation-free default conversions: each equals the general path it short-cuts
 * (resolver, rounding mode, intermediate {@link Instant}) for every input.
 */
class NtpTimestampProperties {
  /** 1968-01-20T03:14:08Z, the first instant of the default window, in epoch milliseconds. */
  private static final long WINDOW_START_MS = EraResolver.RFC_4330_PIVOT.toEpochMilli();
  /** The window's last whole millisecond: 2<sup>32</sup> s later, minus one ms. */
  private static final long WINDOW_END_MS = WINDOW_START_MS + (1L << 32) * 1000L - 1;
  /** 2036-02-07T06:28:16Z, where era 1 starts and the wire bits are all zero. */
  private static final long ERA_1_START_MS = 2_085_978_496_000L;

  @Provide
  Arbitrary<Long> millisInTheDefaultWindow() {
    return Arbitraries.longs().between(WINDOW_START_MS, WINDOW_END_MS)
        .edgeCases(c -> c.add(0L, -1L, ERA_1_START_MS, ERA_1_START_MS - 1, ERA_1_START_MS + 1));
  }

  @Provide
  Arbitrary<Long> knownBits() {
    return Arbitraries.longs().filter(b -> b != 0).edgeCases(c -> c.add(1L, -1L, 1L << 63, (1L << 63) - 1));
  }

  @Property
  void ofEpochMilliIsFromInstantWithoutTheInstant(@ForAll long epochMilli) {
    NtpTimestamp viaInstant = NtpTimestamp.fromInstant(Instant.ofEpochMilli(epochMilli));
    assertThat(NtpTimestamp.ofEpochMilli(epochMilli)).isEqualTo(viaInstant);
    assertThat(NtpTimestamp.bitsOfEpochMilli(epochMilli)).isEqualTo(viaInstant.toBits());
  }

  @Property
  void epochMilliRoundTripsInsideTheDefaultWindow(@ForAll("millisInTheDefaultWindow") long epochMilli) {
    if (epochMilli == ERA_1_START_MS) {
      // The one instant whose wire form is all zeros, which means "unknown" and names no instant.
      assertThatThrownBy(() -> NtpTimestamp.ofEpochMilli(epochMilli).toEpochMilli())
          .isInstanceOf(DateTimeException.class);
      return;
    }
    assertThat(NtpTimestamp.ofEpochMilli(epochMilli).toEpochMilli()).isEqualTo(epochMilli);
    assertThat(NtpTimestamp.epochMilliOf(NtpTimestamp.bitsOfEpochMilli(epochMilli))).isEqualTo(epochMilli);
  }

  @Property
  void toEpochMilliIsTheResolvedDateRoundedOnceHalvesUp(@ForAll("knownBits") long bits) {
    NtpDate date = EraResolver.pivot(EraResolver.RFC_4330_PIVOT).resolve(bits);
    BigDecimal exactMillis = BigDecimal.valueOf(date.ntpSeconds() - NtpTimestamp.NTP_TO_POSIX_SECONDS)
        .add(new BigDecimal(date.fraction()).divide(BigDecimal.valueOf(1L << 32)))
        .multiply(BigDecimal.valueOf(1000));
    long nearest = exactMillis.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR).longValueExact();
    assertThat(NtpTimestamp.ofBits(bits).toEpochMilli()).isEqualTo(nearest);
  }

  @Property
  void toInstantIsTheDefaultResolverRoundedHalfUp(@ForAll("knownBits") long bits) {
    NtpTimestamp timestamp = NtpTimestamp.ofBits(bits);
    assertThat(timestamp.toInstant())
        .isEqualTo(timestamp.toInstant(EraResolver.pivot(EraResolver.RFC_4330_PIVOT), RoundingMode.HALF_UP));
  }
}
