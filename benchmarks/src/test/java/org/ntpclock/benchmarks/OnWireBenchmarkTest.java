package org.ntpclock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.OnWire;

/**
 * Smoke test: every offset/delay benchmark computes the RFC 5905 values of its exchange. Each
 * variant is checked over the whole input table in cursor order.
 */
class OnWireBenchmarkTest {
  private final OnWireBenchmark bench = new OnWireBenchmark();

  OnWireBenchmarkTest() {
    bench.setUp();
  }

  /** Exact reference in BigInteger: offset floor((a + b) / 2). */
  private long offset(int i) {
    BigInteger a = BigInteger.valueOf(bench.t2[i] - bench.t1[i]);
    BigInteger b = BigInteger.valueOf(bench.t3[i] - bench.t4[i]);
    return a.add(b).shiftRight(1).longValueExact();
  }

  /** Exact reference: (t4 - t1) - (t3 - t2). */
  private long delay(int i) {
    return BigInteger.valueOf(bench.t4[i] - bench.t1[i])
        .subtract(BigInteger.valueOf(bench.t3[i] - bench.t2[i]))
        .longValueExact();
  }

  private void checkExact(String name, LongSupplier variant) {
    for (int i = 0; i < Inputs.SIZE; i++) {
      assertThat(variant.getAsLong()).as("%s #%d", name, i).isEqualTo(Floor.mix(offset(i), delay(i)));
    }
  }

  @Test
  void rawAndFloorAreExact() {
    checkExact("ours raw", bench::oursRaw);
    checkExact("floor", bench::floor);
  }

  @Test
  void typedIsExactAndValid() {
    for (int i = 0; i < Inputs.SIZE; i++) {
      OnWire.Measurement m = bench.oursTyped();
      assertThat(m.offset().toBits()).as("offset #%d", i).isEqualTo(offset(i));
      assertThat(m.delay().toBits()).as("delay #%d", i).isEqualTo(delay(i));
      assertThat(m.isValid()).isTrue();
    }
  }

  @Test
  void commonsNetIsWithinItsMillisecondTruncation() {
    for (int i = 0; i < Inputs.SIZE; i++) {
      double offsetMs = offset(i) * 1e3 / (1L << 32);
      double delayMs = delay(i) * 1e3 / (1L << 32);
      // CN-6: each stamp rounded to ms, results truncated: each off by less than 2 ms.
      assertThat((double) bench.commonsNet())
          .as("commons-net #%d", i)
          .isCloseTo(31 * offsetMs + delayMs, within(31 * 2.0 + 2.0));
    }
  }
}
