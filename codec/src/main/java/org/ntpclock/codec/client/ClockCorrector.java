package org.ntpclock.codec.client;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sans-I/O core of an NTP-corrected clock: it turns the outcome of each poll of one or more
 * servers into an estimate of the true time anchored to a monotonic ticker, and decides when to
 * poll next. {@link org.ntpclock.codec.transport.NtpCorrectedClock} runs it on a schedule over
 * {@link org.ntpclock.codec.transport.SntpClient}; tests and
 * other transports feed it directly.
 *
 * <p><b>Anchoring.</b> A good poll (the servers' samples {@link Selection#select agree}) gives the
 * offset θ of the true time against the wall clock, read together with a ticker reading {@code n0}.
 * The anchor is the pair ({@code n0}, wall({@code n0}) + θ); afterwards the time is
 * {@code anchor + (n − n0)} for a ticker reading {@code n}, so a step of the system clock moves
 * the reported {@link CorrectedTime#offset()} but not the corrected time. Each good poll replaces
 * the anchor; the time then steps by the change in the measured offset (within the error bounds).
 *
 * <p><b>Error bound.</b> Half the width of the servers' combined correctness interval (for one
 * server its root distance, λ), plus the frequency tolerance (15 ppm, RFC 5905's PHI) times the
 * time since the anchor: how far a ticker running that far off may have drifted.
 *
 * <p><b>Vouching.</b> A reading is {@link CorrectedTime.Status#SYNCHRONIZED} while the anchor is
 * younger than the staleness limit and the error bound within its limit;
 * {@link CorrectedTime.Status#STALE} after; {@link CorrectedTime.Status#UNSYNCHRONIZED} (the wall
 * clock's time) before the first good poll.
 *
 * <p><b>Polling.</b> After a good poll the interval doubles, from the minimum up to the maximum poll
 * interval (a stable clock needs fewer polls). After a failed poll (no server answered, or no
 * majority) the retry waits back off exponentially (RFC 4330 section 10): the minimum interval,
 * then twice that, up to the maximum, and the poll interval starts again from the minimum once a
 * poll succeeds. Per-server limits (a server's poll field, kiss-o'-death RATE back-off, DENY) are
 * the client's ({@link org.ntpclock.codec.transport.SntpClient}).
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class ClockCorrector {
  /** The longest poll interval and back-off, 2<sup>17</sup> s (RFC 5905 MAXPOLL, 36.4 hours). */
  public static final Duration MAXIMUM_POLL = Duration.ofSeconds(1L << 17);
  /** RFC 5905's PHI: the frequency tolerance of a local oscillator, 15 ppm. */
  public static final long FREQUENCY_TOLERANCE_PPM = 15;

  private final Duration minimumPoll;
  private final Duration maximumPoll;
  private final Duration maxErrorBound;
  private final Duration maxStaleness;

  private boolean anchored;
  private long anchorTicks;
  private Instant anchorInstant;
  private long anchorErrorNanos;
  private Duration pollInterval;
  private int consecutiveFailures;
  private Selection.Result lastSelection;
  private List<ExchangeFailure> lastFailures = List.of();
  private long goodPolls;
  private long failedPolls;

  private ClockCorrector(Builder b) {
    this.minimumPoll = b.minimumPoll;
    this.maximumPoll = b.maximumPoll;
    this.maxErrorBound = b.maxErrorBound;
    this.maxStaleness = b.maxStaleness;
    this.pollInterval = minimumPoll;
  }

  /**
   * A builder with defaults: poll every 64 s to 1024 s (RFC 5905's default MINPOLL 6 and MAXPOLL
   * 10), vouch while the error bound is at most 1 s and the last good poll at most 1 hour old.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes in a poll's outcome and decides when to poll next.
   *
   * @param samples the samples the servers gave (possibly none)
   * @param failures the servers that gave none, with why
   * @param ticks a ticker reading taken together with {@code wall}, after the replies arrived
   * @param wall the wall clock's reading at {@code ticks}, the clock the samples' offsets are against
   * @return how long to wait before the next poll
   */
  public synchronized Duration onPoll(List<TimeSample> samples, List<ExchangeFailure> failures, long ticks,
      Instant wall) {
    checkNotNull(samples, "samples");
    checkNotNull(failures, "failures");
    checkNotNull(wall, "wall");
    Selection.Result selection = Selection.select(samples);
    lastSelection = selection;
    lastFailures = List.copyOf(failures);
    if (!selection.isAgreed()) {
      failedPolls++;
      consecutiveFailures++;
      pollInterval = minimumPoll;
      return backOff(consecutiveFailures);
    }
    goodPolls++;
    consecutiveFailures = 0;
    anchored = true;
    anchorTicks = ticks;
    anchorInstant = wall.plus(selection.offset().toDuration());
    // Half the interval's width, rounded up so the bound is never understated.
    long widthNanos = selection.high().minus(selection.low()).toDuration().toNanos();
    anchorErrorNanos = widthNanos / 2 + (widthNanos & 1);
    Duration next = pollInterval;
    pollInterval = min(pollInterval.multipliedBy(2), maximumPoll);
    return next;
  }

  /**
   * Reads the corrected time.
   *
   * @param ticks the ticker's current reading
   * @param wall the wall clock's current reading
   * @return the estimate, its error bound, staleness and status
   */
  public synchronized CorrectedTime read(long ticks, Instant wall) {
    checkNotNull(wall, "wall");
    if (!anchored) {
      return new CorrectedTime(wall, Optional.empty(), Optional.empty(), Optional.empty(),
          CorrectedTime.Status.UNSYNCHRONIZED);
    }
    // A ticker that went backwards (it must not) counts as no time passed, never as negative age.
    long elapsed = Math.max(0, ticks - anchorTicks);
    Instant instant = anchorInstant.plusNanos(elapsed);
    // elapsed * 15 / 10^6 without overflow, rounded up so the bound is never understated.
    long drift = elapsed / 1_000_000 * FREQUENCY_TOLERANCE_PPM
        + ((elapsed % 1_000_000) * FREQUENCY_TOLERANCE_PPM + 999_999) / 1_000_000;
    Duration error = Duration.ofNanos(saturatedAdd(anchorErrorNanos, drift));
    Duration staleness = Duration.ofNanos(elapsed);
    boolean vouched = staleness.compareTo(maxStaleness) <= 0 && error.compareTo(maxErrorBound) <= 0;
    return new CorrectedTime(instant, Optional.of(Duration.between(wall, instant)), Optional.of(error),
        Optional.of(staleness), vouched ? CorrectedTime.Status.SYNCHRONIZED : CorrectedTime.Status.STALE);
  }

  /**
   * The wait before the next poll after {@code failures} failed polls in a row.
   *
   * @param failures 1 or more
   * @return the minimum poll interval doubled {@code failures - 1} times, at most the maximum
   * @throws IllegalArgumentException if {@code failures} is less than 1
   */
  public Duration backOff(int failures) {
    checkArgument(failures >= 1, "failures must be at least 1: %s", failures);
    Duration wait = minimumPoll;
    for (int i = 1; i < failures && wait.compareTo(maximumPoll) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return min(wait, maximumPoll);
  }

  /**
   * The selection of the last poll, good or not.
   *
   * @return the selection, or empty before the first poll
   */
  public synchronized Optional<Selection.Result> lastSelection() {
    return Optional.ofNullable(lastSelection);
  }

  /**
   * The servers that failed in the last poll, with why.
   *
   * @return the failures, empty before the first poll
   */
  public synchronized List<ExchangeFailure> lastFailures() {
    return lastFailures;
  }

  /**
   * How many polls in a row have failed.
   *
   * @return 0 after a good poll
   */
  public synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }

  /**
   * How many polls succeeded since creation.
   *
   * @return the count
   */
  public synchronized long goodPolls() {
    return goodPolls;
  }

  /**
   * How many polls failed since creation.
   *
   * @return the count
   */
  public synchronized long failedPolls() {
    return failedPolls;
  }

  /**
   * The shortest poll interval.
   *
   * @return the minimum
   */
  public Duration minimumPoll() {
    return minimumPoll;
  }

  /**
   * The longest poll interval and back-off.
   *
   * @return the maximum
   */
  public Duration maximumPoll() {
    return maximumPoll;
  }

  @Override
  public synchronized String toString() {
    return "ClockCorrector{poll=" + minimumPoll + ".." + maximumPoll + ", maxError=" + maxErrorBound
        + ", maxStaleness=" + maxStaleness + ", good=" + goodPolls + ", failed=" + failedPolls + "}";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /** Configures a {@link ClockCorrector}. Not thread-safe. */
  public static final class Builder {
    private Duration minimumPoll = Duration.ofSeconds(64);
    private Duration maximumPoll = Duration.ofSeconds(1024);
    private Duration maxErrorBound = Duration.ofSeconds(1);
    private Duration maxStaleness = Duration.ofHours(1);

    private Builder() {}

    /**
     * Sets the poll interval range (default 64 s .. 1024 s). The client's own minimum
     * (15 s unless opted out for tests) still applies to each server.
     *
     * @param minimum the first interval and back-off step, positive
     * @param maximum the longest interval and back-off, at least {@code minimum}, at most
     *     {@link #MAXIMUM_POLL}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder pollInterval(Duration minimum, Duration maximum) {
      checkNotNull(minimum, "minimum");
      checkNotNull(maximum, "maximum");
      checkArgument(!minimum.isNegative() && !minimum.isZero(), "minimum poll must be positive: %s", minimum);
      checkArgument(maximum.compareTo(minimum) >= 0, "maximum poll %s below minimum %s", maximum, minimum);
      checkArgument(maximum.compareTo(MAXIMUM_POLL) <= 0, "maximum poll over %s: %s", MAXIMUM_POLL, maximum);
      this.minimumPoll = minimum;
      this.maximumPoll = maximum;
      return this;
    }

    /**
     * Sets the largest error bound the clock vouches for (default 1 s).
     *
     * @param limit a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxErrorBound(Duration limit) {
      checkNotNull(limit, "limit");
      checkArgument(!limit.isNegative() && !limit.isZero(), "error bound limit must be positive: %s", limit);
      this.maxErrorBound = limit;
      return this;
    }

    /**
     * Sets the oldest last good poll the clock vouches for (default 1 hour).
     *
     * @param limit a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxStaleness(Duration limit) {
      checkNotNull(limit, "limit");
      checkArgument(!limit.isNegative() && !limit.isZero(), "staleness limit must be positive: %s", limit);
      this.maxStaleness = limit;
      return this;
    }

    /**
     * Builds the corrector.
     *
     * @return a new corrector, never synchronized yet
     */
    public ClockCorrector build() {
      return new ClockCorrector(this);
    }
  }
}
