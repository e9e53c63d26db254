package org.ntpclock.codec.client;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ntpclock.core.NtpDuration;

/**
 * Combines samples from several servers so that a minority of falsetickers cannot move the
 * answer: the intersection (Marzullo's algorithm, as RFC 5905 section 11.2.1 uses it) of the
 * correctness intervals {@code [offset − rootDistance, offset + rootDistance]}.
 *
 * <p>A truechimer's interval contains the true offset. If a majority of the {@code n} samples are
 * truechimers, the true offset lies in at least {@code q = floor(n/2) + 1} intervals, so it lies in
 * the <em>majority region</em>: the points covered by at least {@code q} intervals. The result's
 * interval {@code [low, high]} is the smallest interval holding that region, so it contains the
 * true offset whenever the majority assumption holds (a jqwik property checks this law). RFC 5905
 * instead starts from "no falsetickers" and tolerates more only when it must; that can settle on a
 * tighter intersection that a falseticker overlapping the truechimers pulls away from the truth,
 * so ntpclock always requires exactly a majority.
 *
 * <p>Samples whose interval does not meet {@code [low, high]} are falsetickers: no majority can
 * hold both them and the truth. The combined offset is the midpoint of {@code [low, high]}
 * (Marzullo's estimate). Pure and stateless.
 */
public final class Selection {
  private Selection() {}

  /** How a selection ended. */
  public enum Status {
    /** A majority of the intervals share a region; the result holds an offset. */
    AGREED,
    /** No point is covered by a majority of the intervals: the servers disagree. */
    NO_MAJORITY,
    /** No samples were given. */
    NO_SAMPLES
  }

  /**
   * The outcome of {@link #select}.
   *
   * @param status whether a majority agreed
   * @param offset the combined offset (the midpoint of the interval); zero unless agreed
   * @param low the interval's lower end; zero unless agreed
   * @param high the interval's upper end; zero unless agreed
   * @param truechimers the samples whose intervals meet {@code [low, high]} (all samples unless
   *     agreed), in input order
   * @param falsetickers the samples whose intervals do not, in input order
   */
  public record Result(Status status, NtpDuration offset, NtpDuration low, NtpDuration high,
      List<TimeSample> truechimers, List<TimeSample> falsetickers) {
    /**
     * Copies the lists.
     *
     * @param status status
     * @param offset combined offset
     * @param low lower end
     * @param high upper end
     * @param truechimers survivors
     * @param falsetickers rejected samples
     */
    public Result {
      checkNotNull(status, "status");
      checkNotNull(offset, "offset");
      checkNotNull(low, "low");
      checkNotNull(high, "high");
      truechimers = List.copyOf(truechimers);
      falsetickers = List.copyOf(falsetickers);
    }

    /**
     * Whether a majority agreed.
     *
     * @return true for {@link Status#AGREED}
     */
    public boolean isAgreed() {
      return status == Status.AGREED;
    }
  }

  /**
   * Selects the truechimers among samples from distinct servers.
   *
   * @param samples one sample per server
   * @return the combined interval and offset with the truechimers and falsetickers, or a
   *     {@link Status#NO_MAJORITY} / {@link Status#NO_SAMPLES} result
   */
  public static Result select(List<TimeSample> samples) {
    checkNotNull(samples, "samples");
    int n = samples.size();
    if (n == 0) {
      return new Result(Status.NO_SAMPLES, NtpDuration.ZERO, NtpDuration.ZERO, NtpDuration.ZERO, List.of(), List.of());
    }
    long[] lows = new long[n];
    long[] highs = new long[n];
    for (int i = 0; i < n; i++) {
      TimeSample s = checkNotNull(samples.get(i), "sample");
      long o = s.offset().toBits();
      long d = s.rootDistance().toBits();
      lows[i] = saturatedSubtract(o, d);
      highs[i] = saturatedAdd(o, d);
    }
    long[] region = majorityRegion(lows, highs);
    if (region == null) {
      return new Result(Status.NO_MAJORITY, NtpDuration.ZERO, NtpDuration.ZERO, NtpDuration.ZERO, samples, List.of());
    }
    long low = region[0];
    long high = region[1];
    List<TimeSample> truechimers = new ArrayList<>();
    List<TimeSample> falsetickers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (highs[i] < low || lows[i] > high ? falsetickers : truechimers).add(samples.get(i));
    }
    long mid = (low >> 1) + (high >> 1) + (low & high & 1);
    return new Result(Status.AGREED, NtpDuration.ofBits(mid), NtpDuration.ofBits(low), NtpDuration.ofBits(high),
        truechimers, falsetickers);
  }

  /**
   * The smallest interval holding every point covered by a majority of the closed intervals
   * {@code [lows[i], highs[i]]}, or null if no point is.
   *
   * @param lows lower ends
   * @param highs upper ends, each at least its lower end
   * @return {@code {low, high}} or null
   */
  static long[] majorityRegion(long[] lows, long[] highs) {
    int n = lows.length;
    int quorum = n / 2 + 1;
    // Sweep the sorted ends; at equal values openings go before closings (closed intervals).
    long[] sortedLows = lows.clone();
    long[] sortedHighs = highs.clone();
    Arrays.sort(sortedLows);
    Arrays.sort(sortedHighs);
    // Ascending sweep: the first opening at which coverage reaches the quorum.
    long low = 0;
    boolean found = false;
    int i = 0;
    int j = 0;
    int count = 0;
    while (i < n) {
      if (sortedLows[i] <= sortedHighs[j]) {
        count++;
        if (count >= quorum) {
          low = sortedLows[i];
          found = true;
          break;
        }
        i++;
      } else {
        count--;
        j++;
      }
    }
    if (!found) {
      return null;
    }
    // Descending sweep: the last closing at which coverage reaches the quorum.
    i = n - 1;
    j = n - 1;
    count = 0;
    long high = 0;
    while (j >= 0) {
      if (sortedHighs[j] >= sortedLows[i]) {
        count++;
        if (count >= quorum) {
          high = sortedHighs[j];
          break;
        }
        j--;
      } else {
        count--;
        i--;
      }
    }
    return new long[] {low, high};
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  private static long saturatedSubtract(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }
}
