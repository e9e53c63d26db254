package org.ntpclock.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.time.InstantSource;

/**
 * A {@link TimeSource} over an {@link InstantSource}, by default the system clock.
 *
 * <p>The system clock cannot tell whether it is disciplined, so this source states what the
 * operator tells it, the way chrony's {@code local} directive does: by default a synchronized
 * stratum-10 source with reference id {@code 127.127.1.1} (chrony's local reference),
 * precision 2<sup>-20</sup> s, zero root delay and dispersion, and a reference time that follows
 * the clock, refreshed every 64 s. Pass {@link TimeSourceStatus#unsynchronized(int)} to serve
 * LI 3 / stratum 16.
 */
public final class SystemTimeSource implements TimeSource {
  /** Default stratum, as chrony's {@code local} directive. */
  public static final int DEFAULT_STRATUM = 10;
  /** Default precision, log2 seconds (about 1 µs). */
  public static final int DEFAULT_PRECISION = -20;

  private static final long REFERENCE_REFRESH_BITS = 64L << 32;

  private final InstantSource clock;
  private final TimeSourceStatus template;
  private final boolean followReferenceTime;
  private volatile TimeSourceStatus current;

  private SystemTimeSource(InstantSource clock, TimeSourceStatus template, boolean followReferenceTime) {
    this.clock = clock;
    this.template = template;
    this.followReferenceTime = followReferenceTime;
    this.current = template;
  }

  /**
   * A source over the system clock with the default status.
   *
   * @return the source
   */
  public static SystemTimeSource create() {
    return create(InstantSource.system());
  }

  /**
   * A source over the given clock with the default status.
   *
   * @param clock the clock
   * @return the source
   */
  public static SystemTimeSource create(InstantSource clock) {
    checkNotNull(clock, "clock");
    TimeSourceStatus status = new TimeSourceStatus(
        LeapIndicator.NO_WARNING, DEFAULT_STRATUM, DEFAULT_PRECISION, NtpShort.ZERO, NtpShort.ZERO,
        ReferenceId.ofBits(0x7F7F0101), NtpTimestamp.UNKNOWN);
    return new SystemTimeSource(clock, status, true);
  }

  /**
   * A source over the given clock that always reports the given status.
   *
   * @param clock the clock
   * @param status the fixed status
   * @return the source
   */
  public static SystemTimeSource create(InstantSource clock, TimeSourceStatus status) {
    checkNotNull(clock, "clock");
    checkNotNull(status, "status");
    return new SystemTimeSource(clock, status, false);
  }

  @Override
  public long nowBits() {
    Instant now = clock.instant();
    long bits = NtpTimestamp.bitsOf(now.getEpochSecond(), now.getNano());
    // Exactly at an era boundary the wire value would read "unknown": step one unit (233 ps) on.
    return bits == 0 ? 1 : bits;
  }

  @Override
  public TimeSourceStatus status() {
    TimeSourceStatus status = current;
    if (followReferenceTime && status.isSynchronized()) {
      long now = nowBits();
      long ref = status.referenceTime().toBits();
      if (ref == 0 || now - ref >= REFERENCE_REFRESH_BITS || now - ref < 0) {
        status = new TimeSourceStatus(
            template.leap(), template.stratum(), template.precision(), template.rootDelay(),
            template.rootDispersion(), template.referenceId(), NtpTimestamp.ofBits(now & ~0xFFFF_FFFFL));
        current = status;
      }
    }
    return status;
  }
}
