package org.ntpclock.codec.transport;

import java.io.IOException;

/**
 * What the JDK 22+ layer of the multi-release jar provides; the Java 17 classes reach it only
 * through this interface, found by name in {@link FfmSupport}.
 */
interface FfmProvider {
  /** Checks that the native calls link and that a socket gets kernel timestamps; throws if not. */
  void selfTest() throws IOException;

  ServerTransport startServer(ServerConfig config) throws IOException;

  ClientSocket openClient(boolean ipv4) throws IOException;
}
