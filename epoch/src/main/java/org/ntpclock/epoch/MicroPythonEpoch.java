package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The epoch of a MicroPython port's {@code time.time()}, {@code time.mktime()} and
 * {@code time.gmtime(secs)}: 2000-01-01 by default ({@code MICROPY_EPOCH_IS_2000}), 1970-01-01 on
 * the ports that set {@code MICROPY_EPOCH_IS_1970}. Which ports do is data, listed in
 * {@link #PORTS_WITH_1970_EPOCH}; on a device, {@code time.gmtime(0)[0]} tells (see
 * {@link #ofGmtimeZeroYear(int)}).
 *
 * <p>Counts are UTC-based seconds (no leap seconds), as MicroPython's are.
 */
public enum MicroPythonEpoch {
  /** 2000-01-01T00:00:00Z: esp32, esp8266, stm32, samd, nrf, cc3200, renesas-ra, zephyr and others. */
  Y2000(Epoch.MICROPYTHON_2000),
  /** 1970-01-01T00:00:00Z: the ports of {@link #PORTS_WITH_1970_EPOCH}. */
  Y1970(Epoch.POSIX);

  /**
   * Ports that use the 1970 epoch (upstream {@code ports/} directory names): unix and windows
   * (since v1.13), rp2 (since its introduction in v1.14), mimxrt (v1.16), webassembly (v1.23), alif
   * (v1.25) and psoc-edge (2026). Every other port uses 2000.
   */
  public static final Set<String> PORTS_WITH_1970_EPOCH =
      Set.of("unix", "windows", "rp2", "mimxrt", "webassembly", "alif", "psoc-edge");

  private final Epoch epoch;

  MicroPythonEpoch(Epoch epoch) {
    this.epoch = epoch;
  }

  /**
   * The epoch a port uses.
   *
   * @param port the upstream port directory name, e.g. {@code "esp32"} or {@code "rp2"} (case-insensitive)
   * @return {@link #Y1970} for the ports of {@link #PORTS_WITH_1970_EPOCH}, otherwise {@link #Y2000}
   */
  public static MicroPythonEpoch ofPort(String port) {
    checkNotNull(port, "port");
    return PORTS_WITH_1970_EPOCH.contains(port.strip().toLowerCase(Locale.ROOT)) ? Y1970 : Y2000;
  }

  /**
   * The epoch a device reports through {@code time.gmtime(0)[0]} (documented since v1.20).
   *
   * @param year the year of {@code time.gmtime(0)}
   * @return the epoch
   * @throws IllegalArgumentException if the year is neither 1970 nor 2000
   */
  public static MicroPythonEpoch ofGmtimeZeroYear(int year) {
    checkArgument(year == 1970 || year == 2000, "time.gmtime(0) year must be 1970 or 2000: %s", year);
    return year == 1970 ? Y1970 : Y2000;
  }

  /**
   * The epoch.
   *
   * @return {@link Epoch#MICROPYTHON_2000} or {@link Epoch#POSIX}
   */
  public Epoch epoch() {
    return epoch;
  }

  /**
   * The NTP seconds of this epoch: {@code NTP_DELTA} of MicroPython's {@code ntptime}, subtracted
   * from an NTP timestamp's seconds to get the port's time.
   *
   * @return 3 155 673 600 for {@link #Y2000}, 2 208 988 800 for {@link #Y1970}
   */
  public long ntpDelta() {
    return Epoch.NTP.secondsUntil(epoch);
  }

  /**
   * The instant a port's time in seconds denotes.
   *
   * @param seconds seconds since this epoch, as {@code time.time()} returns
   * @return the instant
   * @throws DateTimeException if out of {@link Instant}'s range
   */
  public Instant toInstant(long seconds) {
    return epoch.toInstant(seconds);
  }

  /**
   * The port's time in whole seconds at an instant, rounded toward negative infinity.
   *
   * @param instant the instant
   * @return seconds since this epoch
   */
  public long toSeconds(Instant instant) {
    return epoch.toSeconds(instant);
  }

  /**
   * The instant a port's {@code time.time_ns()} denotes.
   *
   * @param nanos nanoseconds since this epoch
   * @return the instant
   */
  public Instant toInstantFromNanos(long nanos) {
    return epoch.toInstant(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /**
   * The port's {@code time.time_ns()} at an instant (exact).
   *
   * @param instant the instant
   * @return nanoseconds since this epoch
   * @throws ArithmeticException if the count overflows a {@code long} (about &plusmn;292 years from the epoch)
   */
  public long toNanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(epoch.toSeconds(instant), 1_000_000_000L), instant.getNano());
  }
}
