package org.ntpclock.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Tells whether the system's real-time clock was stepped (set) while a piece of a test ran. Some
 * machines step it now and then: a virtual machine whose host corrects the guest's clock, a time
 * daemon. A test that compares timestamps taken across such a step (a kernel receive stamp with a
 * later clock read, two reads of differently anchored clocks) measures the step, not the code; with
 * this it can tell the two apart, say so, and run that piece again.
 *
 * <p>A step shows as a change of the real-time clock's offset from the monotonic clock, which no
 * one can set. Each offset is read between two monotonic reads; a change counts as a step only when
 * it exceeds the two reads' own uncertainty (half of each bracket) by {@link #SLACK_NANOS}.
 */
public final class ClockSteps {
  /** How far beyond the measurement's uncertainty a change of offset must go to count as a step. */
  public static final long SLACK_NANOS = 5_000;
  private static final int BRACKETS = 5;
  private static final Clock UTC = Clock.systemUTC();

  private ClockSteps() {}

  /** The real-time clock's offset from the monotonic clock at one moment, with its uncertainty. */
  public record Offset(long nanos, long uncertaintyNanos) {
    /**
     * Whether the clock was stepped between this reading and a later one.
     *
     * @param later the later reading
     * @return true if the offsets differ by more than their uncertainties and the slack
     */
    public boolean steppedBefore(Offset later) {
      return Math.abs(later.nanos - nanos) > uncertaintyNanos + later.uncertaintyNanos + SLACK_NANOS;
    }
  }

  /**
   * Reads the real-time clock's offset from the monotonic clock (the tightest of a few brackets).
   *
   * @return the offset and its uncertainty
   */
  public static Offset read() {
    long best = Long.MAX_VALUE;
    long offset = 0;
    for (int i = 0; i < BRACKETS; i++) {
      long before = System.nanoTime();
      Instant now = UTC.instant();
      long after = System.nanoTime();
      if (after - before < best) {
        best = after - before;
        long mid = before + (after - before) / 2;
        offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - mid;
      }
    }
    return new Offset(offset, best / 2 + 1);
  }

  /**
   * Runs an action, and again, at most {@code attempts} times in all, while it fails in a run that
   * overlapped a step of the real-time clock, printing a line for each such run. A run that fails
   * without a step fails the test at once, and a run that passes is the result, step or not.
   *
   * @param <T> what the action returns
   * @param attempts 1 or more
   * @param what names the action in the printed line
   * @param action the piece of the test that compares timestamps across its own duration
   * @return what the first passing run returned
   * @throws Exception what a run without a step threw
   * @throws AssertionError what a run without a step asserted, or if every run failed across a step
   */
  public static <T> T withoutStep(int attempts, String what, Callable<T> action) throws Exception {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
    for (int i = 1; i <= attempts; i++) {
      Offset before = read();
      try {
        return action.call();
      } catch (Exception | AssertionError e) {
        Offset after = read();
        if (!before.steppedBefore(after)) {
          throw e;
        }
        report(what, i, before, after, e);
      }
    }
    throw new AssertionError("the system clock was stepped during each of " + attempts + " failed runs of " + what);
  }

  private static void report(String what, int attempt, Offset before, Offset after, Throwable failure) {
    System.out.printf("%s, run %d failed while the system clock was stepped by %+d us; running it again. The failure: %s%n",
        what, attempt, (after.nanos - before.nanos) / 1000, failure);
  }
}
