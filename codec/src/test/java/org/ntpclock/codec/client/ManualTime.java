package org.ntpclock.codec.client;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.ntpclock.core.Ticker;

/** A wall clock and a monotonic ticker that tests move by hand, independently of each other. */
final class ManualTime implements InstantSource, Ticker {
  private Instant now;
  private long ticks;

  ManualTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public synchronized long read() {
    return ticks;
  }

  /** Real time passes: both the wall clock and the ticker advance. */
  synchronized void advance(Duration d) {
    now = now.plus(d);
    ticks += d.toNanos();
  }

  /** The wall clock is stepped (e.g. by an NTP daemon); the ticker does not move. */
  synchronized void stepWallClock(Duration d) {
    now = now.plus(d);
  }
}
