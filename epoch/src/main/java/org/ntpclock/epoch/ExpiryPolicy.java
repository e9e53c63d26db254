package org.ntpclock.epoch;

/**
 * What a conversion does with an instant at or after the leap-second table's expiry, where the
 * table can no longer assert that no other leap second was announced.
 *
 * <p>The library's conversions without a policy argument are {@link #STRICT}. Pass
 * {@link #ASSUME_NO_LEAP_SECOND} to answer anyway; the answer then comes as a {@link LeapAnswer}
 * whose {@link LeapAnswer#assumed()} says that it rests on the assumption. Since 2017-01-01 no leap
 * second has been announced, so the assumption is usually right, but only a newer table can confirm
 * it.
 */
public enum ExpiryPolicy {
  /** Throw {@link TimeScaleException} with reason {@link TimeScaleException.Reason#TABLE_EXPIRED}. */
  STRICT,
  /**
   * Assume that no leap second other than those listed follows the expiry: TAI&minus;UTC keeps the
   * table's last value. The answer is marked {@link LeapAnswer#assumed()}.
   */
  ASSUME_NO_LEAP_SECOND
}
