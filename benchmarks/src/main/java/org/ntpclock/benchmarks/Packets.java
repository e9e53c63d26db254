package org.ntpclock.benchmarks;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Realistic packets: a v4 client request and the v4 server reply ntpd-rs captured from
 * PTB's stratum-2 server (LI 0, VN 4, poll 6, precision -23), and
 * {@link Inputs#SIZE} variants of each whose timestamps (and, for replies, poll and root
 * dispersion) vary, so the benchmarks cannot fold a constant packet.
 */
final class Packets {
  /** Client v4 request: stratum 2, poll 6, precision -24, xmt 2022-04-05T06:43:52.461393Z. */
  static final String GOLDEN_CLIENT =
      "230206e8000003ff0000037d5ec69f0fe5f662987b61b9afe5f663667b64995de5f6636681405590e5f663a8761dde48";
  /** Server v4 reply: stratum 2, poll 6, precision -23, root delay 566/65536 s, refid 192.53.103.108. */
  static final String GOLDEN_SERVER =
      "240206e900000236000003b7c035676ce5f661fd6f165f03e5f663a87619ef40e5f663a8798c6581e5f663a8798eae2b";

  private Packets() {}

  /** The bytes of a hex string. */
  static byte[] hex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /**
   * Variants of the golden server reply: origin, receive and transmit timestamps move together
   * by a random amount (receive before transmit, 10..100 µs apart), poll 4..10, root dispersion
   * varies; everything else as captured.
   */
  static byte[][] serverReplies() {
    SplittableRandom random = Inputs.random();
    byte[] golden = hex(GOLDEN_SERVER);
    byte[][] out = new byte[Inputs.SIZE][];
    for (int i = 0; i < Inputs.SIZE; i++) {
      ByteBuffer b = ByteBuffer.wrap(golden.clone());
      long shift = random.nextLong(1L << 40); // up to 256 s
      long origin = b.getLong(24) + shift;
      long receive = origin + random.nextLong(1L << 22, 1L << 27);
      b.put(2, (byte) (4 + random.nextInt(7)));
      b.putInt(8, 0x300 + random.nextInt(0x200));
      b.putLong(16, b.getLong(16) + shift);
      b.putLong(24, origin);
      b.putLong(32, receive);
      b.putLong(40, receive + random.nextLong(42_950L, 429_497L));
      out[i] = b.array();
    }
    return out;
  }

  /** Variants of the golden client request with random transmit timestamps (as chrony sends). */
  static byte[][] clientRequests() {
    SplittableRandom random = Inputs.random();
    byte[] golden = hex(GOLDEN_CLIENT);
    byte[][] out = new byte[Inputs.SIZE][];
    for (int i = 0; i < Inputs.SIZE; i++) {
      ByteBuffer b = ByteBuffer.wrap(golden.clone());
      b.putLong(40, random.nextLong() | 1);
      out[i] = b.array();
    }
    return out;
  }

  /** Each array in a direct buffer of its own, position 0, limit 48 (as a transport receives). */
  static ByteBuffer[] direct(byte[][] packets) {
    ByteBuffer[] out = new ByteBuffer[packets.length];
    for (int i = 0; i < packets.length; i++) {
      out[i] = ByteBuffer.allocateDirect(packets[i].length).put(packets[i]).flip();
    }
    return out;
  }

  /** Each array wrapped in a heap buffer. */
  static ByteBuffer[] heap(byte[][] packets) {
    ByteBuffer[] out = new ByteBuffer[packets.length];
    for (int i = 0; i < packets.length; i++) {
      out[i] = ByteBuffer.wrap(packets[i]);
    }
    return out;
  }
}
