package org.ntpclock.codec.server;

import java.lang.reflect.Method;

/**
 * The JVM's per-thread allocation counters ({@code com.sun.management.ThreadMXBean}), reached by
 * reflection because the codec module does not read {@code java.management}/{@code jdk.management}
 * (tests run on the class path, where reflection reaches them). The reflective call itself
 * allocates a few dozen bytes (a boxed {@code Long}); measurements leave slack for it.
 */
public final class Allocations {
  private static final Object BEAN;
  private static final Method CURRENT;
  private static final Method BY_ID;

  static {
    try {
      Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
      BEAN = factory.getMethod("getThreadMXBean").invoke(null);
      Class<?> sunBean = Class.forName("com.sun.management.ThreadMXBean");
      CURRENT = sunBean.getMethod("getCurrentThreadAllocatedBytes");
      BY_ID = sunBean.getMethod("getThreadAllocatedBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Allocations() {}

  /**
   * Bytes allocated so far by the calling thread.
   *
   * @return the counter
   */
  public static long currentThread() {
    try {
      return (Long) CURRENT.invoke(BEAN);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Bytes allocated so far by a thread.
   *
   * @param thread a live thread
   * @return the counter, or -1 if the thread has died
   */
  @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+, the build targets 17.
  public static long of(Thread thread) {
    try {
      return (Long) BY_ID.invoke(BEAN, thread.getId());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
