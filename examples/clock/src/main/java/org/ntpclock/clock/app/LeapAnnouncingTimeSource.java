package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.epoch.LeapSecondTable;

/**
 * A time source that announces leap seconds from the leap-second table: throughout the last UTC
 * day before a leap second its status carries LI 1 (or 2 for a negative one), as an NTP server
 * must (RFC 5905 section 7.3). An RTC knows nothing of leap seconds, so the clock puts this in
 * front of it. An unsynchronized status passes through unchanged; past the table's expiry the
 * source's own indicator stays (the table cannot tell, and the operator should load a newer one).
 *
 * <p>{@link #nowBits()} is the delegate's. {@link #status()} allocates nothing within a UTC day:
 * the answer is computed once per day and per delegate status.
 */
public final class LeapAnnouncingTimeSource implements TimeSource {
  private static final long SECONDS_PER_DAY = 86_400L;

  private final TimeSource delegate;
  private final LeapSecondTable table;
  private volatile Cached cached;

  private record Cached(long day, TimeSourceStatus from, TimeSourceStatus status) {}

  private LeapAnnouncingTimeSource(TimeSource delegate, LeapSecondTable table) {
    this.delegate = delegate;
    this.table = table;
  }

  /**
   * Wraps a source.
   *
   * @param delegate the time source
   * @param table the leap-second table
   * @return the announcing source
   */
  public static LeapAnnouncingTimeSource of(TimeSource delegate, LeapSecondTable table) {
    return new LeapAnnouncingTimeSource(checkNotNull(delegate, "delegate"), checkNotNull(table, "table"));
  }

  @Override
  public long nowBits() {
    return delegate.nowBits();
  }

  @Override
  public TimeSourceStatus status() {
    TimeSourceStatus status = delegate.status();
    if (!status.isSynchronized()) {
      return status;
    }
    long bits = delegate.nowBits();
    if (bits == 0) {
      return status;
    }
    // The era by EraResolver.defaultResolver()'s RFC 4330 rule, on raw bits so nothing is
    // allocated per packet: seconds with the MSB set are era 0, the others era 1.
    long seconds = bits >>> 32;
    long ntpSeconds = (seconds & 0x8000_0000L) != 0 ? seconds : seconds + (1L << 32);
    long day = Math.floorDiv(ntpSeconds - NtpTimestamp.NTP_TO_POSIX_SECONDS, SECONDS_PER_DAY);
    Cached c = cached;
    if (c != null && c.day == day && c.from == status) {
      return c.status;
    }
    Optional<LeapIndicator> leap = table.leapIndicatorAt(Instant.ofEpochSecond(day * SECONDS_PER_DAY));
    TimeSourceStatus announced = leap.map(status::withLeap).orElse(status);
    cached = new Cached(day, status, announced);
    return announced;
  }

  /**
   * The wrapped source.
   *
   * @return the delegate
   */
  public TimeSource delegate() {
    return delegate;
  }
}
