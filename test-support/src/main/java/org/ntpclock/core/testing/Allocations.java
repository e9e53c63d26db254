package org.ntpclock.core.testing;

import java.lang.reflect.Method;

/**
 * Counts the bytes the current thread allocates, for tests that prove a hot path allocates
 * nothing. An allocation count is deterministic enough to assert on; a time never is.
 *
 * <p>Reached by reflection because test code compiles inside the library modules, which do not
 * read {@code jdk.management}.
 */
public final class Allocations {
  private static final Object THREADS;
  private static final Method ALLOCATED_BYTES;

  static {
    try {
      THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      ALLOCATED_BYTES = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Allocations() {}

  /**
   * Bytes allocated so far by the current thread.
   *
   * @return the JVM's running count
   */
  public static long currentThreadAllocatedBytes() {
    try {
      return (long) ALLOCATED_BYTES.invoke(THREADS, Thread.currentThread().getId());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs an action {@code warmup} times so the JIT compiles it, then {@code measured} times, and
   * returns the bytes allocated by the measured runs.
   *
   * @param warmup unmeasured runs
   * @param measured measured runs
   * @param action the code under test
   * @return bytes allocated by the measured runs
   */
  public static long allocatedBy(int warmup, int measured, Runnable action) {
    for (int i = 0; i < warmup; i++) {
      action.run();
    }
    long before = currentThreadAllocatedBytes();
    for (int i = 0; i < measured; i++) {
      action.run();
    }
    return currentThreadAllocatedBytes() - before;
  }
}
