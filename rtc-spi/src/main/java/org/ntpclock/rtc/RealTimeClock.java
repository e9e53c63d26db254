package org.ntpclock.rtc;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that keeps UTC across power cuts: a battery-backed chip such as the DS3231, the
 * operating system's RTC, or the system clock itself. All times are UTC {@link Instant}s; a chip
 * that counts local time is the driver's business to convert.
 *
 * <p>Every read reports whether the clock vouches for its time ({@link RtcReading#validity()}), so
 * a caller never serves a time the clock itself knows to be wrong. Failures are checked and typed
 * ({@link DeviceException#reason()}).
 *
 * <p>Implementations document their thread-safety; the drivers here are safe for one thread at a
 * time, which {@link org.ntpclock.rtc.source.RtcTimeSource} respects.
 */
public interface RealTimeClock extends AutoCloseable {
  /**
   * Reads the clock.
   *
   * @return the time, its validity and the temperature if measured
   * @throws DeviceException if the clock cannot be read ({@link DeviceException.Reason#TIME_INVALID} when
   *     it holds no date at all)
   */
  RtcReading read() throws DeviceException;

  /**
   * Sets the clock and marks its time valid again. The sub-second part of {@code time} is dropped
   * by clocks with whole-second resolution, so set at the top of a second for best results.
   *
   * @param time the new time
   * @throws DeviceException {@link DeviceException.Reason#OUT_OF_RANGE} if the clock cannot hold the
   *     time, {@link DeviceException.Reason#UNSUPPORTED} if the clock is read-only, or a bus/I/O reason
   */
  void set(Instant time) throws DeviceException;

  /**
   * The clock's resolution: one second for calendar chips (DS3231, Linux RTC class), finer for the
   * system clock. {@link org.ntpclock.rtc.source.RtcTimeSource} uses it to bound the error of a reading.
   *
   * @return the resolution, positive
   */
  Duration resolution();

  /**
   * Whether {@link #set(Instant)} can succeed.
   *
   * @return false for read-only clocks
   */
  default boolean isSettable() {
    return true;
  }

  /**
   * How logs name this clock: a stable description, such as its kind and device, never a reading
   * or other state that changes (a log line keeps the description it was given at the start). The
   * default is the class's simple name (its full name for an anonymous class).
   *
   * @return the description, not empty
   */
  default String description() {
    String name = getClass().getSimpleName();
    return name.isEmpty() ? getClass().getName() : name;
  }

  /** Releases the clock and its bus. The default does nothing. */
  @Override
  default void close() {}
}
