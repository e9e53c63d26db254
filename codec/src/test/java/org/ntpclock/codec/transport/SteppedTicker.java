package org.ntpclock.codec.transport;

import java.time.Duration;
import org.ntpclock.core.Ticker;

/**
 * A ticker that moves only when the test advances it: poll intervals and back-offs are checked on
 * exact elapsed times, however long the real queries take on a loaded machine. Round trips then
 * measure zero, which the client accepts from a server whose receive and transmit timestamps are
 * equal (the fake servers of these tests); against a real server, whose transmit comes after its
 * receive, a test uses the system ticker instead.
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
