package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkNotNull;

import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleToIntFunction;
import org.ntpclock.core.EraResolver;
import org.ntpclock.core.TimeSource;
import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Frame;

/**
 * The clock's display loop: shows the time source's time of day on the display every half
 * second (so the seconds indicator can blink) and sets the brightness from the light sensor once a
 * second. It runs on a thread of its own and touches nothing on the network, so it keeps showing
 * the time whatever the NTP and HTTP servers do. A display or sensor failure is counted and
 * retried on the next tick; it never stops the loop.
 *
 * <p>While the source is unsynchronized (an RTC whose oscillator stopped) the display shows
 * {@code --:--} rather than a time nobody vouches for.
 */
public final class DisplayLoop implements AutoCloseable {
  /** Tick period: twice a second, for the seconds indicator. */
  static final long TICK_MILLIS = 500;

  private final TimeSource source;
  private final ClockDisplay display;
  private final Optional<AmbientLightSensor> light;
  private final DoubleToIntFunction dimming;
  private final ZoneId zone;
  private final Runnable afterUpdate;
  private final ScheduledExecutorService executor;
  private volatile int failures;
  private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");
  private volatile String lastShown = "";
  private int ticks;

  private DisplayLoop(TimeSource source, ClockDisplay display, Optional<AmbientLightSensor> light,
      DoubleToIntFunction dimming, ZoneId zone, Runnable afterUpdate) {
    this.source = source;
    this.display = display;
    this.light = light;
    this.dimming = dimming;
    this.zone = zone;
    this.afterUpdate = afterUpdate;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ntpclock-display");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts the loop.
   *
   * @param source the clock
   * @param display where to show the time
   * @param light the light sensor for dimming, if any
   * @param dimming maps a light reading (0.0 dark .. 1.0 bright) to a display brightness step,
   *     called once a second (an {@code AutoDimmer}'s {@code update})
   * @param zone the time zone of the time of day shown
   * @param afterUpdate called on the loop thread after each display update (a terminal redraw)
   * @return the running loop
   */
  public static DisplayLoop start(TimeSource source, ClockDisplay display, Optional<AmbientLightSensor> light,
      DoubleToIntFunction dimming, ZoneId zone, Runnable afterUpdate) {
    DisplayLoop loop = new DisplayLoop(checkNotNull(source), checkNotNull(display), checkNotNull(light),
        checkNotNull(dimming), checkNotNull(zone), checkNotNull(afterUpdate));
    long now = System.currentTimeMillis();
    // Tick on the half seconds of the wall clock, from the next one on.
    loop.executor.scheduleAtFixedRate(loop::tick, TICK_MILLIS - now % TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return loop;
  }

  /**
   * A frame showing {@code --:--}, for a clock that does not know the time: four 5-pixel dashes
   * on the middle row and a colon, symmetric about the centre (a 32-pixel panel is full).
   *
   * @param width the display width, at least 1
   * @param height the display height, at least 1
   * @return the frame
   */
  public static Frame unknownTimeFrame(int width, int height) {
    Frame.Builder b = Frame.builder(width, height);
    int y = height / 2;
    // Left half, mirrored onto the right: two 5-pixel dashes from x = 2 and 8, colon by the centre.
    int[][] dashes = {{2, 7}, {8, 13}};
    for (int[] d : dashes) {
      for (int x = d[0]; x < d[1] && x < width / 2; x++) {
        b.set(x, y, true);
        b.set(width - 1 - x, y, true);
      }
    }
    int colon = (width - 1) / 2;
    for (int dy : new int[] {-2, 1}) {
      if (y + dy >= 0 && y + dy < height) {
        b.set(colon, y + dy, true);
        b.set(width - 1 - colon, y + dy, true);
      }
    }
    return b.build();
  }

  private void tick() {
    try {
      String shown;
      long bits = source.nowBits();
      if (bits != 0 && source.status().isSynchronized()) {
        Instant now = org.ntpclock.core.NtpTimestamp.ofBits(bits).toInstant(EraResolver.defaultResolver(), RoundingMode.FLOOR);
        LocalTime time = LocalTime.ofInstant(now, zone);
        display.showTime(time);
        shown = SHOWN.format(time); // LocalTime.toString() drops ":00" seconds
      } else {
        display.show(unknownTimeFrame(display.width(), display.height()));
        shown = "--:--";
      }
      if (light.isPresent() && ticks % 2 == 0) {
        int step = dimming.applyAsInt(light.get().read());
        display.setBrightness(Math.max(0, Math.min(display.maxBrightness(), step)));
      }
      ticks++;
      lastShown = shown;
      afterUpdate.run();
    } catch (DeviceException | RuntimeException e) {
      failures++;
    }
  }

  /**
   * What the loop last put on the display, for status output and tests.
   *
   * @return {@code HH:MM:SS}, {@code --:--}, or empty before the first tick
   */
  public String lastShown() {
    return lastShown;
  }

  /**
   * How many ticks failed (display or sensor errors).
   *
   * @return the count
   */
  public int failures() {
    return failures;
  }

  /** Stops the loop, then releases display and sensor. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    display.close();
    light.ifPresent(AmbientLightSensor::close);
  }
}
