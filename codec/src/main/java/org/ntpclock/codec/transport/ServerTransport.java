package org.ntpclock.codec.transport;

import java.net.InetSocketAddress;
import java.util.List;

/** A running set of server workers on one address and port. */
interface ServerTransport extends AutoCloseable {
  InetSocketAddress localAddress();

  boolean usesReusePort();

  List<Thread> workerThreads();

  List<WorkerCounters> counters();

  /** Stops the workers (waiting at most the shutdown timeout) and releases the port; idempotent. */
  @Override
  void close();
}
