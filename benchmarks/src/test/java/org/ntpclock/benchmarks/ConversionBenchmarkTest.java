package org.ntpclock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Smoke test: every conversion benchmark computes the right round trip on every input. Each call
 * advances the benchmark's cursor by one, and {@link Inputs#SIZE} calls bring it back to the start,
 * so each variant is checked over the whole table in order.
 */
class ConversionBenchmarkTest {
  private final ConversionBenchmark bench = new ConversionBenchmark();

  ConversionBenchmarkTest() {
    bench.setUp();
  }

  private void checkMillis(String name, LongSupplier variant) {
    for (int i = 0; i < Inputs.SIZE; i++) {
      assertThat(variant.getAsLong()).as("%s #%d", name, i).isEqualTo(bench.millis[i]);
    }
  }

  private void checkInstants(String name, LongSupplier variant, ChronoUnit precision) {
    for (int i = 0; i < Inputs.SIZE; i++) {
      assertThat(variant.getAsLong()).as("%s #%d", name, i)
          .isEqualTo(ConversionBenchmark.mix(bench.instants[i].truncatedTo(precision)));
    }
  }

  @Test
  void millisRoundTripsAreTheIdentityForAllVariants() {
    checkMillis("ours raw", bench::millisOursRaw);
    checkMillis("ours typed", bench::millisOursTyped);
    checkMillis("commons-net", bench::millisCommonsNet);
    checkMillis("floor", bench::millisFloor);
  }

  @Test
  void instantRoundTripsAreExactAtNanosExceptCommonsNet() {
    checkInstants("ours raw", bench::instantOursRaw, ChronoUnit.NANOS);
    checkInstants("ours typed", bench::instantOursTyped, ChronoUnit.NANOS);
    // CN-5: milliseconds only.
    checkInstants("commons-net", bench::instantCommonsNet, ChronoUnit.MILLIS);
    checkInstants("floor", bench::instantFloor, ChronoUnit.NANOS);
  }

  @Test
  void floorMillisEncodingMatchesTheKnownOneMillisecondFraction() {
    // 1 ms is 0x00418937 rounded to nearest (2^32 / 1000 = 4294967.296).
    assertThat(Floor.millisToBits(1) & 0xFFFF_FFFFL).isEqualTo(0x0041_8937L);
    // 2002-12-17T14:07:24.810Z: seconds c1a9ae1c (the classic example timestamp), .810 s rounded to nearest.
    long ms = Instant.parse("2002-12-17T14:07:24.810Z").toEpochMilli();
    assertThat(Long.toHexString(Floor.millisToBits(ms))).isEqualTo("c1a9ae1ccf5c28f6");
  }
}
