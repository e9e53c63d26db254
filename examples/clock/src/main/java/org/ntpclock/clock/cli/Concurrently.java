package org.ntpclock.clock.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one blocking task per item, all at once on daemon threads, for the commands that ask several servers. */
final class Concurrently {
  private Concurrently() {}

  /** A task that may block and be interrupted. */
  @FunctionalInterface
  interface Task<T, R> {
    R run(T item) throws InterruptedException;
  }

  /**
   * Applies the task to every item at the same time, so the wait is the slowest item's, not the sum.
   *
   * @param items the items
   * @param task the blocking task
   * @return the results, in the items' order
   * @throws InterruptedException if interrupted while waiting (the tasks are interrupted too)
   */
  static <T, R> List<R> map(List<T> items, Task<T, R> task) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, items.size()), r -> {
      Thread t = new Thread(r, "ntpclock-query");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> task.run(item)));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof InterruptedException ie) {
            throw ie;
          }
          throw new IllegalStateException(cause);
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
