package org.ntpclock.codec.transport;

import java.time.Duration;
import org.ntpclock.core.Ticker;

/**
 * A ticker that moves only when the test advances it: poll intervals and back-offs are checked on
 * exact elapsed times, however long the real queries take on a loaded machine. (Round trips then
 * measure zero, which the client accepts.)
 */
final class SteppedTicker implements Ticker {
  private volatile long now = System.nanoTime();

  @Override
  public long read() {
    return now;
  }

  synchronized void advance(Duration d) {
    now += d.toNanos();
  }
}
