package org.ntpclock.rtc;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ntpclock.core.Ticker;

/**
 * A test RTC whose true time is an origin plus a hand-driven ticker; a read takes {@code latency}
 * ticker time and latches the counter halfway through, truncated to the resolution.
 */
final class FakeRtc implements RealTimeClock {
  long tick;
  Instant origin;
  long latencyNanos = 2_000_000;
  Duration resolution = Duration.ofSeconds(1);
  RtcReading.Validity validity = RtcReading.Validity.VALID;
  boolean running = true;
  int failNext;
  int reads;
  long frozenTick;

  FakeRtc(Instant origin) {
    this.origin = origin;
  }

  Ticker ticker() {
    return () -> tick;
  }

  /** The exact time at the current tick. */
  Instant trueTime() {
    return origin.plusNanos(tick);
  }

  @Override
  public RtcReading read() throws RtcException {
    reads++;
    tick += latencyNanos / 2;
    if (failNext > 0) {
      failNext--;
      tick += latencyNanos - latencyNanos / 2;
      throw new RtcException(RtcException.Reason.BUS_ERROR, "injected");
    }
    Instant t = origin.plusNanos(running ? tick : frozenTick);
    long res = resolution.toNanos();
    long epochNanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
    Instant latched = Instant.ofEpochSecond(0, Math.floorDiv(epochNanos, res) * res);
    tick += latencyNanos - latencyNanos / 2;
    return new RtcReading(latched, validity, Optional.empty());
  }

  @Override
  public void set(Instant time) {
    origin = time.minusNanos(tick);
  }

  @Override
  public Duration resolution() {
    return resolution;
  }
}
