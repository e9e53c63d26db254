package org.ntpclock.drivers;

import org.ntpclock.core.Ticker;

/** A ticker driven by hand, optionally moving on by a fixed step at every reading. */
final class ManualTicker implements Ticker {
  long nanos;
  long stepPerRead;

  @Override
  public long read() {
    long now = nanos;
    nanos += stepPerRead;
    return now;
  }

  void advanceSeconds(long seconds) {
    nanos += seconds * 1_000_000_000L;
  }

  void advanceMillis(long millis) {
    nanos += millis * 1_000_000L;
  }
}
