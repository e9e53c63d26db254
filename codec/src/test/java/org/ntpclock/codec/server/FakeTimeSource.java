package org.ntpclock.codec.server;

import java.util.concurrent.atomic.AtomicLong;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;

/**
 * A time source for tests: each {@link #nowBits()} returns the next value of a counter that
 * starts at a given timestamp and steps by a given amount, so a test sees in which order the
 * responder read the clock. Allocates nothing.
 */
public final class FakeTimeSource implements TimeSource {
  /** A synchronized stratum-2 status with every field distinct. */
  public static final TimeSourceStatus STRATUM_2 = new TimeSourceStatus(
      LeapIndicator.LAST_MINUTE_61, 2, -23, NtpShort.ofBits(0x0000_0236L), NtpShort.ofBits(0x0000_03B7L),
      ReferenceId.ofBits(0xC035_676C), NtpTimestamp.ofBits(0xE5F6_61FD_6F16_5F03L));

  private final AtomicLong next;
  private final long step;
  private volatile TimeSourceStatus status;

  /**
   * A source.
   *
   * @param startBits the first timestamp handed out
   * @param step added after each read, 2<sup>-32</sup> s units
   * @param status the status to report
   */
  public FakeTimeSource(long startBits, long step, TimeSourceStatus status) {
    this.next = new AtomicLong(startBits);
    this.step = step;
    this.status = status;
  }

  @Override
  public long nowBits() {
    return next.getAndAdd(step);
  }

  @Override
  public TimeSourceStatus status() {
    return status;
  }

  /**
   * Changes the reported status.
   *
   * @param newStatus the status
   */
  public void setStatus(TimeSourceStatus newStatus) {
    this.status = newStatus;
  }
}
