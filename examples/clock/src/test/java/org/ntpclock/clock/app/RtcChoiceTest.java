package org.ntpclock.clock.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The RTC choice serve makes: the simulated DS3231's edge search is aligned onto the chip's own edge. */
class RtcChoiceTest {
  /**
   * Whether the source's sub-second phase is the chip's: the served fraction, read between two
   * ticker readings, lies within that bracket of the time since the chip's last second edge.
   */
  private static boolean servesTheChipsEdge(RtcChoice choice) {
    long edge = choice.simulator().orElseThrow().nextSecondEdge().orElseThrow();
    long before = System.nanoTime();
    long bits = choice.source().nowBits();
    long after = System.nanoTime();
    long servedPhase = (bits & 0xFFFF_FFFFL) * 1_000_000_000L >>> 32;
    long chipPhase = Math.floorMod(before - edge, 1_000_000_000L);
    long diff = Math.floorMod(servedPhase - chipPhase + 500_000_000L, 1_000_000_000L) - 500_000_000L;
    return diff >= -1 && diff <= after - before + 1;
  }

  @Test
  void theSimulatedChipsEdgeAlignsTheSourceAtOpenAndOnRefresh() throws Exception {
    try (RtcChoice choice = ClockHardware.openRtc("simulated", Optional.empty())) {
      assertThat(choice.firstReading()).startsWith("trusted");
      assertThat(choice.source().status().rootDispersion().toDuration()).as("aligned: the edge is exact").isEqualTo(Duration.ZERO);
      assertThat(servesTheChipsEdge(choice)).isTrue();
      choice.refresh();
      assertThat(choice.source().status().rootDispersion().toDuration()).isEqualTo(Duration.ZERO);
      assertThat(servesTheChipsEdge(choice)).isTrue();
    }
  }

  @Test
  void theSystemClockHasNoEdgeToAlignTo() throws Exception {
    try (RtcChoice choice = ClockHardware.openRtc("system", Optional.empty())) {
      assertThat(choice.simulator()).isEmpty();
      assertThat(choice.source().status().isSynchronized()).isTrue();
    }
  }
}
