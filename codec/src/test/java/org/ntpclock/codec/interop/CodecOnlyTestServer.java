package org.ntpclock.codec.interop;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

/**
 * A loopback NTP responder for interop tests, built only from the codec: it decodes each request
 * and answers with a stratum-1 reply encoded by {@link NtpPacket#encode}, so the peer client
 * exercises this codec's encoder too. Records what it received and sent.
 */
final class CodecOnlyTestServer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Thread thread;
  final List<byte[]> received = new CopyOnWriteArrayList<>();
  final List<byte[]> sent = new CopyOnWriteArrayList<>();
  final List<NtpDecodeException> rejected = new CopyOnWriteArrayList<>();

  private CodecOnlyTestServer(DatagramSocket socket) {
    this.socket = socket;
    this.thread = new Thread(this::serve, "ntp-responder-" + socket.getLocalPort());
    this.thread.setDaemon(true);
  }

  static CodecOnlyTestServer start(int port) throws SocketException {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    s.setSoTimeout(60_000);
    CodecOnlyTestServer r = new CodecOnlyTestServer(s);
    r.thread.start();
    return r;
  }

  int port() {
    return socket.getLocalPort();
  }

  private static long now() {
    return NtpTimestamp.fromInstant(Instant.now()).toBits();
  }

  private void serve() {
    byte[] in = new byte[2048];
    ByteBuffer out = ByteBuffer.allocate(2048);
    while (!socket.isClosed()) {
      DatagramPacket dp = new DatagramPacket(in, in.length);
      try {
        socket.receive(dp);
        long t2 = now();
        byte[] request = java.util.Arrays.copyOf(in, dp.getLength());
        received.add(request);
        NtpPacket req;
        try {
          req = NtpPacket.decode(request, ParsePolicy.server());
        } catch (NtpDecodeException e) {
          rejected.add(e);
          continue;
        }
        if (req.mode() != Mode.CLIENT) {
          continue;
        }
        NtpPacket reply = NtpPacket.builder().version(req.version()).mode(Mode.SERVER).stratum(1)
            .poll(req.poll()).precision(-20).rootDelay(NtpShort.ZERO).rootDispersion(NtpShort.ofBits(0x10))
            .referenceId(ReferenceId.ofAscii("GPS")).referenceTimestamp(NtpTimestamp.ofBits(t2 - (1L << 32)))
            .originTimestamp(req.transmitTimestamp()).receiveTimestamp(NtpTimestamp.ofBits(t2))
            .transmitTimestamp(NtpTimestamp.ofBits(now())).build();
        out.clear();
        reply.encode(out);
        byte[] bytes = java.util.Arrays.copyOf(out.array(), out.position());
        sent.add(bytes);
        socket.send(new DatagramPacket(bytes, bytes.length, dp.getSocketAddress()));
      } catch (IOException e) {
        return; // closed or timed out
      }
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
