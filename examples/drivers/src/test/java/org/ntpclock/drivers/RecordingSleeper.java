package org.ntpclock.drivers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that records instead of sleeping, optionally running an action per sleep. */
final class RecordingSleeper implements Sleeper {
  final List<Duration> sleeps = new ArrayList<>();
  Runnable onSleep = () -> { };

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    onSleep.run();
  }
}
