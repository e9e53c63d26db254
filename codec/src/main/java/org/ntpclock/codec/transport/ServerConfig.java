package org.ntpclock.codec.transport;

import java.net.InetAddress;
import java.time.Duration;
import org.ntpclock.codec.server.NtpResponder;

/**
 * What a server transport needs to start: already validated by the server's builder; {@code errors}
 * is where its workers report the errors they survive.
 */
record ServerConfig(NtpResponder responder, InetAddress bindAddress, int port, int workers, boolean reusePort,
    int receiveBufferBytes, Duration shutdownTimeout, WorkerErrors errors) {

  /** A configuration whose workers' errors are logged, with no listener. */
  ServerConfig(NtpResponder responder, InetAddress bindAddress, int port, int workers, boolean reusePort,
      int receiveBufferBytes, Duration shutdownTimeout) {
    this(responder, bindAddress, port, workers, reusePort, receiveBufferBytes, shutdownTimeout, WorkerErrors.logOnly());
  }
}
