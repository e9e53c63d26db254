package org.ntpclock.rtc;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One reading of a {@link RealTimeClock}: the time, whether the clock vouches for it, and the
 * clock's temperature if it has a sensor. Immutable.
 *
 * <p>A reading whose {@link #validity()} is not {@link Validity#VALID} still carries the registers'
 * time, for display and diagnosis; it must not be served as good time.
 *
 * @param time the clock's time, truncated to its {@linkplain RealTimeClock#resolution() resolution}
 * @param validity whether the time can be trusted
 * @param temperature the clock's temperature, if it measures one
 */
public record RtcReading(Instant time, Validity validity, Optional<Temperature> temperature) {

  /** Whether the clock's time can be trusted. */
  public enum Validity {
    /** The clock has kept time since it was last set, as far as it can tell. */
    VALID,
    /**
     * The oscillator stopped at some point since the time was last set (first power-up, both
     * supply and battery too low, the oscillator disabled on battery, a crystal fault): the time is
     * wrong by an unknown amount until it is set again.
     */
    OSCILLATOR_STOPPED
  }

  /**
   * Validates the components.
   *
   * @param time the time
   * @param validity whether it can be trusted
   * @param temperature the temperature, or empty
   */
  public RtcReading {
    checkNotNull(time, "time");
    checkNotNull(validity, "validity");
    checkNotNull(temperature, "temperature");
  }

  /**
   * A trusted reading without temperature.
   *
   * @param time the time
   * @return the reading
   */
  public static RtcReading valid(Instant time) {
    return new RtcReading(time, Validity.VALID, Optional.empty());
  }

  /**
   * Whether the time can be served as good.
   *
   * @return true exactly when the validity is {@link Validity#VALID}
   */
  public boolean isTrusted() {
    return validity == Validity.VALID;
  }
}
