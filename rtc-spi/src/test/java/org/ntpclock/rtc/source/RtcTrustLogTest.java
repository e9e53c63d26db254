package org.ntpclock.rtc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.core.testing.Allocations;
import org.ntpclock.core.testing.LogCapture;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.testing.ManualRealTimeClock;

/**
 * An RTC source logs each change of trust once, with the reason, including time that ages out while
 * served; refreshes and reads that change nothing log nothing.
 */
class RtcTrustLogTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.250Z");
  private static final String LOGGER = RtcTimeSource.class.getName();

  private final ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);

  @Test
  void anchoredSourceLogsLossAndReturnOfTrustOnceEach() throws Exception {
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    try (LogCapture log = LogCapture.of(LOGGER, Level.INFO)) {
      source.refresh();
      source.refresh();
      rtc.setValidity(RtcReading.Validity.OSCILLATOR_STOPPED);
      source.refresh();
      source.refresh();
      rtc.setValidity(RtcReading.Validity.VALID);
      source.refresh();

      assertThat(levels(log)).containsExactly(Level.INFO, Level.WARNING, Level.INFO);
      // The source is named by its class and the clock's stable description, not by a snapshot of
      // the clock's state (the manual clock's toString() holds its time and tick).
      assertThat(log.messages()).allSatisfy(m -> assertThat(m)
          .startsWith("AnchoredRtcTimeSource on ManualRealTimeClock is ").doesNotContain("tick"));
      assertThat(log.messages().get(0)).contains(" is trusted: the RTC reads a valid 2026-11-21T10:00:00Z");
      assertThat(log.messages().get(1)).contains(" is no longer trusted: the RTC reports OSCILLATOR_STOPPED");
      assertThat(log.messages().get(2)).contains(" is trusted: the RTC reads a valid ");
    }
  }

  @Test
  void aStuckClockFoundByTheEdgeSearchIsLoggedWithTheFailure() throws Exception {
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker())
        .alignment(AnchoredRtcTimeSource.Alignment.EDGE_SEARCH).build();
    try (LogCapture log = LogCapture.of(LOGGER, Level.INFO)) {
      source.refresh();
      rtc.setRunning(false);
      assertThatThrownBy(source::refresh).isInstanceOf(DeviceException.class);
      assertThatThrownBy(source::refresh).isInstanceOf(DeviceException.class);
      assertThat(log.records()).hasSize(2);
      assertThat(log.records().get(1).getLevel()).isEqualTo(Level.WARNING);
      assertThat(log.messages().get(1)).contains("is no longer trusted: ", "seconds did not advance", "oscillator stopped?");
    }
  }

  @Test
  void edgeDrivenSourceLogsItsTrustChangesToo() throws Exception {
    EdgeDrivenRtcTimeSource source = EdgeDrivenRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    try (LogCapture log = LogCapture.of(LOGGER, Level.INFO)) {
      // Untrusted from the start: nothing to say until the first valid reading.
      rtc.setValidity(RtcReading.Validity.OSCILLATOR_STOPPED);
      source.refresh();
      assertThat(log.records()).isEmpty();
      rtc.setValidity(RtcReading.Validity.VALID);
      source.refresh();
      rtc.setValidity(RtcReading.Validity.OSCILLATOR_STOPPED);
      source.refresh();
      assertThat(log.messages()).hasSize(2).allSatisfy(m -> assertThat(m).startsWith("EdgeDrivenRtcTimeSource on "));
      assertThat(log.messages().get(0)).contains("is trusted: the RTC reads a valid 2026-11-21T10:00:00Z");
      assertThat(log.messages().get(1)).contains("is no longer trusted: the RTC reports OSCILLATOR_STOPPED");
    }
  }

  @Test
  void anAnchorThatAgesOutIsLoggedOnceWhenFirstServedAndTheFreshReadingAgain() throws Exception {
    AnchoredRtcTimeSource source = anchored(Duration.ofMinutes(15));
    try (LogCapture log = LogCapture.of(LOGGER, Level.INFO)) {
      source.refresh();
      rtc.advance(Duration.ofMinutes(14));
      assertThat(source.status().isSynchronized()).isTrue();
      assertThat(source.nowBits()).isNotZero();
      assertThat(log.records()).hasSize(1);

      rtc.advance(Duration.ofMinutes(2));
      for (int i = 0; i < 3; i++) {
        assertThat(source.status()).isEqualTo(TimeSourceStatus.unsynchronized(source.status().precision()));
        assertThat(source.nowBits()).isZero();
      }
      assertThat(levels(log)).containsExactly(Level.INFO, Level.WARNING);
      assertThat(log.messages().get(1)).isEqualTo(
          "AnchoredRtcTimeSource on ManualRealTimeClock is no longer trusted: its last good reading is older than"
              + " the maximum age PT15M");

      source.refresh();
      assertThat(source.status().isSynchronized()).isTrue();
      assertThat(levels(log)).containsExactly(Level.INFO, Level.WARNING, Level.INFO);
      assertThat(log.messages().get(2)).contains("is trusted: the RTC reads a valid 2026-11-21T10:16:00Z");
    }
  }

  @Test
  void theAgeOutMessageNamesTheLastRefreshFailure() throws Exception {
    AnchoredRtcTimeSource source = refreshed(anchored(Duration.ofMinutes(1)));
    rtc.advance(Duration.ofMinutes(2)).failNext(1);
    try (LogCapture log = LogCapture.of(LOGGER, Level.INFO)) {
      assertThatThrownBy(source::refresh).isInstanceOf(DeviceException.class);
      assertThat(log.records()).as("a bus glitch alone is no loss of trust").isEmpty();
      assertThat(source.nowBits()).isZero();
      assertThat(log.messages()).singleElement().asString()
          .contains("older than the maximum age PT1M; the last refresh failed: BUS_ERROR");
    }
  }

  @Test
  void secondEdgesThatStopAreLoggedOnceAndTheirReturnToo() throws Exception {
    EdgeDrivenRtcTimeSource source = EdgeDrivenRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    try (LogCapture log = LogCapture.of(LOGGER, Level.INFO)) {
      source.refresh();
      assertThat(source.status().isSynchronized()).isFalse();
      assertThat(source.nowBits()).isZero();
      assertThat(log.records()).as("no edge yet: nothing has aged out").hasSize(1);
      rtc.setTick(750_000_000L); // 10:00:01.000
      assertThat(source.onSecondEdge(rtc.tick())).isTrue();
      assertThat(source.status().isSynchronized()).isTrue();

      rtc.advance(Duration.ofSeconds(61)); // past the 60 s holdover limit
      assertThat(source.status().isSynchronized()).isFalse();
      assertThat(source.nowBits()).isZero();
      assertThat(source.status().isSynchronized()).isFalse();
      assertThat(levels(log)).containsExactly(Level.INFO, Level.WARNING);
      assertThat(log.messages().get(1)).isEqualTo("EdgeDrivenRtcTimeSource on ManualRealTimeClock is no longer"
          + " trusted: no second edge within the holdover limit PT1M");

      assertThat(source.onSecondEdge(rtc.tick())).isTrue();
      assertThat(source.status().isSynchronized()).isTrue();
      assertThat(source.onSecondEdge(rtc.tick() + 1_000_000_000L)).isTrue();
      assertThat(levels(log)).containsExactly(Level.INFO, Level.WARNING, Level.INFO);
      assertThat(log.messages().get(2)).endsWith(" is trusted: second edges resumed");
    }
  }

  @Test
  void theReadPathAllocatesNothingWhetherFreshOrAgedOut() throws Exception {
    AnchoredRtcTimeSource source = refreshed(anchored(Duration.ofMinutes(1)));
    try (LogCapture log = LogCapture.of(LOGGER, Level.INFO)) {
      long[] sink = new long[1];
      Runnable read = () -> sink[0] += source.nowBits() + source.status().stratum();
      // 100,000 reads within 16 KiB (JIT and measurement noise), where one object a read is 1.6 MB.
      assertThat(Allocations.allocatedBy(100_000, 100_000, read)).as("fresh").isLessThan(16_384);
      rtc.advance(Duration.ofMinutes(2));
      read.run(); // logs the age-out once
      assertThat(Allocations.allocatedBy(100_000, 100_000, read)).as("aged out").isLessThan(16_384);
      assertThat(log.records()).as("only the age-out").hasSize(1);
    }
  }

  private AnchoredRtcTimeSource anchored(Duration maxAge) {
    return AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).maxAge(maxAge).build();
  }

  private static AnchoredRtcTimeSource refreshed(AnchoredRtcTimeSource source) throws DeviceException {
    source.refresh();
    return source;
  }

  private static List<Level> levels(LogCapture log) {
    return log.records().stream().map(LogRecord::getLevel).toList();
  }
}
