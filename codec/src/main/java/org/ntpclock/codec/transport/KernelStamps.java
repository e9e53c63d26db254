package org.ntpclock.codec.transport;

import org.ntpclock.core.NtpFraction;

/**
 * Carries a kernel receive stamp (real-time clock) over to the scale of whatever clock a server
 * serves or a client measures with: the datagram's age, measured on the real-time clock, is taken
 * off that clock's reading made just after the age was measured. A served clock that is not the
 * system clock (an RTC, a test's fake) therefore gets the true arrival on its own scale, and a gap
 * between the two reads makes the result late by the gap, never earlier than the arrival.
 */
final class KernelStamps {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private KernelStamps() {}

  /**
   * The NTP timestamp of an arrival {@code ageNanos} before {@code nowBits}; a negative age (the
   * real-time clock stepped back in between) counts as none.
   */
  static long receiveBits(long nowBits, long ageNanos) {
    if (ageNanos <= 0) {
      return nowBits;
    }
    long ageBits = ((ageNanos / NANOS_PER_SECOND) << 32) + NtpFraction.fromNanos(ageNanos % NANOS_PER_SECOND);
    return nowBits - ageBits;
  }
}
