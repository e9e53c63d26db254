package org.ntpclock.codec.client;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * Thresholds for {@link ResponseValidator}, with the RFC values as defaults
 * ({@link #defaults()}):
 *
 * <ul>
 *   <li>versions 3..4 (the versions a client sends; a server answers in the request's version);
 *   <li>mode 4 only; broadcast (mode 5) when {@link #acceptBroadcast()};
 *   <li>stratum 1..15 (RFC 5905 MAXSTRAT 16 is unsynchronized);
 *   <li>root delay / 2 + root dispersion below MAXDISP, 16 s (RFC 5905 Appendix A.5.1.1);
 *   <li>reference timestamp at most 2<sup>17</sup> s (about 36 h) before the transmit timestamp
 *       (beevik/ntp's freshness rule);
 *   <li>|offset| below 2<sup>31</sup> s, the range of era-safe first-order differences;
 *   <li>client precision 2<sup>-20</sup> s: the floor a measured delay is clamped to (RFC 5905
 *       section 8).
 * </ul>
 *
 * @param minVersion lowest accepted version, 1..4
 * @param maxVersion highest accepted version, {@code minVersion}..4
 * @param acceptBroadcast whether mode 5 replies are accepted besides mode 4
 * @param maxStratum highest accepted stratum, 1..15
 * @param maxDispersion bound on root delay / 2 + root dispersion (exclusive), positive, at most
 *     2<sup>31</sup> s
 * @param maxReferenceAge bound on transmit - reference timestamp (inclusive), positive, at most
 *     2<sup>31</sup> s
 * @param maxOffset bound on |offset| (exclusive), positive, at most 2<sup>31</sup> s
 * @param clientPrecision log2 seconds of the client clock's precision, -32..30
 */
public record ValidationPolicy(
    int minVersion,
    int maxVersion,
    boolean acceptBroadcast,
    int maxStratum,
    Duration maxDispersion,
    Duration maxReferenceAge,
    Duration maxOffset,
    int clientPrecision) {

  /** RFC 5905 MAXDISP: 16 s. */
  public static final Duration MAXDISP = Duration.ofSeconds(16);
  /** Freshness bound on the reference timestamp: 2<sup>17</sup> s. */
  public static final Duration MAX_REFERENCE_AGE = Duration.ofSeconds(1L << 17);
  /** Largest offset: 2<sup>31</sup> s. */
  public static final Duration MAX_OFFSET = Duration.ofSeconds(1L << 31);

  private static final Duration LIMIT = Duration.ofSeconds(1L << 31);
  private static final ValidationPolicy DEFAULTS =
      new ValidationPolicy(3, 4, false, 15, MAXDISP, MAX_REFERENCE_AGE, MAX_OFFSET, -20);

  /**
   * Checks the ranges.
   *
   * @param minVersion lowest accepted version, 1..4
   * @param maxVersion highest accepted version, {@code minVersion}..4
   * @param acceptBroadcast whether mode 5 is accepted
   * @param maxStratum 1..15
   * @param maxDispersion positive, at most 2<sup>31</sup> s
   * @param maxReferenceAge positive, at most 2<sup>31</sup> s
   * @param maxOffset positive, at most 2<sup>31</sup> s
   * @param clientPrecision -32..30
   * @throws IllegalArgumentException if a value is out of range
   */
  public ValidationPolicy {
    checkArgument(minVersion >= 1 && minVersion <= maxVersion && maxVersion <= 4,
        "versions must satisfy 1 <= min <= max <= 4: %s..%s", minVersion, maxVersion);
    checkArgument(maxStratum >= 1 && maxStratum <= 15, "maxStratum out of range 1..15: %s", maxStratum);
    checkBound(maxDispersion, "maxDispersion");
    checkBound(maxReferenceAge, "maxReferenceAge");
    checkBound(maxOffset, "maxOffset");
    checkArgument(clientPrecision >= -32 && clientPrecision <= 30, "clientPrecision out of range -32..30: %s",
        clientPrecision);
  }

  private static void checkBound(Duration d, String name) {
    checkNotNull(d, name);
    checkArgument(!d.isNegative() && !d.isZero() && d.compareTo(LIMIT) <= 0,
        "%s must be positive and at most 2^31 s: %s", name, d);
  }

  /**
   * The RFC defaults listed in the class description.
   *
   * @return the policy
   */
  public static ValidationPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * This policy with other accepted versions.
   *
   * @param min lowest, 1..4
   * @param max highest, {@code min}..4
   * @return the policy
   * @throws IllegalArgumentException if out of range
   */
  public ValidationPolicy withVersions(int min, int max) {
    return new ValidationPolicy(min, max, acceptBroadcast, maxStratum, maxDispersion, maxReferenceAge, maxOffset,
        clientPrecision);
  }

  /**
   * This policy accepting broadcast replies or not.
   *
   * @param accept whether mode 5 is accepted
   * @return the policy
   */
  public ValidationPolicy withBroadcast(boolean accept) {
    return new ValidationPolicy(minVersion, maxVersion, accept, maxStratum, maxDispersion, maxReferenceAge,
        maxOffset, clientPrecision);
  }

  /**
   * This policy with another highest stratum.
   *
   * @param stratum 1..15
   * @return the policy
   * @throws IllegalArgumentException if out of range
   */
  public ValidationPolicy withMaxStratum(int stratum) {
    return new ValidationPolicy(minVersion, maxVersion, acceptBroadcast, stratum, maxDispersion, maxReferenceAge,
        maxOffset, clientPrecision);
  }

  /**
   * This policy with another dispersion bound.
   *
   * @param bound positive, at most 2<sup>31</sup> s
   * @return the policy
   * @throws IllegalArgumentException if out of range
   */
  public ValidationPolicy withMaxDispersion(Duration bound) {
    return new ValidationPolicy(minVersion, maxVersion, acceptBroadcast, maxStratum, bound, maxReferenceAge,
        maxOffset, clientPrecision);
  }

  /**
   * This policy with another freshness bound.
   *
   * @param bound positive, at most 2<sup>31</sup> s
   * @return the policy
   * @throws IllegalArgumentException if out of range
   */
  public ValidationPolicy withMaxReferenceAge(Duration bound) {
    return new ValidationPolicy(minVersion, maxVersion, acceptBroadcast, maxStratum, maxDispersion, bound,
        maxOffset, clientPrecision);
  }

  /**
   * This policy with another offset bound.
   *
   * @param bound positive, at most 2<sup>31</sup> s
   * @return the policy
   * @throws IllegalArgumentException if out of range
   */
  public ValidationPolicy withMaxOffset(Duration bound) {
    return new ValidationPolicy(minVersion, maxVersion, acceptBroadcast, maxStratum, maxDispersion,
        maxReferenceAge, bound, clientPrecision);
  }

  /**
   * This policy with another client precision.
   *
   * @param precision log2 seconds, -32..30
   * @return the policy
   * @throws IllegalArgumentException if out of range
   */
  public ValidationPolicy withClientPrecision(int precision) {
    return new ValidationPolicy(minVersion, maxVersion, acceptBroadcast, maxStratum, maxDispersion,
        maxReferenceAge, maxOffset, precision);
  }

  /**
   * A duration of at most 2<sup>31</sup> s in units of 2<sup>-32</sup> s, rounded up, as an
   * unsigned {@code long} (2<sup>31</sup> s is 2<sup>63</sup>).
   */
  static long units(Duration d) {
    long seconds = d.getSeconds();
    long fraction = (((long) d.getNano() << 32) + 999_999_999L) / 1_000_000_000L;
    return (seconds << 32) + fraction;
  }
}
