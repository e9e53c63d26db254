package org.ntpclock.rtc;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/**
 * A device operation that failed (a real-time clock, display or light sensor), with a
 * {@link Reason} to act on.
 */
public final class DeviceException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a device operation failed. */
  public enum Reason {
    /** The bus under the device failed, after any retries; the cause is a {@link BusException}. */
    BUS_ERROR,
    /** A device file (sysfs, /dev) could not be read or written; the cause is an I/O exception. */
    IO_ERROR,
    /** The device answered with a value that cannot be interpreted (not a number, out of range). */
    BAD_VALUE,
    /**
     * The clock holds no valid time: its registers do not decode to a date (garbage after a power
     * loss), or the operating system refuses to read it (Linux returns EINVAL for a DS3231 whose
     * oscillator-stop flag is set).
     */
    TIME_INVALID,
    /** The time is outside what the clock can hold (a DS3231 holds 2000-01-01 .. 2099-12-31). */
    OUT_OF_RANGE,
    /** The device cannot do this (for example, setting a read-only clock). */
    UNSUPPORTED,
    /** The device could not be opened: unknown provider, bad configuration, missing device. */
    CONFIGURATION
  }

  /** Why the operation failed. */
  private final Reason reason;

  /**
   * A failure.
   *
   * @param reason why
   * @param message a human-readable detail
   */
  public DeviceException(Reason reason, String message) {
    super(checkNotNull(reason, "reason") + ": " + checkNotNull(message, "message"));
    this.reason = reason;
  }

  /**
   * A failure with a cause.
   *
   * @param reason why
   * @param message a human-readable detail
   * @param cause the underlying failure, or null
   */
  public DeviceException(Reason reason, String message, Throwable cause) {
    super(checkNotNull(reason, "reason") + ": " + checkNotNull(message, "message"), cause);
    this.reason = reason;
  }

  /**
   * Why the operation failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
