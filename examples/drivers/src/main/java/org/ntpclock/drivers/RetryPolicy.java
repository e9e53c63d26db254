package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import org.ntpclock.rtc.BusException;

/**
 * How a driver retries a failed bus transaction: at most {@code maxAttempts} tries, waiting
 * {@code backoff} between them, only for {@linkplain BusException.Reason#isTransient() transient}
 * failures. I2C to a DS3231 fails now and then (a NACK while the chip switches supply, noise on a
 * long cable); a couple of quick retries hide that without hiding a dead bus.
 *
 * @param maxAttempts tries in all, 1 (no retry) .. 100
 * @param backoff the wait between tries, zero or more
 * @param sleeper how to wait (tests pass a recorder)
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Sleeper sleeper) {
  /**
   * Validates the components.
   *
   * @param maxAttempts tries in all
   * @param backoff the wait between tries
   * @param sleeper how to wait
   * @throws IllegalArgumentException if out of range
   */
  public RetryPolicy {
    checkArgument(maxAttempts >= 1 && maxAttempts <= 100, "attempts out of range 1..100: %s", maxAttempts);
    checkArgument(!backoff.isNegative(), "negative backoff: %s", backoff);
    checkNotNull(sleeper, "sleeper");
  }

  /**
   * Three tries, 5 ms apart, sleeping for real.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofMillis(5), Sleeper.system());
  }

  /**
   * One try.
   *
   * @return the policy that never retries
   */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Sleeper.system());
  }

  /**
   * One bus transaction.
   *
   * @param <T> what the transaction returns
   */
  @FunctionalInterface
  public interface Call<T> {
    /**
     * Runs the transaction.
     *
     * @return its result
     * @throws BusException if it fails
     */
    T run() throws BusException;
  }

  /**
   * Runs a transaction under this policy.
   *
   * @param <T> the result type
   * @param call the transaction
   * @return its result
   * @throws BusException the last failure, after the attempts are used up or at once if not
   *     transient; on interruption a {@link BusException.Reason#TIMEOUT} with the interrupt flag set
   */
  public <T> T run(Call<T> call) throws BusException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (BusException e) {
        if (attempt >= maxAttempts || !e.reason().isTransient()) {
          throw e;
        }
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          BusException interrupted = new BusException(BusException.Reason.TIMEOUT, "interrupted while retrying", ie);
          interrupted.addSuppressed(e);
          throw interrupted;
        }
      }
    }
  }
}
