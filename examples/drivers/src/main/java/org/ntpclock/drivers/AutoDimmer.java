package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.DeviceException;

/**
 * Turns ambient light readings into a display brightness that follows the room without
 * flickering.
 *
 * <ol>
 *   <li><b>Smoothing</b>: an exponential moving average, {@code s ← s + α (x − s)}, so a passing
 *       shadow or a noisy ADC does not reach the display (α = 1 disables it).
 *   <li><b>Curve</b>: the smoothed light goes through a {@link DimmingCurve}.
 *   <li><b>Hysteresis</b>: the level moves up only when the curve gives a higher level even at
 *       {@code s − h}, and down only when it gives a lower level even at {@code s + h}. A light
 *       level hovering at a threshold therefore cannot toggle the level; it must move {@code h}
 *       past it.
 * </ol>
 *
 * <p>The first reading sets the level directly. Not thread-safe; feed it from one thread (say,
 * once a second).
 */
public final class AutoDimmer {
  /** Default smoothing factor. */
  public static final double DEFAULT_ALPHA = 0.25;
  /** Default hysteresis, in normalized light units. */
  public static final double DEFAULT_HYSTERESIS = 0.04;

  private final DimmingCurve curve;
  private final double alpha;
  private final double hysteresis;
  private double smoothed = Double.NaN;
  private int level;
  private int applied = -1;

  private AutoDimmer(DimmingCurve curve, double alpha, double hysteresis) {
    this.curve = curve;
    this.alpha = alpha;
    this.hysteresis = hysteresis;
  }

  /**
   * A dimmer with the default smoothing and hysteresis.
   *
   * @param curve light to level, non-decreasing
   * @return the dimmer
   */
  public static AutoDimmer create(DimmingCurve curve) {
    return create(curve, DEFAULT_ALPHA, DEFAULT_HYSTERESIS);
  }

  /**
   * A dimmer.
   *
   * @param curve light to level, non-decreasing
   * @param alpha smoothing factor, over 0 and at most 1 (1 = no smoothing)
   * @param hysteresis dead band in light units, 0 .. 0.5
   * @return the dimmer
   * @throws IllegalArgumentException if out of range
   */
  public static AutoDimmer create(DimmingCurve curve, double alpha, double hysteresis) {
    checkNotNull(curve, "curve");
    checkArgument(alpha > 0 && alpha <= 1, "alpha out of range (0, 1]: %s", alpha);
    checkArgument(hysteresis >= 0 && hysteresis <= 0.5, "hysteresis out of range 0..0.5: %s", hysteresis);
    return new AutoDimmer(curve, alpha, hysteresis);
  }

  /**
   * Feeds a reading.
   *
   * @param light the normalized reading, 0..1 (clamped)
   * @return the level to show
   * @throws IllegalArgumentException if the reading is NaN
   */
  public int update(double light) {
    checkArgument(!Double.isNaN(light), "light reading is NaN");
    double x = Math.max(0.0, Math.min(1.0, light));
    if (Double.isNaN(smoothed)) {
      smoothed = x;
      level = curve.levelFor(x);
      return level;
    }
    smoothed += alpha * (x - smoothed);
    int up = curve.levelFor(smoothed - hysteresis);
    int down = curve.levelFor(smoothed + hysteresis);
    if (up > level) {
      level = up;
    } else if (down < level) {
      level = down;
    }
    return level;
  }

  /**
   * One step of the dimming loop: reads the sensor, updates, and sets the display's brightness
   * when the level changed (clamped to 0..{@link ClockDisplay#maxBrightness()}). Call it
   * periodically, say once a second.
   *
   * @param sensor the light sensor
   * @param display the display
   * @return the brightness the display now has
   * @throws DeviceException if the sensor or the display fails; the level is then unchanged on
   *     the display and retried at the next call
   */
  public int adjust(AmbientLightSensor sensor, ClockDisplay display) throws DeviceException {
    int before = applied;
    int target = Math.max(0, Math.min(display.maxBrightness(), update(sensor.read())));
    if (target != before) {
      display.setBrightness(target);
      applied = target;
    }
    return target;
  }

  /**
   * The current level.
   *
   * @return the level of the last {@link #update}, 0 before the first
   */
  public int level() {
    return level;
  }

  /**
   * The smoothed light.
   *
   * @return 0..1, or NaN before the first reading
   */
  public double smoothed() {
    return smoothed;
  }
}
