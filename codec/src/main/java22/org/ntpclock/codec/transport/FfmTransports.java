package org.ntpclock.codec.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.ntpclock.codec.NtpWire;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.core.SystemTimeSource;

/** The JDK 22 layer's entry point, instantiated by name from {@link FfmSupport}. */
public final class FfmTransports implements FfmProvider {
  /** Instantiated reflectively by {@link FfmSupport}. */
  public FfmTransports() {}

  @Override
  public void selfTest() throws IOException {
    // Links every call (a denied native access throws here) and proves the kernel stamps a
    // datagram on this machine: one request to a one-worker server on a loopback port.
    ServerConfig config = new ServerConfig(NtpResponder.builder(SystemTimeSource.create()).build(),
        InetAddress.getLoopbackAddress(), 0, 1, false, 0, Duration.ofSeconds(1));
    try (FfmServer server = new FfmServer(config); FfmClientSocket client = new FfmClientSocket(true)) {
      ByteBuffer request = ByteBuffer.allocate(NtpWire.HEADER_LENGTH);
      request.put(0, (byte) 0x23);
      client.send(request, server.localAddress());
      ByteBuffer reply = ByteBuffer.allocate(NtpResponder.MAX_REQUEST_LENGTH);
      if (client.receive(reply, Duration.ofSeconds(2).toNanos()) == null) {
        throw new IOException("no reply from a loopback FFM server within 2 s");
      }
      if (!client.lastHadKernelStamp() || reply.limit() != NtpWire.HEADER_LENGTH) {
        throw new IOException("no kernel receive timestamp on a loopback datagram");
      }
    }
  }

  @Override
  public ServerTransport startServer(ServerConfig config) throws IOException {
    return new FfmServer(config);
  }

  @Override
  public ClientSocket openClient(boolean ipv4) throws IOException {
    return new FfmClientSocket(ipv4);
  }
}
