package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Laws of both smears around any leap second (either sign, any month end 1972..2199), with UTC
 * readings written as the SI nanoseconds {@code u} elapsed since the window's start.
 */
class LeapSmearProperties {
  private static final long NANOS = 1_000_000_000L;

  /** A smear, a leap second and an elapsed time from a little before the window to a little after. */
  record Case(LeapSmear smear, LeapSecondTable.LeapSecond leap, long u) {
    long realNanos() {
      return (smear.secondsBefore() + smear.secondsAfter() + leap.step()) * NANOS;
    }

    Instant start() {
      return smear.windowStart(leap);
    }

    /** The UTC reading {@code u} SI nanoseconds after the window's start, written out independently. */
    UtcReading utc(long elapsed) {
      long toMidnightLabel = smear.secondsBefore() * NANOS;
      if (leap.step() > 0) {
        if (elapsed < toMidnightLabel) {
          return UtcReading.of(start().plusNanos(elapsed));
        }
        Instant label = start().plusNanos(elapsed - NANOS);
        return new UtcReading(label, elapsed < toMidnightLabel + NANOS);
      }
      return UtcReading.of(start().plusNanos(elapsed < toMidnightLabel - NANOS ? elapsed : elapsed + NANOS));
    }

    Instant smeared(long elapsed) {
      return smear.toSmeared(utc(elapsed), leap);
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<LeapSecondTable.LeapSecond> leaps = Combinators.combine(
        Arbitraries.integers().between(1972, 2199), Arbitraries.integers().between(1, 12), Arbitraries.of(1, -1))
        .as((y, m, step) -> new LeapSecondTable.LeapSecond(YearMonth.of(y, m).atEndOfMonth(), step));
    return Combinators.combine(Arbitraries.of(LeapSmear.values()), leaps, Arbitraries.doubles().between(-0.01, 1.01))
        .flatAs((smear, leap, where) -> {
          long real = (smear.secondsBefore() + smear.secondsAfter() + leap.step()) * NANOS;
          long around = (long) (where * real);
          // Edge cases: the ends of the window and of the leap second itself, to the nanosecond.
          long leapAt = (smear.secondsBefore() - 1) * NANOS;
          return Arbitraries.oneOf(
                  Arbitraries.longs().between(around - NANOS, around + NANOS),
                  Arbitraries.of(-1L, 0L, 1L, real - 1, real, real + 1, leapAt - 1, leapAt, leapAt + NANOS,
                      leapAt + 2 * NANOS - 1, leapAt + 2 * NANOS))
              .map(u -> new Case(smear, leap, u));
        });
  }

  @Property(tries = 800)
  void roundTripsAreExactFromTheSideWithFewerNanoseconds(@ForAll("cases") Case c) {
    UtcReading utc = c.utc(c.u);
    Instant smeared = c.smear.toSmeared(utc, c.leap);
    UtcReading back = c.smear.toUtc(smeared, c.leap);
    if (c.leap.step() < 0) {
      // The smear stretches: distinct UTC nanoseconds stay distinct, and come back exactly.
      assertThat(back).isEqualTo(utc);
    } else {
      // The smear squeezes 86401 s into 86400: the way back is exact from the smeared side, and
      // from UTC returns the same nanosecond or the one before.
      assertThat(c.smear.toSmeared(back, c.leap)).isEqualTo(smeared);
      assertThat(c.u - elapsed(c, back)).isBetween(0L, 1L);
    }
    // And from the smeared side, for any smeared reading.
    UtcReading fromSmeared = c.smear.toUtc(c.start().plusNanos(c.u), c.leap);
    Instant again = c.smear.toSmeared(fromSmeared, c.leap);
    if (c.leap.step() > 0) {
      assertThat(again).isEqualTo(c.start().plusNanos(c.u));
    } else {
      assertThat(nanos(c.start().plusNanos(c.u), again)).isBetween(0L, 1L);
    }
  }

  @Property(tries = 800)
  void monotonicAndRateBounded(@ForAll("cases") Case c, @ForAll("steps") long step) {
    long u2 = c.u + step;
    long ds = nanos(c.smeared(c.u), c.smeared(u2));
    assertThat(ds).isGreaterThanOrEqualTo(0);
    if (c.leap.step() < 0) {
      assertThat(ds).as("strictly increasing when stretching").isPositive();
    }
    // |rate - 1| <= 1/86401 (11.6 ppm) for the linear smear, 1/1001 (0.1 %) for UTC-SLS, plus one
    // nanosecond of flooring at each end.
    long denominator = c.smear == LeapSmear.LINEAR_24H ? 86_399 : 999;
    assertThat(Math.abs(ds - step)).isLessThanOrEqualTo(step / denominator + 2);
  }

  @Provide
  Arbitrary<Long> steps() {
    return Arbitraries.oneOf(Arbitraries.longs().between(1, 1_000), Arbitraries.longs().between(1, 100_000 * NANOS));
  }

  @Property(tries = 500)
  void continuousAtBothEndsAndShiftsByExactlyTheLeapSecond(@ForAll("cases") Case c) {
    long real = c.realNanos();
    Instant start = c.start();
    Instant end = c.smear.windowEnd(c.leap);
    assertThat(c.smeared(0)).isEqualTo(start);
    assertThat(c.smeared(-1)).isEqualTo(start.minusNanos(1));
    assertThat(c.smeared(real)).isEqualTo(end);
    assertThat(nanos(c.smeared(real - 1), end)).isBetween(1L, 2L);
    // Over the window the smeared clock advances the nominal span while UTC's SI seconds advance
    // that span plus the leap second's step: the total shift is exactly one second.
    long nominal = nanos(start, end);
    assertThat(real - nominal).isEqualTo(c.leap.step() * NANOS);
    assertThat(nanos(c.smeared(0), c.smeared(real))).isEqualTo(nominal);
  }

  @Property(tries = 300)
  void theTableFormAgreesWithThePerLeapForm(@ForAll("cases") Case c) {
    LeapSecondTable bundled = LeapSecondTable.bundled();
    LocalDate day = c.leap.day();
    if (day.getYear() > 2016 || c.leap.step() < 0 || bundled.leapSeconds().stream().noneMatch(l -> l.day().equals(day))) {
      return; // only leap seconds the bundled table lists
    }
    assertThat(c.smear.toSmeared(c.utc(c.u), bundled)).isEqualTo(c.smeared(c.u));
  }

  private static long elapsed(Case c, UtcReading r) {
    long n = nanos(c.start(), r.instant());
    if (c.leap.step() > 0) {
      return r.leapSecond() || !r.instant().isBefore(c.leap.end()) ? n + NANOS : n;
    }
    return r.instant().isBefore(c.leap.end()) ? n : n - NANOS;
  }

  private static long nanos(Instant from, Instant to) {
    return (to.getEpochSecond() - from.getEpochSecond()) * NANOS + to.getNano() - from.getNano();
  }
}
