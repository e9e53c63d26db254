package org.ntpclock.rtc.gps;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/** A GPS receiver, gpsd or PPS device gave something that cannot be used; carries a {@link Reason}. */
public final class GpsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** A PPS sysfs reading is not {@code SECONDS.NANOSECONDS#SEQUENCE}. */
    BAD_PPS_READING,
    /** A gpsd message is not what its protocol says (a bad time, a line too long). */
    BAD_GPSD_MESSAGE,
    /** The device or connection could not be opened or read. */
    IO
  }

  /** What went wrong. */
  private final Reason reason;

  /**
   * A failure.
   *
   * @param reason what went wrong
   * @param detail a human-readable detail
   */
  public GpsException(Reason reason, String detail) {
    super(checkNotNull(reason, "reason") + ": " + checkNotNull(detail, "detail"));
    this.reason = reason;
  }

  /**
   * What went wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
