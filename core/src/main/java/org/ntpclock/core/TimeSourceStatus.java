package org.ntpclock.core;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/**
 * What a {@link TimeSource} says about itself, as an NTP server puts it in its replies: leap
 * indicator, stratum, precision, root delay and dispersion, reference id and reference time.
 * Immutable; a source hands out the same instance until its state changes, so a server can read it
 * for every packet without allocating.
 *
 * <p>A source is synchronized unless its leap indicator is {@link LeapIndicator#UNSYNCHRONIZED} or
 * its stratum is 16; the two go together ({@link #unsynchronized(int)}), so a source that cannot
 * vouch for its time never presents it as good.
 *
 * @param leap the leap indicator; {@link LeapIndicator#UNSYNCHRONIZED} exactly when stratum is 16
 * @param stratum 1 (primary reference) .. 15, or 16 for unsynchronized
 * @param precision log2 seconds of the clock's precision, -128..127 (for example -20 ≈ 1 µs)
 * @param rootDelay total round-trip delay to the primary reference
 * @param rootDispersion total dispersion to the primary reference
 * @param referenceId what the source is synchronized to
 * @param referenceTime when the source was last set or corrected; {@link NtpTimestamp#UNKNOWN} if never
 */
public record TimeSourceStatus(
    LeapIndicator leap,
    int stratum,
    int precision,
    NtpShort rootDelay,
    NtpShort rootDispersion,
    ReferenceId referenceId,
    NtpTimestamp referenceTime) {

  /** Stratum of an unsynchronized source (RFC 5905 MAXSTRAT). */
  public static final int UNSYNCHRONIZED_STRATUM = 16;

  /**
   * Validates the components.
   *
   * @param leap the leap indicator
   * @param stratum 1..16
   * @param precision -128..127
   * @param rootDelay root delay
   * @param rootDispersion root dispersion
   * @param referenceId reference id
   * @param referenceTime reference time
   * @throws IllegalArgumentException if a value is out of range or leap and stratum disagree
   */
  public TimeSourceStatus {
    checkNotNull(leap, "leap");
    checkNotNull(rootDelay, "rootDelay");
    checkNotNull(rootDispersion, "rootDispersion");
    checkNotNull(referenceId, "referenceId");
    checkNotNull(referenceTime, "referenceTime");
    checkArgument(stratum >= 1 && stratum <= UNSYNCHRONIZED_STRATUM, "stratum out of range 1..16: %s", stratum);
    checkArgument(precision >= Byte.MIN_VALUE && precision <= Byte.MAX_VALUE, "precision out of range -128..127: %s", precision);
    checkArgument(
        (leap == LeapIndicator.UNSYNCHRONIZED) == (stratum == UNSYNCHRONIZED_STRATUM),
        "leap indicator 3 and stratum 16 go together: leap=%s stratum=%s", leap, stratum);
  }

  /**
   * The status of a source that cannot vouch for its time: LI 3, stratum 16, no reference.
   *
   * @param precision log2 seconds, -128..127
   * @return the status
   */
  public static TimeSourceStatus unsynchronized(int precision) {
    return new TimeSourceStatus(
        LeapIndicator.UNSYNCHRONIZED, UNSYNCHRONIZED_STRATUM, precision,
        NtpShort.ZERO, NtpShort.ZERO, ReferenceId.ZERO, NtpTimestamp.UNKNOWN);
  }

  /**
   * Whether the source vouches for its time.
   *
   * @return false for LI 3 / stratum 16
   */
  public boolean isSynchronized() {
    return leap != LeapIndicator.UNSYNCHRONIZED;
  }

  /**
   * This status with another leap indicator; an unsynchronized status stays unsynchronized.
   *
   * @param newLeap the indicator for a synchronized source
   * @return the status with the new indicator, or this if unsynchronized or unchanged
   * @throws IllegalArgumentException if {@code newLeap} is {@link LeapIndicator#UNSYNCHRONIZED}
   */
  public TimeSourceStatus withLeap(LeapIndicator newLeap) {
    checkArgument(newLeap != LeapIndicator.UNSYNCHRONIZED, "use unsynchronized() to drop synchronization");
    if (!isSynchronized() || newLeap == leap) {
      return this;
    }
    return new TimeSourceStatus(newLeap, stratum, precision, rootDelay, rootDispersion, referenceId, referenceTime);
  }
}
