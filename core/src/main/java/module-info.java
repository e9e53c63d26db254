/**
 * NTP time primitives: the 64-bit timestamp, the 128-bit date with its era, the 16.16 short
 * format, signed 32.32 durations, exact fraction arithmetic, on-wire offset and delay, the
 * top-of-second clock and the {@link org.ntpclock.core.TimeSource} contract a server serves from.
 *
 * <p>This module knows nothing of packets, epochs other than NTP's and POSIX's, or hardware.
 */
module org.ntpclock.core {

  exports org.ntpclock.core;
  // Precondition checks shared by the ntpclock modules, not API.
  exports org.ntpclock.core.internal to
      org.ntpclock.epoch,
      org.ntpclock.codec,
      org.ntpclock.rtc,
      org.ntpclock.drivers;
  exports org.ntpclock.core.input;
  exports org.ntpclock.core.logging;
}
