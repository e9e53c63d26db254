package org.ntpclock.core;

/**
 * A monotonic time source in nanoseconds, with an arbitrary origin: only differences between two
 * readings mean anything. Injected wherever elapsed time is measured, so that wall-clock steps
 * cannot corrupt an interval and tests can drive time by hand.
 */
@FunctionalInterface
public interface Ticker {
  /**
   * The current reading.
   *
   * @return nanoseconds since an arbitrary, fixed origin; never decreasing for a correct ticker
   */
  long read();

  /**
   * The JVM's monotonic clock, {@link System#nanoTime()}.
   *
   * @return the system ticker
   */
  static Ticker system() {
    return System::nanoTime;
  }
}
