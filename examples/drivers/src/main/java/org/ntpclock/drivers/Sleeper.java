package org.ntpclock.drivers;

import java.time.Duration;

/** Waits; injected into drivers so tests do not sleep. */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for about the given time.
   *
   * @param duration how long, zero or more
   * @throws InterruptedException if interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * {@link Thread#sleep(long, int)}.
   *
   * @return the real sleeper
   */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
  }
}
