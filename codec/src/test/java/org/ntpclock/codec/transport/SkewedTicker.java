package org.ntpclock.codec.transport;

import java.time.Duration;
import org.ntpclock.core.Ticker;

/**
 * The system ticker plus a skew the test adds to: real round trips still measure right, while
 * the test can jump poll intervals forward without waiting.
 */
final class SkewedTicker implements Ticker {
  private volatile long skew;

  @Override
  public long read() {
    return System.nanoTime() + skew;
  }

  synchronized void advance(Duration d) {
    skew += d.toNanos();
  }
}
