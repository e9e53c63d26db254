package org.ntpclock.core;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

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
 *
 * <h2>Reading the system clock without allocating</h2>
 * {@link Instant#now()} allocates, and a server reads the clock twice per packet. Over the system
 * clock ({@link #create()}) this source therefore reads an {@code Instant} once as an anchor and
 * extrapolates it on {@link System#nanoTime()}: on Linux the monotonic and real-time clocks run at
 * the same disciplined rate and differ only by steps. The anchor is renewed every second, and at
 * once when {@link System#currentTimeMillis()} (which does not allocate) disagrees with the
 * extrapolation by more than 2 ms, so a clock step is followed within one read. Over any other
 * {@link InstantSource} every read asks that source.
 */
public final class SystemTimeSource implements TimeSource {
  /** Default stratum, as chrony's {@code local} directive. */
  public static final int DEFAULT_STRATUM = 10;
  /** Default precision, log2 seconds (about 1 µs). */
  public static final int DEFAULT_PRECISION = -20;

  private static final long REFERENCE_REFRESH_BITS = 64L << 32;
  private static final long REFERENCE_REFRESH_NANOS = 64_000_000_000L;
  private static final long ANCHOR_LIFETIME_NANOS = 1_000_000_000L;
  private static final long STEP_TOLERANCE_MILLIS = 2;
  private static final long MAX_ANCHOR_SECOND = 9_000_000_000L;
  // Anchoring reads up to this many brackets, stopping at the first this tight.
  private static final int ANCHOR_BRACKETS = 8;
  private static final long TIGHT_BRACKET_NANOS = 2_000;

  private final InstantSource clock;
  private final boolean systemClock;
  private final TimeSourceStatus template;
  private final boolean followReferenceTime;
  private volatile TimeSourceStatus current;
  private volatile long nextReferenceRefreshNanos;
  private volatile Anchor anchor;

  private SystemTimeSource(
      InstantSource clock, boolean systemClock, TimeSourceStatus template, boolean followReferenceTime) {
    this.clock = clock;
    this.systemClock = systemClock;
    this.template = template;
    this.followReferenceTime = followReferenceTime;
    this.current = template;
  }

  /**
   * A source over the system clock with the default status; reads allocate nothing.
   *
   * @return the source
   */
  public static SystemTimeSource create() {
    return new SystemTimeSource(InstantSource.system(), true, defaultStatus(), true);
  }

  /**
   * A source over the given clock with the default status.
   *
   * @param clock the clock
   * @return the source
   */
  public static SystemTimeSource create(InstantSource clock) {
    checkNotNull(clock, "clock");
    return new SystemTimeSource(clock, false, defaultStatus(), true);
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
    return new SystemTimeSource(clock, false, status, false);
  }

  private static TimeSourceStatus defaultStatus() {
    return new TimeSourceStatus(
        LeapIndicator.NO_WARNING, DEFAULT_STRATUM, DEFAULT_PRECISION, NtpShort.ZERO, NtpShort.ZERO,
        ReferenceId.ofBits(0x7F7F0101), NtpTimestamp.UNKNOWN);
  }

  @Override
  public long nowBits() {
    long bits = systemClock ? systemNowBits() : instantBits(clock.instant());
    // Exactly at an era boundary the wire value would read "unknown": step one unit (233 ps) on.
    return bits == 0 ? 1 : bits;
  }

  private long systemNowBits() {
    long nanoTime = System.nanoTime();
    Anchor a = anchor;
    if (a != null && nanoTime - a.nanoTime < ANCHOR_LIFETIME_NANOS) {
      long epochNanos = a.epochNanos + (nanoTime - a.nanoTime);
      long millisNow = System.currentTimeMillis();
      if (Math.abs(Math.floorDiv(epochNanos, 1_000_000L) - millisNow) <= STEP_TOLERANCE_MILLIS) {
        return NtpTimestamp.bitsOf(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
      }
    }
    // Bracket the wall-clock read with two monotonic reads and pair it with their midpoint, so a
    // slow read skews the anchor by at most half its own duration; of a few brackets the tightest
    // is kept, because one preemption inside a bracket (a busy machine) would otherwise skew
    // every timestamp until the next anchor by up to half of it, a systematic offset on the wire.
    Instant now = null;
    long mid = 0;
    long width = Long.MAX_VALUE;
    for (int i = 0; i < ANCHOR_BRACKETS && width > TIGHT_BRACKET_NANOS; i++) {
      long before = System.nanoTime();
      Instant read = clock.instant();
      long after = System.nanoTime();
      if (after - before < width) {
        width = after - before;
        mid = before + (after - before) / 2;
        now = read;
      }
    }
    // Epoch nanoseconds fit a long until 2262; a clock set beyond that is simply read every time.
    anchor = now.getEpochSecond() < MAX_ANCHOR_SECOND
        ? new Anchor(mid, now.getEpochSecond() * 1_000_000_000L + now.getNano())
        : null;
    Anchor fresh = anchor;
    long bits;
    if (fresh != null) {
      // The kept read may be a few brackets old: carry it to now.
      long epochNanos = fresh.epochNanos + (System.nanoTime() - fresh.nanoTime);
      bits = NtpTimestamp.bitsOf(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    } else {
      bits = instantBits(now);
    }
    // Re-anchoring happens at most once a second of reads: the place to age the reference time,
    // so that status() needs no clock read of its own on the system clock.
    refreshReference(bits);
    return bits;
  }

  private static long instantBits(Instant instant) {
    return NtpTimestamp.bitsOf(instant.getEpochSecond(), instant.getNano());
  }

  @Override
  public TimeSourceStatus status() {
    TimeSourceStatus status = current;
    if (followReferenceTime && status.isSynchronized()) {
      if (status.referenceTime().isUnknown()) {
        status = refreshReference(nowBits());
      } else if (!systemClock && System.nanoTime() - nextReferenceRefreshNanos >= 0) {
        // Another clock has no anchor to piggyback on: check it every 64 s of monotonic time.
        status = refreshReference(nowBits());
        nextReferenceRefreshNanos = System.nanoTime() + REFERENCE_REFRESH_NANOS;
      }
    }
    return status;
  }

  /** Moves the reference time to {@code now}'s second once it is 64 s old (or in the future). */
  private TimeSourceStatus refreshReference(long now) {
    TimeSourceStatus status = current;
    if (!followReferenceTime || !status.isSynchronized()) {
      return status;
    }
    long ref = status.referenceTime().toBits();
    if (ref == 0 || now - ref >= REFERENCE_REFRESH_BITS || now - ref < 0) {
      status = new TimeSourceStatus(
          template.leap(), template.stratum(), template.precision(), template.rootDelay(),
          template.rootDispersion(), template.referenceId(), NtpTimestamp.ofBits(now & ~0xFFFF_FFFFL));
      current = status;
    }
    return status;
  }

  private record Anchor(long nanoTime, long epochNanos) {}
}
