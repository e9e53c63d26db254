package org.ntpclock.rtc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.testing.LogCapture;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.testing.ManualRealTimeClock;

/** An RTC source logs each change of trust once, with the reason; refreshes that change nothing log nothing. */
class RtcTrustLogTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.250Z");
  private static final String LOGGER = RtcTimeSource.class.getName();

  @Test
  void anchoredSourceLogsLossAndReturnOfTrustOnceEach() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
    String name = rtc.toString();
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    try (LogCapture log = LogCapture.of(LOGGER, Level.INFO)) {
      source.refresh();
      source.refresh();
      rtc.setValidity(RtcReading.Validity.OSCILLATOR_STOPPED);
      source.refresh();
      source.refresh();
      rtc.setValidity(RtcReading.Validity.VALID);
      source.refresh();

      assertThat(log.records()).extracting(r -> r.getLevel()).containsExactly(Level.INFO, Level.WARNING, Level.INFO);
      // The source is named by its class and its clock as the clock described itself at the start.
      assertThat(log.messages()).allSatisfy(m -> assertThat(m).startsWith("AnchoredRtcTimeSource on " + name));
      assertThat(log.messages().get(0)).contains(" is trusted: the RTC reads a valid 2026-11-21T10:00:00Z");
      assertThat(log.messages().get(1)).contains(" is no longer trusted: the RTC reports OSCILLATOR_STOPPED");
      assertThat(log.messages().get(2)).contains(" is trusted: the RTC reads a valid ");
    }
  }

  @Test
  void aStuckClockFoundByTheEdgeSearchIsLoggedWithTheFailure() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
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
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
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
}
