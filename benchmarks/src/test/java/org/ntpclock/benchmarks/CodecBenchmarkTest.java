package org.ntpclock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.NtpDecodeException;

/**
 * Smoke test for the packet benchmarks: every decode variant reads the same field values, the
 * floor's fold matches the golden reply's known fields, and every encode variant writes exactly
 * the reply bytes.
 */
class CodecBenchmarkTest {
  @Test
  void floorDecodesTheGoldenServerPacketsKnownFields() {
    // The captured PTB reply: LI 0, VN 4, mode 4, stratum 2, poll 6, precision -23,
    // root delay 0x236, root dispersion 0x3b7, refid c035676c, then four timestamps.
    long expected = 0 + 4 + 4 + 2 + 6 - 23 + 0x236 + 0x3b7 + 0xc035676c
        + 0xe5f661fd6f165f03L + 0xe5f663a87619ef40L + 0xe5f663a8798c6581L + 0xe5f663a8798eae2bL;
    assertThat(Floor.decodeSum(ByteBuffer.wrap(Packets.hex(Packets.GOLDEN_SERVER)))).isEqualTo(expected);
  }

  @Test
  void allDecodeVariantsReadTheSameFields() throws NtpDecodeException {
    DecodeBenchmark bench = new DecodeBenchmark();
    bench.setUp();
    long[] floor = new long[Inputs.SIZE];
    for (int i = 0; i < Inputs.SIZE; i++) {
      floor[i] = bench.floor();
      assertThat(floor[i]).isEqualTo(Floor.decodeSum(bench.buffers[i])).isNotEqualTo(-1);
    }
    for (int i = 0; i < Inputs.SIZE; i++) {
      assertThat(bench.oursValue()).as("value #%d", i).isEqualTo(floor[i]);
    }
    for (int i = 0; i < Inputs.SIZE; i++) {
      assertThat(bench.oursFlyweight()).as("flyweight #%d", i).isEqualTo(floor[i]);
    }
    for (int i = 0; i < Inputs.SIZE; i++) {
      assertThat(bench.commonsNet()).as("commons-net #%d", i).isEqualTo(floor[i]);
    }
    for (int i = 0; i < Inputs.SIZE; i++) {
      assertThat(bench.commonsNetNewPerPacket()).as("commons-net new #%d", i).isEqualTo(floor[i]);
    }
  }

  private static void checkEncode(EncodeBenchmark bench, String name, Supplier<byte[]> variant) {
    for (int i = 0; i < Inputs.SIZE; i++) {
      byte[] got = variant.get();
      assertThat(got).as("%s #%d", name, i).isEqualTo(bench.expected[i]);
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    return Arrays.copyOf(b.array(), 48);
  }

  @Test
  void allEncodeVariantsWriteTheReplyBytes() throws NtpDecodeException {
    EncodeBenchmark bench = new EncodeBenchmark();
    bench.setUp();
    checkEncode(bench, "value", () -> bytes(bench.oursValue()));
    checkEncode(bench, "value encode-only", () -> bytes(bench.oursValueEncodeOnly()));
    checkEncode(bench, "flyweight", () -> bytes(bench.oursFlyweight()));
    checkEncode(bench, "commons-net", () -> Arrays.copyOf(bench.commonsNet().getDatagramPacket().getData(), 48));
    checkEncode(bench, "commons-net new", () -> Arrays.copyOf(bench.commonsNetNewPerPacket().getDatagramPacket().getData(), 48));
    checkEncode(bench, "floor", () -> bytes(bench.floor()));
  }
}
