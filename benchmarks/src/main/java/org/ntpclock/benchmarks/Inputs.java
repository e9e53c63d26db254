package org.ntpclock.benchmarks;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Deterministic, varied benchmark inputs. Every benchmark cycles through {@link #SIZE} values so the
 * JIT cannot constant-fold one input, and every variant of a comparison (ours, Commons Net, floor)
 * sees exactly the same values.
 */
final class Inputs {
  /** Values per input table; a power of two so the cursor wraps with a mask. */
  static final int SIZE = 1024;
  /** Mask for the cursor. */
  static final int MASK = SIZE - 1;

  /** Seconds from 1900-01-01 to 1970-01-01. */
  static final long NTP_TO_POSIX = 2_208_988_800L;

  /** 2020-01-01T00:00:00Z in epoch milliseconds: the low end of the realistic window. */
  private static final long FROM_MILLIS = 1_577_836_800_000L;
  /** Ten years of milliseconds: inputs stay inside every peer's valid window (1968..2104). */
  private static final long SPAN_MILLIS = 10L * 365 * 86_400_000L;

  private Inputs() {}

  /** A seeded random source, the same sequence on every run. */
  static SplittableRandom random() {
    return new SplittableRandom(0x5EED_2026_1121L);
  }

  /** Epoch milliseconds spread over 2020..2030. */
  static long[] epochMillis() {
    SplittableRandom random = random();
    long[] out = new long[SIZE];
    for (int i = 0; i < SIZE; i++) {
      out[i] = FROM_MILLIS + random.nextLong(SPAN_MILLIS);
    }
    return out;
  }

  /** Instants spread over 2020..2030 with random nanoseconds. */
  static Instant[] instants() {
    SplittableRandom random = random();
    Instant[] out = new Instant[SIZE];
    for (int i = 0; i < SIZE; i++) {
      long seconds = FROM_MILLIS / 1000 + random.nextLong(SPAN_MILLIS / 1000);
      out[i] = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
    }
    return out;
  }

  /** Raw NTP timestamps of {@link #epochMillis()}-like instants with random 32-bit fractions. */
  static long[] ntpBits() {
    SplittableRandom random = random();
    long[] out = new long[SIZE];
    for (int i = 0; i < SIZE; i++) {
      long seconds = FROM_MILLIS / 1000 + NTP_TO_POSIX + random.nextLong(SPAN_MILLIS / 1000);
      out[i] = seconds << 32 | (random.nextLong() >>> 32);
    }
    return out;
  }
}
