package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Maps a normalized ambient light level to a display brightness level. Must be non-decreasing
 * in the light level, which {@link AutoDimmer}'s hysteresis relies on.
 */
@FunctionalInterface
public interface DimmingCurve {
  /**
   * The brightness for a light level.
   *
   * @param light 0.0 (dark) .. 1.0 (bright)
   * @return the level
   */
  int levelFor(double light);

  /**
   * Straight line from {@code min} in the dark to {@code max} in full light: 0..1 cut into
   * {@code max − min + 1} equal bins.
   *
   * @param min level in the dark, 0 or more
   * @param max level in full light, at least {@code min}
   * @return the curve
   * @throws IllegalArgumentException if the levels are out of order
   */
  static DimmingCurve linear(int min, int max) {
    return gamma(min, max, 1.0);
  }

  /**
   * {@code light^gamma} cut into {@code max − min + 1} equal bins from {@code min} to
   * {@code max}; gamma above 1 keeps the panel dim longer as the room brightens (the eye is more
   * sensitive in the dark). Light outside 0..1 is clamped.
   *
   * @param min level in the dark, 0 or more
   * @param max level in full light, at least {@code min}
   * @param gamma exponent, positive
   * @return the curve
   * @throws IllegalArgumentException if out of range
   */
  static DimmingCurve gamma(int min, int max, double gamma) {
    checkArgument(min >= 0 && max >= min, "levels out of order: %s..%s", min, max);
    checkArgument(gamma > 0 && Double.isFinite(gamma), "gamma must be positive: %s", gamma);
    int span = max - min + 1;
    return light -> {
      double p = Math.pow(Math.max(0.0, Math.min(1.0, light)), gamma);
      // span equal bins over 0..1; full light lands in the top bin.
      return min + Math.min(span - 1, (int) Math.floor(span * p));
    };
  }

  /**
   * Thresholds: level {@code i} from {@code thresholds[i − 1]} up, level 0 below the first.
   *
   * @param thresholds increasing light levels in 0..1
   * @return the curve, 0..thresholds.length
   * @throws IllegalArgumentException if not increasing or out of range
   */
  static DimmingCurve steps(double... thresholds) {
    double[] t = thresholds.clone();
    for (int i = 0; i < t.length; i++) {
      checkArgument(t[i] >= 0 && t[i] <= 1, "threshold out of 0..1: %s", t[i]);
      checkArgument(i == 0 || t[i] > t[i - 1], "thresholds must increase: %s after %s", t[i], i == 0 ? 0 : t[i - 1]);
    }
    return light -> {
      int level = 0;
      while (level < t.length && light >= t[level]) {
        level++;
      }
      return level;
    };
  }
}
