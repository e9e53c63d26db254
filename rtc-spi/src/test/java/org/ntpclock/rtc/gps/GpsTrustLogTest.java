package org.ntpclock.rtc.gps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.testing.LogCapture;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.UtcReading;

/** The GPS source logs each change of trust once, with the reason, as the events happen. */
class GpsTrustLogTest {
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_767_225_600L; // 2026-01-01T00:00:00Z
  private final AtomicLong now = new AtomicLong(1_000 * S);

  private void second(GpsTimeSource src, long utc) {
    src.onPpsEdge(now.get());
    now.addAndGet(300_000_000L);
    src.onFix(Optional.of(UtcReading.of(Instant.ofEpochSecond(utc))), now.get());
    now.addAndGet(700_000_000L);
  }

  @Test
  void agreementLostFixAndSilenceAreEachLoggedOnce() {
    GpsTimeSource src = GpsTimeSource.builder(LeapSecondTable.bundled()).ticker(now::get)
        .holdover(Duration.ofMillis(1500), Duration.ofSeconds(10)).build();
    try (LogCapture log = LogCapture.of(GpsTimeSource.class.getName(), Level.INFO)) {
      second(src, T0);
      second(src, T0 + 1);
      assertThat(log.records()).as("not yet trusted: nothing to say").isEmpty();
      for (int i = 2; i < 6; i++) {
        second(src, T0 + i);
        src.status();
      }
      assertThat(log.messages()).containsExactly(
          "GPS time source is trusted: valid fix, 3 consecutive PPS edges agree, edge clock LOCKED");

      src.onPpsEdge(now.get());
      src.onFix(Optional.empty(), now.get() + 300_000_000L);
      src.status();
      now.addAndGet(S);
      for (int i = 7; i < 12; i++) {
        second(src, T0 + i);
      }
      // The receiver goes silent: no event, the next read finds the report too old.
      now.addAndGet(6 * S);
      src.status();
      src.status();

      assertThat(log.records()).extracting(r -> r.getLevel())
          .containsExactly(Level.INFO, Level.WARNING, Level.INFO, Level.WARNING);
      assertThat(log.messages()).containsExactly(
          "GPS time source is trusted: valid fix, 3 consecutive PPS edges agree, edge clock LOCKED",
          "GPS time source is no longer trusted: the receiver reports no valid fix",
          "GPS time source is trusted: valid fix, 3 consecutive PPS edges agree, edge clock LOCKED",
          "GPS time source is no longer trusted: no valid report for PT6.7S");
    }
  }
}
