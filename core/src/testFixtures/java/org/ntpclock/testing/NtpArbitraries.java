package org.ntpclock.testing;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.ntpclock.core.NtpDate;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;

/**
 * jqwik arbitraries for the core types, published in the core test-jar so that other projects'
 * property suites can reuse them. Edge cases (era boundaries, the all-zero timestamp, fraction
 * extremes) are mixed in by jqwik's edge-case generation and by explicit {@code withEdgeCases}.
 */
public final class NtpArbitraries {
  /** 1900-01-01T00:00:00Z. */
  public static final Instant Y1900 = Instant.parse("1900-01-01T00:00:00Z");
  /** 2200-01-01T00:00:00Z (exclusive upper bound of {@link #instants1900To2200()}). */
  public static final Instant Y2200 = Instant.parse("2200-01-01T00:00:00Z");
  /** The start of NTP era 1. */
  public static final Instant ERA_1 = Instant.parse("2036-02-07T06:28:16Z");

  private NtpArbitraries() {}

  /**
   * Any raw 64-bit timestamp, the all-zero "unknown" one included.
   *
   * @return timestamps
   */
  public static Arbitrary<NtpTimestamp> timestamps() {
    return Arbitraries.longs().map(NtpTimestamp::ofBits);
  }

  /**
   * Any timestamp except the all-zero "unknown" one.
   *
   * @return non-zero timestamps
   */
  public static Arbitrary<NtpTimestamp> knownTimestamps() {
    return Arbitraries.longs().filter(b -> b != 0).map(NtpTimestamp::ofBits);
  }

  /**
   * Any 32-bit fraction value.
   *
   * @return 0..2<sup>32</sup>-1
   */
  public static Arbitrary<Long> fractions() {
    return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
  }

  /**
   * Any signed 32.32 duration.
   *
   * @return durations
   */
  public static Arbitrary<NtpDuration> durations() {
    return Arbitraries.longs().map(NtpDuration::ofBits);
  }

  /**
   * Any 16.16 short-format value.
   *
   * @return short values
   */
  public static Arbitrary<NtpShort> shorts() {
    return Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(NtpShort::ofBits);
  }

  /**
   * Eras that cover 1900..2200 and a little around: -1..2.
   *
   * @return era numbers
   */
  public static Arbitrary<Integer> eras() {
    return Arbitraries.integers().between(-1, 2);
  }

  /**
   * Instants with nanosecond precision from 1900-01-01 (inclusive) to 2200-01-01 (exclusive), with
   * the NTP boundary instants as edge cases.
   *
   * @return instants
   */
  public static Arbitrary<Instant> instants1900To2200() {
    long from = Y1900.getEpochSecond();
    long to = Y2200.getEpochSecond() - 1;
    return instantsBetween(from, to).edgeCases(config -> config.add(Y1900)
        .add(Instant.parse("1968-01-20T03:14:08Z"))
        .add(Instant.parse("1970-01-01T00:00:00Z"))
        .add(ERA_1)
        .add(ERA_1.minusNanos(1))
        .add(Instant.parse("2104-02-26T09:42:24Z")));
  }

  /**
   * Instants within a window of seconds, nanoseconds uniform.
   *
   * @param fromEpochSecond first POSIX second, inclusive
   * @param toEpochSecond last POSIX second, inclusive
   * @return instants
   */
  public static Arbitrary<Instant> instantsBetween(long fromEpochSecond, long toEpochSecond) {
    return Arbitraries.longs().between(fromEpochSecond, toEpochSecond)
        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
  }

  /**
   * Any instant {@link Instant} can hold.
   *
   * @return instants
   */
  public static Arbitrary<Instant> anyInstants() {
    return instantsBetween(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
  }

  /**
   * Full NTP dates of instants in 1900..2200.
   *
   * @return dates
   */
  public static Arbitrary<NtpDate> dates1900To2200() {
    return instants1900To2200().map(NtpDate::fromInstant);
  }

  /**
   * Java durations within ±2<sup>31</sup> s, the range of {@link NtpDuration}.
   *
   * @return durations
   */
  public static Arbitrary<Duration> javaDurationsInNtpRange() {
    return Arbitraries.longs().between(Integer.MIN_VALUE, Integer.MAX_VALUE)
        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Duration.ofSeconds(s, n)))
        .filter(d -> d.getSeconds() < Integer.MAX_VALUE);
  }
}
