package org.ntpclock.core;

import java.math.RoundingMode;
import java.util.Objects;

/** Integer division with an explicit rounding mode, for the non-negative operands of this package. */
final class Rounding {
  private Rounding() {}

  /**
   * Divides a non-negative numerator by a positive denominator.
   *
   * @throws ArithmeticException for {@link RoundingMode#UNNECESSARY} when the division is inexact
   */
  static long divide(long numerator, long denominator, RoundingMode mode) {
    // checked here, not only when a remainder needs the mode: an exact input must not hide a null
    Objects.requireNonNull(mode, "mode");
    long q = numerator / denominator;
    long r = numerator - q * denominator;
    if (r == 0) {
      return q;
    }
    long rest = denominator - r;
    switch (mode) {
      case DOWN:
      case FLOOR:
        return q;
      case UP:
      case CEILING:
        return q + 1;
      case HALF_UP:
        return r >= rest ? q + 1 : q;
      case HALF_DOWN:
        return r > rest ? q + 1 : q;
      case HALF_EVEN:
        return r > rest || (r == rest && (q & 1) == 1) ? q + 1 : q;
      case UNNECESSARY:
      default:
        throw new ArithmeticException("rounding necessary: " + numerator + " / " + denominator);
    }
  }

  /**
   * The mode to apply to the non-negative fractional part of a value whose integer part was taken
   * with floor semantics, so that the whole value is rounded as {@code mode} says.
   */
  static RoundingMode forFractionOf(boolean negative, RoundingMode mode) {
    Objects.requireNonNull(mode, "mode");
    if (!negative) {
      return mode;
    }
    switch (mode) {
      case UP:
        return RoundingMode.FLOOR;
      case DOWN:
        return RoundingMode.CEILING;
      case HALF_UP:
        return RoundingMode.HALF_DOWN;
      case HALF_DOWN:
        return RoundingMode.HALF_UP;
      default:
        return mode;
    }
  }
}
