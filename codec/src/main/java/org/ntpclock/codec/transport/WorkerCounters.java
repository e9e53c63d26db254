package org.ntpclock.codec.transport;

import java.util.concurrent.atomic.AtomicLongArray;
import org.ntpclock.codec.server.Verdict;

/**
 * One server worker's counters: one slot per {@link Verdict}, then received datagrams and the
 * three error kinds. Single writer (the worker); any thread may read.
 */
final class WorkerCounters {
  static final int RECEIVED = Verdict.values().length;
  static final int SEND_ERRORS = RECEIVED + 1;
  static final int RECEIVE_ERRORS = RECEIVED + 2;
  static final int INTERNAL_ERRORS = RECEIVED + 3;
  /** Slots that add up into server statistics. */
  static final int COUNT = RECEIVED + 4;
  /** A transport's own diagnostic counter (busy-poll parks), not part of the statistics. */
  static final int DIAGNOSTIC = COUNT;

  private final AtomicLongArray counters = new AtomicLongArray(COUNT + 1);

  void increment(int index) {
    // Single writer: a plain read and a release store are enough for readers of the statistics.
    counters.setRelease(index, counters.getPlain(index) + 1);
  }

  void add(int index, long delta) {
    counters.setRelease(index, counters.getPlain(index) + delta);
  }

  long get(int index) {
    return counters.getAcquire(index);
  }
}
