package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * A UTC clock reading that may lie inside an inserted leap second (23:59:60.nnnnnnnnn), which an
 * {@link Instant} cannot express. Converting a continuous scale (TAI, GPS) to UTC yields one of
 * these, so a leap second is reported instead of silently collapsing onto 23:59:59.
 *
 * @param instant outside a leap second, the instant itself; inside one, 23:59:59 plus the same
 *     nanoseconds of the day that ends with the leap second (the nearest instant the leap second
 *     can be mapped to; {@link #toString()} still prints {@code 23:59:60})
 * @param leapSecond whether the reading is 23:59:60.nnnnnnnnn
 */
public record UtcReading(Instant instant, boolean leapSecond) {
  /**
   * Checks the components.
   *
    * @param instant the instant, 23:59:59.nnnnnnnnn inside a leap second
    * @param leapSecond whether the reading is 23:59:60.nnnnnnnnn
   * @throws IllegalArgumentException if {@code leapSecond} is set and {@code instant} is not in
   *     the last second (23:59:59) of a UTC day
   * @throws NullPointerException if {@code instant} is null
   */
  public UtcReading {
    checkNotNull(instant, "instant");
    checkArgument(!leapSecond || Math.floorMod(instant.getEpochSecond(), 86_400L) == 86_399L,
        "a leap second reading must be held as 23:59:59 of its day: %s", instant);
  }

  /**
   * A reading outside any leap second.
   *
   * @param instant the instant
   * @return the reading
   */
  public static UtcReading of(Instant instant) {
    return new UtcReading(instant, false);
  }

  /**
   * The reading in ISO-8601 form, with seconds {@code 60} inside a leap second, e.g.
   * {@code 2016-12-31T23:59:60.500Z}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    if (!leapSecond) {
      return instant.toString();
    }
    String text = instant.toString();
    int at = text.indexOf("T23:59:59");
    return text.substring(0, at) + "T23:59:60" + text.substring(at + "T23:59:59".length());
  }
}
