package org.ntpclock.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ClockSteps}: what counts as a step, and that only failures across one are run again. */
class ClockStepsTest {
  @Test
  void aChangeCountsOnlyBeyondBothUncertaintiesAndTheSlack() {
    ClockSteps.Offset before = new ClockSteps.Offset(1_000_000, 2_000);
    long limit = 2_000 + 3_000 + ClockSteps.SLACK_NANOS;
    assertThat(before.steppedBefore(new ClockSteps.Offset(1_000_000 + limit, 3_000))).isFalse();
    assertThat(before.steppedBefore(new ClockSteps.Offset(1_000_000 - limit, 3_000))).isFalse();
    assertThat(before.steppedBefore(new ClockSteps.Offset(1_000_000 + limit + 1, 3_000))).isTrue();
    assertThat(before.steppedBefore(new ClockSteps.Offset(1_000_000 - limit - 1, 3_000))).isTrue();
  }

  @Test
  void consecutiveReadingsOnAnUnsteppedClockAgree() {
    // A reading's own uncertainty covers the jitter between two of them; a machine whose clock is
    // stepped between these two lines would fail this, and nothing else would.
    ClockSteps.Offset a = ClockSteps.read();
    ClockSteps.Offset b = ClockSteps.read();
    assertThat(a.uncertaintyNanos()).isPositive();
    assertThat(a.steppedBefore(b)).as("%s then %s", a, b).isFalse();
  }

  @Test
  void aFailureWithoutAStepIsNotRunAgain() {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> ClockSteps.withoutStep(5, "a failing piece", () -> {
      runs.incrementAndGet();
      throw new AssertionError("the code is wrong");
    })).isInstanceOf(AssertionError.class).hasMessage("the code is wrong");
    assertThat(runs).hasValue(1);
  }

  @Test
  void aPassingRunIsTheResult() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    assertThat(ClockSteps.withoutStep(5, "a passing piece", runs::incrementAndGet)).isEqualTo(1);
    assertThat(runs).hasValue(1);
    assertThatThrownBy(() -> ClockSteps.withoutStep(0, "nothing", () -> 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
