package org.ntpclock.rtc.source;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RtcReading;

/**
 * Serves a {@link RealTimeClock}'s time as a core {@link TimeSource}, so an NTP server can answer
 * from a battery-backed RTC after a power cut, before any upstream server is reachable.
 *
 * <h2>Trust</h2>
 * A source is synchronized only while the last reading of the RTC was
 * {@linkplain RtcReading#isTrusted() trusted} and the time it serves is fresh. Otherwise
 * {@link #status()} is {@link TimeSourceStatus#unsynchronized(int)} (LI 3, stratum 16) and
 * {@link #nowBits()} is 0 ("unknown"): a clock whose oscillator stopped is never served as good,
 * and neither is a guess. A {@link #refresh()} that fails on the bus keeps the previous state, so
 * a single I2C glitch does not drop synchronization; a reading that says the oscillator stopped,
 * or a clock that holds no valid date at all, drops it at once.
 *
 * <h2>Following the RTC between reads</h2>
 * A calendar RTC counts whole seconds, and reading it over I2C takes a millisecond or so, so the
 * time between reads is carried by a monotonic ticker, in one of two ways:
 * {@link AnchoredRtcTimeSource} pins each reading to a ticker reading and extrapolates from it;
 * {@link EdgeDrivenRtcTimeSource} follows the RTC's 1 Hz square wave and uses the reads only to
 * label its edges.
 *
 * <h2>Status when synchronized</h2>
 * An RTC is not a primary reference: it was set from somewhere else once and has drifted since. The
 * default is therefore chrony's {@code local} convention, stratum {@value #DEFAULT_STRATUM} with
 * reference id 127.127.1.1, so clients prefer any real server; both are configurable. The root
 * dispersion is the error bound of the last refresh; the reference time is the RTC time of the last
 * refresh.
 *
 * <p>Thread-safe. {@link #nowBits()} and {@link #status()} allocate nothing; {@link #refresh()}
 * serializes RTC access.
 */
public sealed interface RtcTimeSource extends TimeSource permits RtcTrust {
  /** Default stratum when synchronized, chrony's {@code local} default. */
  int DEFAULT_STRATUM = 10;
  /** Default reference id, 127.127.1.1 (chrony's local reference). */
  ReferenceId DEFAULT_REFERENCE_ID = ReferenceId.ofBits(0x7F7F0101);
  /** Default precision, log2 seconds (the ticker: about 1 µs). */
  int DEFAULT_PRECISION = -20;

  /**
   * Reads the RTC and updates the source from it. On failure the previous state stays and the
   * failure is remembered in {@link #lastFailure()}.
   *
   * @return the reading the refresh is based on
   * @throws DeviceException if the RTC cannot be read; {@link DeviceException.Reason#TIME_INVALID}
   *     and {@link DeviceException.Reason#OUT_OF_RANGE} (the clock holds no usable time, or its
   *     seconds did not advance during an edge search) also make the source unsynchronized at
   *     once, other reasons keep the previous state
   */
  RtcReading refresh() throws DeviceException;

  /**
   * The failure of the last {@link #refresh()}, if it failed.
   *
   * @return the failure, or empty after a successful refresh
   */
  Optional<DeviceException> lastFailure();

  /**
   * The clock this source reads.
   *
   * @return the clock
   */
  RealTimeClock clock();

  /**
   * Calls {@link #refresh()} now and then every {@code interval}; failures are kept in
   * {@link #lastFailure()} and do not stop the schedule.
   *
   * @param executor the executor
   * @param interval the period, positive (64 s is a good choice)
   * @return the scheduled task; cancel it to stop
   */
  default ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration interval) {
    checkArgument(!interval.isNegative() && !interval.isZero(), "interval must be positive: %s", interval);
    return executor.scheduleAtFixedRate(() -> {
      try {
        refresh();
      } catch (DeviceException e) {
        // kept in lastFailure by refresh()
      }
    }, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }
}
