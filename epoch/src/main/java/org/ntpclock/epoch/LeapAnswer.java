package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/**
 * The answer of a conversion through a leap-second table, and whether it rests on the assumption
 * of {@link ExpiryPolicy#ASSUME_NO_LEAP_SECOND} (the instant lies at or after the table's expiry).
 * Under {@link ExpiryPolicy#STRICT} {@link #assumed()} is always false: such a conversion throws
 * instead.
 *
 * @param <T> the type of the answer
 * @param value the answer
 * @param assumed true if the answer assumes that no leap second follows the table's expiry
 */
public record LeapAnswer<T>(T value, boolean assumed) {
  /**
   * Checks the components.
   *
   * @param value the answer
   * @param assumed whether it rests on the assumption
   * @throws NullPointerException if {@code value} is null
   */
  public LeapAnswer {
    checkNotNull(value, "value");
  }
}
