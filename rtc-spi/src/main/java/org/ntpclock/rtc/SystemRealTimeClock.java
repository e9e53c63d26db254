package org.ntpclock.rtc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The system clock (or any {@link InstantSource}) as a read-only {@link RealTimeClock}. It always
 * reads as {@link RtcReading.Validity#VALID}: the JVM cannot tell whether the operating system's
 * clock is disciplined, so pick this clock only where the operator vouches for it. It has no
 * temperature. Setting the system clock is not possible from Java
 * ({@link DeviceException.Reason#UNSUPPORTED}). Thread-safe.
 */
public final class SystemRealTimeClock implements RealTimeClock {
  /** The resolution assumed for the system clock: one microsecond. */
  public static final Duration DEFAULT_RESOLUTION = Duration.ofNanos(1000);

  private final InstantSource source;
  private final Duration resolution;

  private SystemRealTimeClock(InstantSource source, Duration resolution) {
    this.source = source;
    this.resolution = resolution;
  }

  /**
   * The system clock.
   *
   * @return the clock
   */
  public static SystemRealTimeClock create() {
    return of(InstantSource.system(), DEFAULT_RESOLUTION);
  }

  /**
   * A clock over an instant source.
   *
   * @param source the source
   * @param resolution its resolution, positive
   * @return the clock
   * @throws IllegalArgumentException if the resolution is not positive
   */
  public static SystemRealTimeClock of(InstantSource source, Duration resolution) {
    checkNotNull(source, "source");
    checkArgument(!resolution.isNegative() && !resolution.isZero(), "resolution must be positive: %s", resolution);
    return new SystemRealTimeClock(source, resolution);
  }

  @Override
  public RtcReading read() {
    return RtcReading.valid(source.instant());
  }

  /**
   * Always fails: the JVM cannot set the system clock.
   *
   * @param time ignored
   * @throws DeviceException always, {@link DeviceException.Reason#UNSUPPORTED}
   */
  @Override
  public void set(Instant time) throws DeviceException {
    throw new DeviceException(DeviceException.Reason.UNSUPPORTED, "the system clock cannot be set from Java");
  }

  @Override
  public Duration resolution() {
    return resolution;
  }

  @Override
  public boolean isSettable() {
    return false;
  }

  @Override
  public String toString() {
    return "SystemRealTimeClock[" + source + "]";
  }

  /** Provides {@code "system"}: the system clock; no configuration. */
  public static final class Provider implements RealTimeClockProvider {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {}

    @Override
    public String name() {
      return "system";
    }

    @Override
    public String description() {
      return "the JVM's system clock, read-only, always trusted; no configuration";
    }

    @Override
    public RealTimeClock open(String config) throws DeviceException {
      try {
        checkArgument(DeviceConfig.parse(config).asMap().isEmpty(), "the system clock takes no configuration: %s", config);
      } catch (IllegalArgumentException e) {
        throw new DeviceException(DeviceException.Reason.CONFIGURATION, e.getMessage(), e);
      }
      return create();
    }
  }
}
