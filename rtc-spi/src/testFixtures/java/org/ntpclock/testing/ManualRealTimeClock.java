package org.ntpclock.testing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ntpclock.core.Ticker;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.rtc.Temperature;

/**
 * A real-time clock for tests whose true time is an origin plus its own hand-driven
 * {@link #ticker()}. A read takes the configured latency of ticker time and latches the counter
 * halfway through, truncated to the resolution, the way a bus read of a chip does; share the
 * ticker with the code under test (for example {@code RtcTimeSource}) so its measurements are
 * exact. Not thread-safe.
 */
public final class ManualRealTimeClock implements RealTimeClock {
  private long tick;
  private Instant origin;
  private long latencyNanos = 2_000_000;
  private Duration resolution = Duration.ofSeconds(1);
  private RtcReading.Validity validity = RtcReading.Validity.VALID;
  private Optional<Temperature> temperature = Optional.empty();
  private boolean running = true;
  private long frozenAt;
  private int failures;
  private int reads;

  private ManualRealTimeClock(Instant origin) {
    this.origin = origin;
  }

  /**
   * A clock whose true time is {@code origin} at tick 0.
   *
   * @param origin the time at tick 0
   * @return the clock, running, valid, one-second resolution, 2 ms reads
   */
  public static ManualRealTimeClock startingAt(Instant origin) {
    return new ManualRealTimeClock(requireNonNull(origin, "origin"));
  }

  /**
   * The clock's ticker, nanoseconds since tick 0.
   *
   * @return a ticker reading this clock's tick
   */
  public Ticker ticker() {
    return () -> tick;
  }

  /**
   * The current tick.
   *
   * @return nanoseconds since the start
   */
  public long tick() {
    return tick;
  }

  /**
   * Moves the ticker on.
   *
   * @param duration how far, zero or positive
   * @return this clock
   */
  public ManualRealTimeClock advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(String.format("time does not run backwards: %s", duration));
    }
    tick += duration.toNanos();
    return this;
  }

  /**
   * Sets the ticker.
   *
   * @param nanos the new tick, not before the current one
   * @return this clock
   */
  public ManualRealTimeClock setTick(long nanos) {
    if (nanos < tick) {
      throw new IllegalArgumentException(String.format("time does not run backwards: %s < %s", nanos, tick));
    }
    tick = nanos;
    return this;
  }

  /**
   * The exact true time at the current tick, what a perfect clock would say.
   *
   * @return the time
   */
  public Instant trueTime() {
    return origin.plusNanos(tick);
  }

  /**
   * How long each read takes on the ticker.
   *
   * @param latency zero or positive
   * @return this clock
   */
  public ManualRealTimeClock setReadLatency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException(String.format("negative latency: %s", latency));
    }
    latencyNanos = latency.toNanos();
    return this;
  }

  /**
   * The resolution readings are truncated to.
   *
   * @param newResolution positive
   * @return this clock
   */
  public ManualRealTimeClock setResolution(Duration newResolution) {
    if (newResolution.isNegative() || newResolution.isZero()) {
      throw new IllegalArgumentException(String.format("resolution must be positive: %s", newResolution));
    }
    resolution = newResolution;
    return this;
  }

  /**
   * What readings say about their validity.
   *
   * @param newValidity the validity
   * @return this clock
   */
  public ManualRealTimeClock setValidity(RtcReading.Validity newValidity) {
    validity = requireNonNull(newValidity, "newValidity");
    return this;
  }

  /**
   * The temperature readings carry.
   *
   * @param newTemperature the temperature, or empty
   * @return this clock
   */
  public ManualRealTimeClock setTemperature(Optional<Temperature> newTemperature) {
    temperature = requireNonNull(newTemperature, "newTemperature");
    return this;
  }

  /**
   * Stops the counter (a dead oscillator that does not report itself) or lets it run on from
   * where it stopped.
   *
   * @param run whether the counter runs
   * @return this clock
   */
  public ManualRealTimeClock setRunning(boolean run) {
    if (running && !run) {
      frozenAt = tick;
    } else if (!running && run) {
      origin = origin.minusNanos(tick - frozenAt);
    }
    running = run;
    return this;
  }

  /**
   * Fails the next {@code n} reads with {@link DeviceException.Reason#BUS_ERROR} (each still takes
   * the latency).
   *
   * @param n 0 or more
   * @return this clock
   */
  public ManualRealTimeClock failNext(int n) {
    if (n < 0) {
      throw new IllegalArgumentException(String.format("negative count: %s", n));
    }
    failures = n;
    return this;
  }

  /**
   * Reads taken so far, failed ones included.
   *
   * @return the count
   */
  public int reads() {
    return reads;
  }

  @Override
  public RtcReading read() throws DeviceException {
    reads++;
    tick += latencyNanos / 2;
    long latchedAt = running ? tick : frozenAt;
    tick += latencyNanos - latencyNanos / 2;
    if (failures > 0) {
      failures--;
      throw new DeviceException(DeviceException.Reason.BUS_ERROR, "injected failure");
    }
    Instant t = origin.plusNanos(latchedAt);
    long res = resolution.toNanos();
    long second = t.getEpochSecond();
    long nanos = t.getNano();
    Instant latched = res >= 1_000_000_000L && res % 1_000_000_000L == 0
        ? Instant.ofEpochSecond(Math.floorDiv(second, res / 1_000_000_000L) * (res / 1_000_000_000L))
        : Instant.ofEpochSecond(second, nanos / res * res);
    return new RtcReading(latched, validity, temperature);
  }

  /**
   * Sets the time: the true time at the current tick becomes {@code time}.
   *
   * @param time the new time
   */
  @Override
  public void set(Instant time) {
    origin = time.minusNanos(running ? tick : frozenAt);
  }

  @Override
  public Duration resolution() {
    return resolution;
  }

  @Override
  public String toString() {
    return "ManualRealTimeClock[" + trueTime() + " at tick " + tick + "]";
  }
}
