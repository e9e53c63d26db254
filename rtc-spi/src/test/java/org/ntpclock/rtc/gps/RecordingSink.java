package org.ntpclock.rtc.gps;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ntpclock.epoch.UtcReading;

/** A sink that records what receivers deliver. */
final class RecordingSink implements GpsSink {
  record Fix(Optional<UtcReading> time, long tick) {}

  record Edge(long tick, Long label) {}

  final List<Fix> fixes = new CopyOnWriteArrayList<>();
  final List<Edge> edges = new CopyOnWriteArrayList<>();
  final List<Integer> leapSeconds = new CopyOnWriteArrayList<>();

  @Override
  public void onFix(Optional<UtcReading> time, long tick) {
    fixes.add(new Fix(time, tick));
  }

  @Override
  public void onPpsEdge(long tick) {
    edges.add(new Edge(tick, null));
  }

  @Override
  public void onLabeledPpsEdge(long tick, long utcSecond) {
    edges.add(new Edge(tick, utcSecond));
  }

  @Override
  public void onLeapSeconds(int gpsMinusUtc) {
    leapSeconds.add(gpsMinusUtc);
  }

  /** Waits (at most 10 s, polling every 10 ms) until the condition holds. */
  static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    for (int i = 0; i < 1000; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
