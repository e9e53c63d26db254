package org.ntpclock.benchmarks;

import java.nio.ByteBuffer;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;

/**
 * The hand-written floor: the work each benchmark measures, done with straight integer math and
 * {@link java.nio.ByteBuffer} reads, no abstraction and no validation beyond what the result needs.
 * Rounding and era rule match ntpclock's defaults (nearest, ties up; RFC 4330 MSB window), so floor
 * and ntpclock compute the same values and the smoke test can compare them.
 */
final class Floor {
  private static final long NTP_TO_POSIX = 2_208_988_800L;
  private static final long HALF = 1L << 31;

  private Floor() {}

  /** Epoch milliseconds to raw NTP bits, fraction rounded to nearest. */
  static long millisToBits(long ms) {
    long seconds = Math.floorDiv(ms, 1000L) + NTP_TO_POSIX;
    long milli = Math.floorMod(ms, 1000L);
    return seconds << 32 | ((milli << 32) + 500L) / 1000L;
  }

  /** Seconds since the NTP prime epoch of raw bits under the RFC 4330 MSB rule. */
  static long ntpSeconds(long bits) {
    long seconds = bits >>> 32;
    return seconds >= HALF ? seconds : seconds + (1L << 32);
  }

  /** Raw NTP bits to epoch milliseconds, rounded to nearest (ties up), MSB era rule. */
  static long bitsToMillis(long bits) {
    long fraction = bits & 0xFFFF_FFFFL;
    return (ntpSeconds(bits) - NTP_TO_POSIX) * 1000L + ((fraction * 1000L + HALF) >>> 32);
  }

  /** POSIX seconds and nanoseconds to raw NTP bits, fraction rounded to nearest. */
  static long secondsNanosToBits(long epochSecond, long nanos) {
    return (epochSecond + NTP_TO_POSIX) << 32 | ((nanos << 32) + 500_000_000L) / 1_000_000_000L;
  }

  /** The POSIX second of raw bits, MSB era rule (the nanosecond carry is left to Instant). */
  static long bitsToEpochSecond(long bits) {
    return ntpSeconds(bits) - NTP_TO_POSIX;
  }

  /** The fraction of raw bits in nanoseconds, rounded to nearest; 1e9 means a carry. */
  static long bitsToNanos(long bits) {
    return ((bits & 0xFFFF_FFFFL) * 1_000_000_000L + HALF) >>> 32;
  }

  /** Offset θ = ((T2 - T1) + (T3 - T4)) / 2, floor halving, in signed 2^-32 s units. */
  static long offset(long t1, long t2, long t3, long t4) {
    return ((t2 - t1) + (t3 - t4)) >> 1;
  }

  /** Delay δ = (T4 - T1) - (T3 - T2), in signed 2^-32 s units. */
  static long delay(long t1, long t2, long t3, long t4) {
    return (t4 - t1) - (t3 - t2);
  }

  /** Folds two results into one returned value, so the JIT must compute both: {@code 31 * a + b}. */
  static long mix(long a, long b) {
    return 31 * a + b;
  }

  /**
   * Answers a plain 48-byte mode-3 request with a mode-4 reply at {@code out}'s position: version
   * echoed, poll echoed, origin = request transmit, receive as given, transmit read from the clock
   * last. Returns 1 when answered, 0 when dropped (wrong length, mode or version).
   */
  static int respond(ByteBuffer in, long receive, TimeSourceStatus s, TimeSource clock, ByteBuffer out) {
    int p = in.position();
    if (in.remaining() != 48) {
      return 0;
    }
    int first = in.get(p);
    int version = (first >>> 3) & 7;
    if ((first & 7) != 3 || version < 1 || version > 4) {
      return 0;
    }
    int o = out.position();
    out.put(o, (byte) (s.leap().code() << 6 | version << 3 | 4));
    out.put(o + 1, (byte) s.stratum());
    out.put(o + 2, in.get(p + 2));
    out.put(o + 3, (byte) s.precision());
    out.putInt(o + 4, (int) s.rootDelay().toBits());
    out.putInt(o + 8, (int) s.rootDispersion().toBits());
    out.putInt(o + 12, s.referenceId().toBits());
    out.putLong(o + 16, s.referenceTime().toBits());
    out.putLong(o + 24, in.getLong(p + 40));
    out.putLong(o + 32, receive);
    out.putLong(o + 40, clock.nowBits());
    out.limit(o + 48);
    return 1;
  }

  /**
   * Reads every header field of a reply at the buffer's position with absolute gets and sums them
   * (the fold {@link DecodeBenchmark} uses): length and version checked, nothing else.
   */
  static long decodeSum(ByteBuffer b) {
    int p = b.position();
    if (b.remaining() < 48) {
      return -1;
    }
    int first = b.get(p) & 0xFF;
    int version = (first >>> 3) & 7;
    if (version < 1 || version > 4) {
      return -1;
    }
    return (first >>> 6) + version + (first & 7) + (b.get(p + 1) & 0xFF) + b.get(p + 2) + b.get(p + 3)
        + (b.getInt(p + 4) & 0xFFFF_FFFFL) + (b.getInt(p + 8) & 0xFFFF_FFFFL) + b.getInt(p + 12)
        + b.getLong(p + 16) + b.getLong(p + 24) + b.getLong(p + 32) + b.getLong(p + 40);
  }

  /** Writes a 48-byte header at the buffer's position with absolute puts; the encode floor. */
  static void encode(ByteBuffer b, int flags, int stratum, int poll, int precision, int rootDelay,
      int rootDispersion, int referenceId, long reference, long origin, long receive, long transmit) {
    int p = b.position();
    b.put(p, (byte) flags);
    b.put(p + 1, (byte) stratum);
    b.put(p + 2, (byte) poll);
    b.put(p + 3, (byte) precision);
    b.putInt(p + 4, rootDelay);
    b.putInt(p + 8, rootDispersion);
    b.putInt(p + 12, referenceId);
    b.putLong(p + 16, reference);
    b.putLong(p + 24, origin);
    b.putLong(p + 32, receive);
    b.putLong(p + 40, transmit);
  }
}
