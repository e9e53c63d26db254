package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ntpclock.testing.NtpArbitraries;

class EraResolverProperties {

  @Provide
  Arbitrary<Instant> instants() {
    return NtpArbitraries.instants1900To2200();
  }

  @Provide
  Arbitrary<Long> offsetsWithin68Years() {
    return Arbitraries.longs().between(-(1L << 31) + 1, (1L << 31) - 1);
  }

  @Property
  void instantToDateAndBackIsExact(@ForAll("instants") Instant instant) {
    assertThat(NtpDate.fromInstant(instant).toInstant()).isEqualTo(instant);
  }

  @Property
  void explicitEraRecoversTheInstant(@ForAll("instants") Instant instant) {
    NtpDate date = NtpDate.fromInstant(instant);
    NtpTimestamp wire = date.toTimestamp();
    if (!wire.isUnknown()) {
      assertThat(wire.toInstant(EraResolver.era(date.era()))).isEqualTo(instant);
    }
  }

  @Property
  void nearestRecoversAnyInstantWithin68YearsOfTheReference(
      @ForAll("instants") Instant instant, @ForAll("offsetsWithin68Years") long offsetSeconds) {
    NtpTimestamp wire = NtpTimestamp.fromInstant(instant);
    if (!wire.isUnknown()) {
      Instant reference = instant.plusSeconds(offsetSeconds);
      assertThat(wire.toInstant(EraResolver.nearest(reference))).isEqualTo(instant);
    }
  }

  @Property
  void pivotMapsIntoItsWindow(@ForAll("instants") Instant pivot, @ForAll long bits) {
    if (bits == 0) {
      return;
    }
    NtpDate resolved = NtpTimestamp.ofBits(bits).toDate(EraResolver.pivot(pivot));
    long windowStart = NtpDate.fromInstant(Instant.ofEpochSecond(pivot.getEpochSecond())).ntpSeconds();
    assertThat(resolved.ntpSeconds()).isBetween(windowStart, windowStart + (1L << 32) - 1);
    assertThat(resolved.toTimestamp().toBits()).isEqualTo(bits);
  }

  @Property
  void defaultInstantConversionIsTheHalfUpOne(@ForAll("instants") Instant instant) {
    assertThat(NtpTimestamp.fromInstant(instant)).isEqualTo(NtpTimestamp.fromInstant(instant, java.math.RoundingMode.HALF_UP));
  }

  @Property
  void defaultResolverEqualsThePivotAt1968(@ForAll long bits) {
    if (bits != 0) {
      assertThat(EraResolver.defaultResolver().resolve(bits))
          .isEqualTo(EraResolver.pivot(EraResolver.RFC_4330_PIVOT).resolve(bits));
    }
  }

  @Property
  void durationBetweenTwoInstantsSurvivesTheWireAcrossEras(
      @ForAll("instants") Instant a, @ForAll("offsetsWithin68Years") long seconds, @ForAll("nanos") int nanos) {
    Instant b = a.plusSeconds(seconds).plusNanos(nanos);
    NtpDuration d = NtpDuration.between(NtpTimestamp.fromInstant(a), NtpTimestamp.fromInstant(b));
    Duration exact = Duration.between(a, b);
    // Each endpoint is rounded by at most half a unit, so the difference is within one unit (< 1 ns).
    assertThat(Math.abs(d.toBits() - NtpDuration.fromDuration(exact).toBits())).isLessThanOrEqualTo(1);
  }

  @Provide
  Arbitrary<Integer> nanos() {
    return Arbitraries.integers().between(0, 999_999_999);
  }
}
