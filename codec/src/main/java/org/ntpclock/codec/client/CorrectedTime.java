package org.ntpclock.codec.client;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One reading of an NTP-corrected clock ({@link ClockCorrector},
 * {@link org.ntpclock.codec.transport.NtpCorrectedClock}): the
 * best estimate of the true time, how far it may be off, how old the measurement behind it is, and
 * whether the clock vouches for it.
 *
 * @param instant the estimate of the true time; the system clock's reading when the clock has
 *     never been synchronized
 * @param offset the estimate minus the system clock's reading (positive: the system clock is
 *     behind); empty when never synchronized
 * @param errorBound the most the estimate may be off: the servers' combined correctness interval at
 *     the last good poll, grown by the frequency tolerance since; empty when never synchronized
 * @param staleness the monotonic time since the last good poll; empty when never synchronized
 * @param status whether the clock vouches for the estimate, and if not, why
 */
public record CorrectedTime(Instant instant, Optional<Duration> offset, Optional<Duration> errorBound,
    Optional<Duration> staleness, Status status) {

  /** Whether an NTP-corrected clock vouches for its time, and if not, why. */
  public enum Status {
    /**
     * A good poll is recent enough and its error bound small enough: the estimate is vouched for.
     */
    SYNCHRONIZED,
    /**
     * The clock was synchronized, but the last good poll is older than the staleness limit or the
     * error bound has grown past its limit (all servers failing since): the estimate is the best
     * there is, but not vouched for.
     */
    STALE,
    /** No poll has ever succeeded: the instant is the system clock's, and not vouched for. */
    UNSYNCHRONIZED
  }

  /**
   * Validates the components.
   *
   * @param instant the estimate
   * @param offset the estimate minus the system clock
   * @param errorBound the error bound, not negative
   * @param staleness the age of the last good poll, not negative
   * @param status the status
   * @throws IllegalArgumentException if the optional parts disagree with the status
   */
  public CorrectedTime {
    checkNotNull(instant, "instant");
    checkNotNull(offset, "offset");
    checkNotNull(errorBound, "errorBound");
    checkNotNull(staleness, "staleness");
    checkNotNull(status, "status");
    boolean never = status == Status.UNSYNCHRONIZED;
    checkArgument(offset.isEmpty() == never && errorBound.isEmpty() == never && staleness.isEmpty() == never,
        "offset, error bound and staleness are present exactly when the clock has been synchronized");
    errorBound.ifPresent(e -> checkArgument(!e.isNegative(), "negative error bound: %s", e));
    staleness.ifPresent(s -> checkArgument(!s.isNegative(), "negative staleness: %s", s));
  }

  /**
   * Whether the clock vouches for this reading.
   *
   * @return true for {@link Status#SYNCHRONIZED}
   */
  public boolean isVouched() {
    return status == Status.SYNCHRONIZED;
  }
}
