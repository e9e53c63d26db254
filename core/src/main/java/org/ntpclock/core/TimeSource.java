package org.ntpclock.core;

/**
 * The contract an NTP server serves from: the current time as a 64-bit NTP timestamp, and a
 * {@link TimeSourceStatus} describing how good that time is.
 *
 * <p>Implementations must be thread-safe: a server reads them from several worker threads. On a
 * server's hot path {@link #nowBits()} and {@link #status()} should allocate nothing.
 */
public interface TimeSource {
  /**
   * The current time as raw 64-bit NTP timestamp bits (era dropped).
   *
   * @return the raw timestamp; never zero while synchronized
   */
  long nowBits();

  /**
   * The current time as a value.
   *
   * @return the timestamp
   */
  default NtpTimestamp now() {
    return NtpTimestamp.ofBits(nowBits());
  }

  /**
   * The source's current status.
   *
   * @return the status; the same instance until the state changes
   */
  TimeSourceStatus status();
}
