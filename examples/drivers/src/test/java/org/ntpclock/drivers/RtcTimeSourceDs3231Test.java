package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.drivers.Ds3231Simulator.Power;
import org.ntpclock.rtc.source.AnchoredRtcTimeSource;
import org.ntpclock.rtc.source.EdgeDrivenRtcTimeSource;
import org.ntpclock.rtc.source.RtcTimeSource;

/** The TimeSource adapter over the DS3231 driver and simulator, sharing one ticker. */
class RtcTimeSourceDs3231Test {
  static final Instant SET = Instant.parse("2026-11-21T10:00:00.370Z");

  ManualTicker ticker = new ManualTicker();
  Ds3231Simulator chip = Ds3231Simulator.create(ticker);
  Ds3231 rtc = Ds3231.create(chip, RetryPolicy.none());

  Instant truth() {
    return SET.plusNanos(ticker.nanos);
  }

  long errorNanos(RtcTimeSource source) {
    long bits = source.nowBits();
    return Duration.between(truth(), NtpTimestamp.ofBits(bits).toInstant()).toNanos();
  }

  static long dispersionNanos(TimeSourceStatus s) {
    return s.rootDispersion().toDuration().toNanos();
  }

  /** A source pinned by an edge search over the chip set to {@link #SET}, with slow bus reads. */
  AnchoredRtcTimeSource searchedOverSlowBus() throws Exception {
    chip.setTime(SET);
    // Each ticker reading is 50 µs of bus time: a 19-byte burst takes about a millisecond.
    ticker.stepPerRead = 50_000;
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(ticker).alignment(AnchoredRtcTimeSource.Alignment.EDGE_SEARCH).build();
    source.refresh();
    ticker.stepPerRead = 0;
    return source;
  }

  @Test
  void edgeSearchOverI2cPinsTheSecond() throws Exception {
    AnchoredRtcTimeSource source = searchedOverSlowBus();
    TimeSourceStatus status = source.status();
    assertThat(status.isSynchronized()).isTrue();
    assertThat(dispersionNanos(status)).isLessThan(3_000_000L);
    assertThat(Math.abs(errorNanos(source))).isLessThanOrEqualTo(dispersionNanos(status));
    ticker.advanceSeconds(30);
    assertThat(Math.abs(errorNanos(source))).isLessThanOrEqualTo(dispersionNanos(status));
  }

  @Test
  void theChipsOwnEdgeMakesTheEdgeSearchExact() throws Exception {
    AnchoredRtcTimeSource source = searchedOverSlowBus();
    assertThat(errorNanos(source)).as("the search alone is off by part of its bracket").isNotZero();
    long edge = chip.nextSecondEdge().orElseThrow();
    assertThat(SET.plusNanos(edge).getNano()).as("the simulation's edge is where its seconds change").isZero();
    assertThat(source.alignToEdge(edge, Duration.ZERO)).isTrue();
    assertThat(Math.abs(errorNanos(source))).isLessThanOrEqualTo(1);
    ticker.advanceSeconds(30);
    assertThat(Math.abs(errorNanos(source))).isLessThanOrEqualTo(1);
  }

  @Test
  void aStoppedOscillatorHasNoEdge() {
    chip.setTime(SET);
    assertThat(chip.nextSecondEdge()).isPresent();
    chip.setPower(Power.NONE);
    assertThat(chip.nextSecondEdge()).isEmpty();
  }

  @Test
  void midpointOverI2cIsWithinHalfASecond() throws Exception {
    chip.setTime(SET);
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(ticker).build();
    source.refresh();
    assertThat(Math.abs(errorNanos(source))).isLessThanOrEqualTo(dispersionNanos(source.status())).isLessThanOrEqualTo(500_000_000L);
  }

  @Test
  void powerLossMakesTheSourceUnsynchronizedUntilTheClockIsSet() throws Exception {
    chip.setTime(SET);
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(ticker).build();
    source.refresh();
    assertThat(source.status().isSynchronized()).isTrue();
    chip.setPower(Power.NONE);
    ticker.advanceSeconds(600);
    chip.setPower(Power.VCC);
    source.refresh();
    assertThat(source.status()).isEqualTo(TimeSourceStatus.unsynchronized(RtcTimeSource.DEFAULT_PRECISION));
    assertThat(source.nowBits()).as("the 2000-01-01 the chip now holds is not served").isZero();
    rtc.set(Instant.parse("2026-11-21T10:10:00Z"));
    source.refresh();
    assertThat(source.status().isSynchronized()).isTrue();
  }

  @Test
  void squareWaveEdgesDriveTheSource() throws Exception {
    chip.setTime(SET);
    rtc.enableSquareWave(Ds3231.SquareWave.HZ_1, false);
    assertThat(chip.squareWaveHz()).isEqualTo(1);
    EdgeDrivenRtcTimeSource source = EdgeDrivenRtcTimeSource.builder(rtc).ticker(ticker).build();
    source.refresh();
    // The seconds increment 630 ms after SET's phase of 370 ms: that is the falling edge.
    ticker.nanos = 630_000_000L;
    assertThat(source.onSecondEdge(ticker.nanos)).isTrue();
    assertThat(errorNanos(source)).isZero();
    ticker.nanos += 1_000_000_000L;
    assertThat(source.onSecondEdge(ticker.nanos)).isTrue();
    ticker.nanos += 250_000_000L;
    assertThat(errorNanos(source)).isZero();
    assertThat(source.status().isSynchronized()).isTrue();
  }
}
