package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * An epoch: the UTC instant from which a device or protocol counts seconds, such as NTP's
 * 1900-01-01 or MicroPython's 2000-01-01.
 *
 * <p>An epoch is only an origin. Counts relative to it are <em>UTC-based</em>: every UTC day has
 * exactly 86 400 s and leap seconds are not counted, as in POSIX time and NTP timestamps, so the
 * conversions here are constant offsets and exact to the nanosecond. Whether a clock counts leap
 * seconds is a different question, answered by {@link TimeScale}: "seconds since the GPS epoch"
 * counted in UTC differ from GPS time by the leap seconds since 1980 (use {@link GpsTime} for the
 * latter).
 *
 * <p>{@link Instant} is used in the same UTC-based sense (java.time's time-scale: 86 400 s per
 * day). An epoch is a whole second; its name is informational and part of equality.
 *
 * <p>Instances are immutable and thread-safe. Further epochs can be created with
 * {@link #of(String, Instant)}.
 */
public final class Epoch {
  /** NTP prime epoch (era 0), 1900-01-01T00:00:00Z. */
  public static final Epoch NTP = new Epoch("NTP", Instant.parse("1900-01-01T00:00:00Z"));
  /** POSIX (Unix) epoch, 1970-01-01T00:00:00Z; also MicroPython's epoch on some ports. */
  public static final Epoch POSIX = new Epoch("POSIX", Instant.EPOCH);
  /**
   * GPS epoch, 1980-01-06T00:00:00Z, when GPS time equalled UTC. A UTC-based count from here is
   * <em>not</em> GPS time; see {@link GpsTime}.
   */
  public static final Epoch GPS = new Epoch("GPS", Instant.parse("1980-01-06T00:00:00Z"));
  /** MicroPython's default epoch (most ports), 2000-01-01T00:00:00Z; see {@link MicroPythonEpoch}. */
  public static final Epoch MICROPYTHON_2000 = new Epoch("MICROPYTHON_2000", Instant.parse("2000-01-01T00:00:00Z"));

  private final String name;
  private final Instant origin;

  private Epoch(String name, Instant origin) {
    this.name = name;
    this.origin = origin;
  }

  /**
   * An epoch with the given name and origin.
   *
   * @param name a short, non-blank name, e.g. {@code "GPS"}
   * @param origin the UTC instant at which the count is zero; a whole second
   * @return the epoch
   * @throws IllegalArgumentException if the name is blank or the origin has a fraction of a second
   * @throws NullPointerException if an argument is null
   */
  public static Epoch of(String name, Instant origin) {
    checkNotNull(name, "name");
    checkNotNull(origin, "origin");
    checkArgument(!name.isBlank(), "epoch name is blank");
    checkArgument(origin.getNano() == 0, "epoch origin is not a whole second: %s", origin);
    return new Epoch(name, origin);
  }

  /**
   * The name.
   *
   * @return the name, e.g. {@code "NTP"}
   */
  public String name() {
    return name;
  }

  /**
   * The instant at which the count is zero.
   *
   * @return the origin, a whole second
   */
  public Instant origin() {
    return origin;
  }

  /**
   * The instant a UTC-based count of seconds since this epoch denotes.
   *
   * @param secondsSinceEpoch seconds since the origin, negative before it
   * @return the instant
   * @throws DateTimeException if the result is outside {@link Instant}'s range
   */
  public Instant toInstant(long secondsSinceEpoch) {
    return toInstant(secondsSinceEpoch, 0);
  }

  /**
   * The instant a UTC-based count of seconds and nanoseconds since this epoch denotes (exact).
   *
   * @param secondsSinceEpoch seconds since the origin, negative before it
   * @param nanoAdjustment nanoseconds added to the seconds, any sign
   * @return the instant
   * @throws DateTimeException if the result is outside {@link Instant}'s range
   */
  public Instant toInstant(long secondsSinceEpoch, long nanoAdjustment) {
    try {
      return origin.plusSeconds(secondsSinceEpoch).plusNanos(nanoAdjustment);
    } catch (ArithmeticException e) {
      throw new DateTimeException("instant out of range: " + name + " + " + secondsSinceEpoch + " s", e);
    }
  }

  /**
   * The instant a UTC-based elapsed time since this epoch denotes (exact).
   *
   * @param sinceEpoch time since the origin, negative before it
   * @return the instant
   * @throws DateTimeException if the result is outside {@link Instant}'s range
   */
  public Instant toInstant(Duration sinceEpoch) {
    checkNotNull(sinceEpoch, "sinceEpoch");
    return toInstant(sinceEpoch.getSeconds(), sinceEpoch.getNano());
  }

  /**
   * The UTC-based time elapsed from this epoch to an instant, exact to the nanosecond.
   *
   * @param instant any instant
   * @return the duration, negative before the origin (never overflows: any two instants fit)
   */
  public Duration toDuration(Instant instant) {
    checkNotNull(instant, "instant");
    return Duration.between(origin, instant);
  }

  /**
   * Whole UTC-based seconds from this epoch to an instant, rounded toward negative infinity (so
   * that the instant's {@link Instant#getNano() nanoseconds} are the remainder).
   *
   * @param instant any instant
   * @return seconds since the origin, negative before it
   */
  public long toSeconds(Instant instant) {
    checkNotNull(instant, "instant");
    // Instant seconds stay within +-3.2e16, so the difference cannot overflow.
    return instant.getEpochSecond() - origin.getEpochSecond();
  }

  /**
   * Seconds from this epoch's origin to another epoch's origin. For example
   * {@code NTP.secondsUntil(POSIX)} is 2 208 988 800.
   *
   * @param other the other epoch
   * @return the signed offset in seconds
   */
  public long secondsUntil(Epoch other) {
    checkNotNull(other, "other");
    return other.origin.getEpochSecond() - origin.getEpochSecond();
  }

  /**
   * Re-expresses a UTC-based count since this epoch as a count since another epoch (exact).
   *
   * @param secondsSinceThis seconds since this epoch
   * @param target the epoch to count from
   * @return seconds since {@code target}
   * @throws ArithmeticException if the result overflows a {@code long}
   */
  public long convert(long secondsSinceThis, Epoch target) {
    return Math.subtractExact(secondsSinceThis, secondsUntil(target));
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof Epoch other && name.equals(other.name) && origin.equals(other.origin);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + origin.hashCode();
  }

  /**
   * The name and origin, e.g. {@code NTP(1900-01-01T00:00:00Z)}.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return name + "(" + origin + ")";
  }
}
