package org.ntpclock.core;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * Chooses the NTP era of a 64-bit timestamp, which the wire format leaves out (RFC 5905 section 6).
 *
 * <p>Three strategies, all exact and none silently wrapping:
 * <ul>
 *   <li>{@link #era(int)}: the caller knows the era;
 *   <li>{@link #pivot(Instant)}: the timestamp lies in the 2<sup>32</sup> s window that starts at a
 *       pivot instant;
 *   <li>{@link #nearest(Instant)}: the timestamp lies within 2<sup>31</sup> s (68 years) of a
 *       reference instant, typically the local clock (RFC 5905 section 6).
 * </ul>
 *
 * <p>The default, used by every conversion that names no resolver, is
 * {@link #defaultResolver()}: the RFC 4330 section 3 "most significant bit" rule, the window
 * 1968-01-20T03:14:08Z to 2104-02-26T09:42:24Z. This is the one place that default is defined.
 */
@FunctionalInterface
public interface EraResolver {
  /** Start of the RFC 4330 MSB window: NTP era 0, second 2<sup>31</sup>. */
  Instant RFC_4330_PIVOT = Instant.parse("1968-01-20T03:14:08Z");

  /**
   * Resolves raw timestamp bits to a full date.
   *
   * @param timestampBits the raw 64-bit timestamp
   * @return the date, in the era this resolver chooses
   */
  NtpDate resolve(long timestampBits);

  /**
   * The default resolver: the RFC 4330 MSB rule, equivalent to {@code pivot(RFC_4330_PIVOT)}.
   * Timestamps with the seconds MSB set are in era 0 (1968-01-20T03:14:08Z .. 2036-02-07T06:28:15Z),
   * the others in era 1 (2036-02-07T06:28:16Z .. 2104-02-26T09:42:23Z).
   *
   * @return the default resolver
   */
  static EraResolver defaultResolver() {
    return Resolvers.RFC_4330;
  }

  /**
   * A resolver that puts every timestamp in the given era.
   *
   * @param era the signed era number; era 0 starts 1900-01-01, era 1 starts 2036-02-07T06:28:16Z
   * @return the resolver
   */
  static EraResolver era(int era) {
    return bits -> NtpDate.of(era, bits >>> 32, bits & NtpFraction.MAX_FRACTION);
  }

  /**
   * A resolver that maps timestamps into the 2<sup>32</sup> s window starting at the whole second
   * of {@code windowStart} (its sub-second part is ignored).
   *
   * @param windowStart the earliest instant the resolver returns
   * @return the resolver
   */
  static EraResolver pivot(Instant windowStart) {
    checkNotNull(windowStart, "windowStart");
    long pivotSeconds = NtpDate.fromInstant(windowStart).ntpSeconds();
    return bits -> {
      long seconds = bits >>> 32;
      long offsetInWindow = Math.floorMod(seconds - pivotSeconds, NtpFraction.UNITS_PER_SECOND);
      return NtpDate.ofNtpSeconds(pivotSeconds + offsetInWindow, bits & NtpFraction.MAX_FRACTION);
    };
  }

  /**
   * A resolver that returns the date nearest to a reference instant: the signed wrapping
   * difference to the reference's own timestamp is added to the reference. Right whenever the
   * true date is within 2<sup>31</sup> s (68 years) of the reference.
   *
   * @param reference the instant the timestamp is assumed to be near
   * @return the resolver
   */
  static EraResolver nearest(Instant reference) {
    checkNotNull(reference, "reference");
    NtpDate ref = NtpDate.fromInstant(reference);
    long refSeconds = ref.ntpSeconds();
    long refFraction = ref.fraction();
    long refBits = ref.toTimestamp().toBits();
    return bits -> {
      long diff = bits - refBits;
      long seconds = refSeconds + (diff >> 32);
      long fraction = refFraction + (diff & NtpFraction.MAX_FRACTION);
      if (fraction >= NtpFraction.UNITS_PER_SECOND) {
        fraction -= NtpFraction.UNITS_PER_SECOND;
        seconds++;
      }
      return NtpDate.ofNtpSeconds(seconds, fraction);
    };
  }
}

