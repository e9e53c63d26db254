package org.ntpclock.codec.server;

/**
 * Told by a {@link RateLimiter} about each request over a client's limit and what became of it, so
 * the decision can be logged or counted outside the limiter. The default
 * ({@link RateLimiter.Builder#listener(RateLimitListener)}) logs each at DEBUG, rate-limited.
 * Called on the thread that checked the request, outside the limiter's locks: keep it short and
 * never block.
 */
@FunctionalInterface
public interface RateLimitListener {
  /** A listener that does nothing. */
  RateLimitListener NONE = (clientHigh, clientLow, outcome) -> { };

  /** What became of a request over its client's limit. */
  enum Outcome {
    /** Dropped silently ({@link RateLimiter.Decision#DROP}). */
    DROPPED,
    /** Answered with a kiss-o'-death RATE ({@link RateLimiter.Decision#KOD}). */
    KOD_RATE,
    /** Leaked: answered normally all the same, one in 2<sup>leak</sup> ({@link RateLimiter#leak()}). */
    LEAKED
  }

  /**
   * One request over its client's limit.
   *
   * @param clientHigh the client address's high 64 bits ({@link AddressBits})
   * @param clientLow the client address's low 64 bits
   * @param outcome what the limiter decided
   */
  void onOverLimit(long clientHigh, long clientLow, Outcome outcome);
}
