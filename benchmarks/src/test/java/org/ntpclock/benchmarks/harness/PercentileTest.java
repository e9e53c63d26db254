package org.ntpclock.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The harness's percentile: linear interpolation between closest ranks. */
class PercentileTest {
  @Test
  void medianAndExtremes() {
    double[] odd = {1, 2, 10};
    assertThat(ServerLoadHarness.pct(odd, 50)).isEqualTo(2.0);
    assertThat(ServerLoadHarness.pct(odd, 0)).isEqualTo(1.0);
    assertThat(ServerLoadHarness.pct(odd, 100)).isEqualTo(10.0);
    assertThat(ServerLoadHarness.pct(new double[] {1, 2, 3, 4}, 50)).isEqualTo(2.5);
    assertThat(ServerLoadHarness.pct(new double[0], 50)).isNaN();
  }
}
