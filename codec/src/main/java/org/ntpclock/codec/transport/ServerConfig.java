package org.ntpclock.codec.transport;

import java.net.InetAddress;
import java.time.Duration;
import org.ntpclock.codec.server.NtpResponder;

/** What a server transport needs to start: already validated by the server's builder. */
record ServerConfig(NtpResponder responder, InetAddress bindAddress, int port, int workers, boolean reusePort,
    int receiveBufferBytes, Duration shutdownTimeout) {}
