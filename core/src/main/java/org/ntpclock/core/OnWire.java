package org.ntpclock.core;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/**
 * On-wire offset and delay from the four timestamps of a client/server exchange (RFC 5905
 * section 8): T1 client transmit, T2 server receive, T3 server transmit, T4 client receive.
 *
 * <pre>
 *   offset θ = ((T2 - T1) + (T3 - T4)) / 2      positive when the server is ahead
 *   delay  δ = (T4 - T1) - (T3 - T2)
 * </pre>
 *
 * <p>Each first-order difference is a wrapping 64-bit subtraction of the raw timestamps read as
 * signed, so it is exact across the 2036 era boundary and stays correct when the client's clock
 * sits near 1970 (a dead RTC battery) while the server's is current, as long as client and server
 * are less than 68 years apart. The second-order sums are formed without overflow: the offset as an
 * exact floor halving of the 65-bit sum, the delay with an overflow check. Results are exact to
 * 2<sup>-32</sup> s (the offset rounded toward negative infinity by at most 2<sup>-33</sup> s) and
 * are never truncated to milliseconds.
 *
 * <p>The static {@code long} methods allocate nothing and work on raw bits;
 * {@link #measure(NtpTimestamp, NtpTimestamp, NtpTimestamp, NtpTimestamp)} wraps them in a typed
 * result.
 */
public final class OnWire {
  private OnWire() {}

  /**
   * The clock offset θ in signed 2<sup>-32</sup> s units.
   *
   * @param t1 raw client transmit timestamp (the reply's origin)
   * @param t2 raw server receive timestamp
   * @param t3 raw server transmit timestamp
   * @param t4 raw client receive timestamp
   * @return θ, positive when the server clock is ahead of the client's
   */
  public static long offset(long t1, long t2, long t3, long t4) {
    long a = t2 - t1;
    long b = t3 - t4;
    // floor((a + b) / 2) without forming the 65-bit sum.
    return (a >> 1) + (b >> 1) + (a & b & 1);
  }

  /**
   * The round-trip delay δ in signed 2<sup>-32</sup> s units, saturated at {@link Long#MIN_VALUE}
   * or {@link Long#MAX_VALUE} if it does not fit (only possible with nonsensical timestamps).
   *
   * @param t1 raw client transmit timestamp
   * @param t2 raw server receive timestamp
   * @param t3 raw server transmit timestamp
   * @param t4 raw client receive timestamp
   * @return δ, negative when the server's processing time exceeds the client's round trip
   */
  public static long delay(long t1, long t2, long t3, long t4) {
    long roundTrip = t4 - t1;
    long processing = t3 - t2;
    long delay = roundTrip - processing;
    // Overflow iff the operands have different signs and the result's sign differs from roundTrip's.
    if (((roundTrip ^ processing) & (roundTrip ^ delay)) < 0) {
      return roundTrip < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return delay;
  }

  /**
   * Measures offset and delay and classifies the result.
   *
   * @param t1 client transmit timestamp
   * @param t2 server receive timestamp
   * @param t3 server transmit timestamp
   * @param t4 client receive timestamp
   * @return the typed measurement
   */
  public static Measurement measure(NtpTimestamp t1, NtpTimestamp t2, NtpTimestamp t3, NtpTimestamp t4) {
    checkNotNull(t1, "t1");
    checkNotNull(t2, "t2");
    checkNotNull(t3, "t3");
    checkNotNull(t4, "t4");
    long a = t1.toBits();
    long b = t2.toBits();
    long c = t3.toBits();
    long d = t4.toBits();
    long roundTrip = d - a;
    long processing = c - b;
    long delay = roundTrip - processing;
    Status status;
    if (((roundTrip ^ processing) & (roundTrip ^ delay)) < 0) {
      status = Status.DELAY_OVERFLOW;
      delay = roundTrip < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    } else if (delay < 0) {
      status = Status.NEGATIVE_DELAY;
    } else {
      status = Status.VALID;
    }
    return new Measurement(NtpDuration.ofBits(offset(a, b, c, d)), NtpDuration.ofBits(delay), status);
  }

  /** What a measurement says about its own plausibility. */
  public enum Status {
    /** Delay zero or positive: a usable measurement. */
    VALID,
    /**
     * The delay is negative: the server claims to have spent longer on the request than the
     * round trip took, or a clock stepped. The offset is computed but should not be trusted.
     */
    NEGATIVE_DELAY,
    /** The delay does not fit in 32.32 (timestamps decades apart); saturated. */
    DELAY_OVERFLOW
  }

  /**
   * The result of {@link OnWire#measure}: offset θ, delay δ and a status. Immutable.
   *
   * @param offset θ, positive when the server is ahead
   * @param delay δ, as computed (negative values are kept, not clamped; see {@link #status()})
   * @param status whether the delay is plausible
   */
  public record Measurement(NtpDuration offset, NtpDuration delay, Status status) {
    /**
     * Validates the components.
     *
     * @param offset θ
     * @param delay δ
     * @param status the classification
     */
    public Measurement {
      checkNotNull(offset, "offset");
      checkNotNull(delay, "delay");
      checkNotNull(status, "status");
    }

    /**
     * Whether the measurement is usable ({@link Status#VALID}).
     *
     * @return true when the delay is zero or positive
     */
    public boolean isValid() {
      return status == Status.VALID;
    }
  }
}
