package org.ntpclock.rtc;

import static org.ntpclock.core.internal.Preconditions.checkArgument;

import java.math.BigDecimal;

/**
 * A temperature in exact milli-degrees Celsius, as a clock's sensor reports it (the DS3231 in
 * 0.25 °C steps). Immutable.
 *
 * @param milliCelsius thousandths of a degree Celsius, -273150 (absolute zero) or more
 */
public record Temperature(int milliCelsius) {
  /**
   * Validates the value.
   *
   * @param milliCelsius thousandths of a degree Celsius
   * @throws IllegalArgumentException if below absolute zero
   */
  public Temperature {
    checkArgument(milliCelsius >= -273_150, "below absolute zero: %s m°C", milliCelsius);
  }

  /**
   * A temperature from quarter degrees, the DS3231's resolution.
   *
   * @param quarters quarter degrees Celsius (101 is 25.25 °C)
   * @return the temperature
   */
  public static Temperature ofQuarterCelsius(int quarters) {
    return new Temperature(quarters * 250);
  }

  /**
   * A temperature from milli-degrees Celsius.
   *
   * @param milliCelsius thousandths of a degree
   * @return the temperature
   */
  public static Temperature ofMilliCelsius(int milliCelsius) {
    return new Temperature(milliCelsius);
  }

  /**
   * The exact value in degrees Celsius.
   *
   * @return degrees, scale 3 or less (trailing zeros stripped)
   */
  public BigDecimal toCelsius() {
    return BigDecimal.valueOf(milliCelsius, 3).stripTrailingZeros();
  }

  @Override
  public String toString() {
    return toCelsius().toPlainString() + " °C";
  }
}
