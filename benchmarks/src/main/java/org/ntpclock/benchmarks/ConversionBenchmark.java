package org.ntpclock.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ntp.TimeStamp;
import org.ntpclock.core.EraResolver;
import org.ntpclock.core.NtpDate;
import org.ntpclock.core.NtpFraction;
import org.ntpclock.core.NtpTimestamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time conversions, each a round trip per operation: a POSIX time to a 64-bit NTP timestamp and
 * back. Every round trip is exact on milliseconds for all three implementations (ms to fraction
 * rounds or truncates, fraction to ms rounds), so all variants return the input and the smoke test
 * checks exactly that.
 *
 * <ul>
 *   <li>{@code millis*}: epoch milliseconds in and out, the only unit Commons Net has;
 *   <li>{@code instant*}: {@link Instant} in and out at nanosecond resolution (ours and the floor);
 *       Commons Net goes through {@link Instant#toEpochMilli()} and so loses the sub-ms part.
 * </ul>
 *
 * <p>"raw" is ntpclock's static helpers on raw bits ({@link NtpTimestamp#bitsOfEpochMilli} and
 * {@link NtpTimestamp#epochMilliOf}; for instants {@link NtpTimestamp#bitsOf}, {@link NtpFraction}
 * and the default {@link EraResolver}, whose {@link NtpDate} escape analysis removes); "typed" is
 * the value API ({@link NtpTimestamp#ofEpochMilli}/{@link NtpTimestamp#toEpochMilli()},
 * {@link NtpTimestamp#fromInstant}/{@link NtpTimestamp#toInstant()}). The floor is the same
 * arithmetic inline, with the RFC 4330 MSB era rule hard-coded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConversionBenchmark {
  private static final EraResolver RESOLVER = EraResolver.defaultResolver();

  long[] millis;
  Instant[] instants;
  private int cursor;

  /** Fills the input tables. */
  @Setup
  public void setUp() {
    millis = Inputs.epochMillis();
    instants = Inputs.instants();
  }

  private int next() {
    return cursor++ & Inputs.MASK;
  }

  // ---- milliseconds ----

  /**
   * ntpclock, raw static helpers ({@link NtpTimestamp#bitsOfEpochMilli},
   * {@link NtpTimestamp#epochMilliOf}).
   *
   * @return the round-tripped epoch milliseconds
   */
  @Benchmark
  public long millisOursRaw() {
    return NtpTimestamp.epochMilliOf(NtpTimestamp.bitsOfEpochMilli(millis[next()]));
  }

  /**
   * ntpclock, value API ({@link NtpTimestamp#ofEpochMilli}, {@link NtpTimestamp#toEpochMilli()}).
   *
   * @return the round-tripped epoch milliseconds
   */
  @Benchmark
  public long millisOursTyped() {
    return NtpTimestamp.ofEpochMilli(millis[next()]).toEpochMilli();
  }

  /**
   * Apache Commons Net 3.11.1, its public API ({@code TimeStamp.getNtpTime}, static
   * {@code TimeStamp.getTime}).
   *
   * @return the round-tripped epoch milliseconds
   */
  @Benchmark
  public long millisCommonsNet() {
    long ms = millis[next()];
    long bits = TimeStamp.getNtpTime(ms).ntpValue();
    return TimeStamp.getTime(bits);
  }

  /**
   * Hand-written floor: the same rounding and era rule, inline integer math.
   *
   * @return the round-tripped epoch milliseconds
   */
  @Benchmark
  public long millisFloor() {
    return Floor.bitsToMillis(Floor.millisToBits(millis[next()]));
  }

  // ---- Instant (nanoseconds) ----

  /**
   * ntpclock, raw static helpers at nanosecond resolution.
   *
   * @return the round-tripped instant's fields, {@link Floor#mix}ed
   */
  @Benchmark
  public long instantOursRaw() {
    Instant in = instants[next()];
    long bits = NtpTimestamp.bitsOf(in.getEpochSecond(), in.getNano());
    NtpDate date = RESOLVER.resolve(bits);
    return mix(Instant.ofEpochSecond(
        date.ntpSeconds() - NtpTimestamp.NTP_TO_POSIX_SECONDS, NtpFraction.toNanos(date.fraction())));
  }

  /**
   * ntpclock, value API at nanosecond resolution.
   *
   * @return the round-tripped instant's fields, {@link Floor#mix}ed
   */
  @Benchmark
  public long instantOursTyped() {
    return mix(NtpTimestamp.fromInstant(instants[next()]).toInstant());
  }

  /**
   * Apache Commons Net: milliseconds only, so the sub-ms part is lost (CN-5).
   *
   * @return the round-tripped instant's fields, truncated to milliseconds, {@link Floor#mix}ed
   */
  @Benchmark
  public long instantCommonsNet() {
    long bits = TimeStamp.getNtpTime(instants[next()].toEpochMilli()).ntpValue();
    return mix(Instant.ofEpochMilli(TimeStamp.getTime(bits)));
  }

  /**
   * Hand-written floor at nanosecond resolution.
   *
   * @return the round-tripped instant's fields, {@link Floor#mix}ed
   */
  @Benchmark
  public long instantFloor() {
    Instant in = instants[next()];
    long bits = Floor.secondsNanosToBits(in.getEpochSecond(), in.getNano());
    return mix(Instant.ofEpochSecond(Floor.bitsToEpochSecond(bits), Floor.bitsToNanos(bits)));
  }

  /**
   * The result instant's two fields folded into the returned value. Returning the fields rather
   * than the {@code Instant} lets escape analysis drop the result object in every variant alike,
   * so B/op shows what the conversion itself allocates.
   */
  static long mix(Instant out) {
    return Floor.mix(out.getEpochSecond(), out.getNano());
  }
}
