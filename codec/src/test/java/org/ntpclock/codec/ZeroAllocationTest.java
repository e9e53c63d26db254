package org.ntpclock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The flyweight read, the framing check and the encoders allocate nothing (DESIGN "hot paths
 * allocate nothing"; the JMH {@code -prof gc} figures belong to the benchmarks module). Measured
 * with the JVM's per-thread allocation counter, not with time: 100 000 calls that each allocated
 * even one 16-octet object would add 1.6 MB, while the bound allows 64 KiB of counter noise.
 */
class ZeroAllocationTest {
  private static final int CALLS = 100_000;
  private static final long NOISE = 64 * 1024;

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  private static void assumeCounter() {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean
        && ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).isThreadAllocatedMemoryEnabled(),
        "per-thread allocation counter unavailable on this JVM");
  }

  @Test
  void viewCheckAndGettersAllocateNothing() {
    assumeCounter();
    NtpPacket p = NtpPacket.builder().mode(Mode.SERVER)
        .addExtensionField(ExtensionField.of(0x0104, new byte[32]))
        .mac(Mac.of(9, new byte[20])).build();
    ByteBuffer direct = ByteBuffer.allocateDirect(256);
    p.encode(direct);
    direct.flip();
    NtpPacketView view = new NtpPacketView();
    long sink = run(view, direct, 1000);
    long before = allocated();
    sink += run(view, direct, CALLS);
    long used = allocated() - before;
    assertThat(sink).isNotZero();
    assertThat(used).isLessThan(NOISE);
  }

  private static long run(NtpPacketView view, ByteBuffer buffer, int n) {
    long sink = 0;
    for (int i = 0; i < n; i++) {
      view.wrap(buffer);
      if (view.check(ParsePolicy.server()) == null) {
        sink += view.transmitTimestampBits() ^ view.originTimestampBits() ^ view.receiveTimestampBits()
            ^ view.referenceTimestampBits() ^ view.rootDelayBits() ^ view.rootDispersionBits()
            ^ view.referenceIdBits() ^ view.stratum() ^ view.poll() ^ view.precision() ^ view.mode()
            ^ view.version() ^ view.leap() ^ view.macOffset() ^ view.keyId();
      }
    }
    return sink;
  }

  @Test
  void encodeAndHeaderWriterAllocateNothing() {
    assumeCounter();
    NtpPacket p = NtpPacket.builder().mode(Mode.SERVER)
        .addExtensionField(ExtensionField.of(0x0104, new byte[32]))
        .mac(Mac.of(9, new byte[20])).build();
    ByteBuffer out = ByteBuffer.allocate(256);
    encode(p, out, 1000);
    long before = allocated();
    long sink = encode(p, out, CALLS);
    long used = allocated() - before;
    assertThat(sink).isNotZero();
    assertThat(used).isLessThan(NOISE);
  }

  private static long encode(NtpPacket p, ByteBuffer out, int n) {
    long sink = 0;
    for (int i = 0; i < n; i++) {
      out.clear();
      p.encode(out);
      NtpWire.putHeader(out, 0, 0, 4, 4, 2, 6, -20, 3, 4, 0x7f000001, i, i + 1, i + 2, i + 3);
      sink += out.position() + NtpWire.getTimestamp(out, NtpWire.OFFSET_TRANSMIT_TIMESTAMP);
    }
    return sink;
  }
}
