package org.ntpclock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.server.Verdict;

/**
 * Smoke test: every responder benchmark writes the RFC 5905 reply to each request: mode 4,
 * version and poll echoed, origin = the request's transmit timestamp, receive = the given one,
 * transmit read from the clock during the call, status fields from the system time source.
 */
class ResponderBenchmarkTest {
  /** A sanity bound around the bracketing clock reads, 50 ms in NTP fraction units. */
  private static final long SANE = (50L << 32) / 1000;

  private final ResponderBenchmark bench = new ResponderBenchmark();

  ResponderBenchmarkTest() {
    bench.setUp();
  }

  private void check(String name, Supplier<Object> variant, Object answered) {
    for (int i = 0; i < Inputs.SIZE; i++) {
      long before = bench.clock.nowBits();
      assertThat(variant.get()).as("%s #%d", name, i).isEqualTo(answered);
      long after = bench.clock.nowBits();
      ByteBuffer out = bench.response;
      ByteBuffer in = bench.requests[i];
      assertThat(out.limit()).isEqualTo(48);
      assertThat(out.get(0) & 0xFF).as("LI 0, VN 4, mode 4").isEqualTo(0x24);
      assertThat((int) out.get(1)).as("stratum").isEqualTo(bench.status.stratum());
      assertThat(out.get(2)).as("poll echoed").isEqualTo(in.get(2));
      assertThat((int) out.get(3)).as("precision").isEqualTo(bench.status.precision());
      assertThat(out.getInt(12)).as("refid").isEqualTo(bench.status.referenceId().toBits());
      assertThat(out.getLong(24)).as("origin = request transmit").isEqualTo(in.getLong(40));
      assertThat(out.getLong(32)).as("receive").isEqualTo(bench.receiveBits[i]);
      // The system source extrapolates an anchor and re-anchors every second, which may move its
      // reading a little: the transmit timestamp must be the clock's, within a sanity bound of the
      // bracketing reads (how close is the benchmarks' business, not this test's).
      assertThat(out.getLong(40)).as("transmit from the clock").isBetween(before - SANE, after + SANE);
    }
  }

  @Test
  void allVariantsAnswerEveryRequest() {
    check("ours", bench::ours, Verdict.ANSWERED);
    check("ours rate-limited", bench::oursRateLimited, Verdict.ANSWERED);
    check("ours fixed status", bench::oursFixedStatus, Verdict.ANSWERED);
    check("floor", bench::floor, 1);
  }

  @Test
  void clockReadIsCurrentTime() {
    long before = bench.clock.nowBits();
    assertThat(bench.clockRead()).isGreaterThanOrEqualTo(before);
  }
}
