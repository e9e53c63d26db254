package org.ntpclock.core;

/** Shared resolver instances. */
final class Resolvers {
  /**
   * {@code pivot(RFC_4330_PIVOT)} specialised: the window starts at era 0 second 2<sup>31</sup>, so the
   * seconds MSB alone picks the era. Equal to the general pivot for every input (a property test
   * checks it), about twice as fast on the decode path.
   */
  static final EraResolver RFC_4330 =
      bits -> NtpDate.ofNtpSeconds(rfc4330Seconds(bits), bits & NtpFraction.MAX_FRACTION);

  /**
   * Seconds since the prime epoch under the RFC 4330 MSB rule: era 0 when the seconds' top bit is
   * set, era 1 otherwise. Allocation-free core of {@link #RFC_4330} for the default conversions.
   */
  static long rfc4330Seconds(long bits) {
    long seconds = bits >>> 32;
    return seconds >= 0x8000_0000L ? seconds : seconds + NtpFraction.UNITS_PER_SECOND;
  }

  private Resolvers() {}
}
