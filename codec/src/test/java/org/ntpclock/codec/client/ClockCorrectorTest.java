package org.ntpclock.codec.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

/** {@link ClockCorrector}, the sans-I/O core of the corrected clock, driven by hand. */
class ClockCorrectorTest {
  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  private static final InetSocketAddress SERVER = InetSocketAddress.createUnresolved("a", 123);

  static TimeSample sample(String host, Duration offset, Duration rootDistance) {
    return new TimeSample(InetSocketAddress.createUnresolved(host, 123), NtpDuration.fromDuration(offset),
        NtpDuration.ZERO, NtpDuration.fromDuration(rootDistance), 2, LeapIndicator.NO_WARNING, ReferenceId.ZERO,
        NtpShort.ZERO, NtpShort.ZERO, 6, -20, NtpTimestamp.ofBits(1), NtpTimestamp.ofBits(2), NtpTimestamp.ofBits(3),
        NtpTimestamp.ofBits(4));
  }

  /** 1/256 s: exact in the 32.32 format, so the arithmetic below is exact too. */
  private static final Duration LAMBDA = Duration.ofNanos(3_906_250);

  private static ClockCorrector corrector() {
    return ClockCorrector.builder().pollInterval(Duration.ofSeconds(64), Duration.ofSeconds(1024))
        .maxErrorBound(Duration.ofSeconds(1)).maxStaleness(Duration.ofHours(1)).build();
  }

  @Test
  void beforeAnyGoodPollTheWallClockIsReportedUnvouched() {
    ClockCorrector c = corrector();
    CorrectedTime t = c.read(0, T0);
    assertThat(t.status()).isEqualTo(CorrectedTime.Status.UNSYNCHRONIZED);
    assertThat(t.isVouched()).isFalse();
    assertThat(t.instant()).isEqualTo(T0);
    assertThat(t.offset()).isEmpty();
    assertThat(t.errorBound()).isEmpty();
    assertThat(t.staleness()).isEmpty();
  }

  @Test
  void aGoodPollAnchorsTheOffsetToTheTickerNotToTheWallClock() {
    ClockCorrector c = corrector();
    c.onPoll(List.of(sample("a", Duration.ofMillis(2500), LAMBDA)), List.of(), 1_000, T0);
    CorrectedTime t = c.read(1_000, T0);
    assertThat(t.status()).isEqualTo(CorrectedTime.Status.SYNCHRONIZED);
    assertThat(t.instant()).isEqualTo(T0.plusMillis(2500));
    assertThat(t.offset()).contains(Duration.ofMillis(2500));
    assertThat(t.errorBound()).contains(LAMBDA);
    assertThat(t.staleness()).contains(Duration.ZERO);

    // Ten seconds of ticker later, while the wall clock was stepped back a minute: the corrected
    // time has advanced ten seconds, the offset against the wall clock shows the step.
    long later = 1_000 + Duration.ofSeconds(10).toNanos();
    CorrectedTime u = c.read(later, T0.plusSeconds(10).minusSeconds(60));
    assertThat(u.instant()).isEqualTo(T0.plusMillis(12_500));
    assertThat(u.offset()).contains(Duration.ofMillis(62_500));
    assertThat(u.staleness()).contains(Duration.ofSeconds(10));
    // 15 ppm of 10 s is 150 µs.
    assertThat(u.errorBound()).contains(LAMBDA.plusNanos(150_000));
  }

  @Test
  void severalServersAreCombinedAndAFalsetickerIgnored() {
    ClockCorrector c = corrector();
    c.onPoll(List.of(sample("a", Duration.ofMillis(100), Duration.ofMillis(10)),
        sample("b", Duration.ofMillis(104), Duration.ofMillis(10)),
        sample("c", Duration.ofSeconds(30), Duration.ofMillis(10))), List.of(), 0, T0);
    CorrectedTime t = c.read(0, T0);
    assertThat(t.isVouched()).isTrue();
    // The intersection of [90, 110] and [94, 114] ms is [94, 110]: midpoint 102, half-width 8.
    assertThat(t.offset().orElseThrow().toNanos()).isCloseTo(102_000_000L, org.assertj.core.data.Offset.offset(1L));
    assertThat(t.errorBound().orElseThrow().toNanos()).isCloseTo(8_000_000L, org.assertj.core.data.Offset.offset(1L));
    assertThat(c.lastSelection().orElseThrow().falsetickers()).extracting(s -> s.server().getHostString())
        .containsExactly("c");
  }

  @Test
  void whenAllServersFailTheClockHoldsOverThenStopsVouching() {
    ClockCorrector c = ClockCorrector.builder().pollInterval(Duration.ofSeconds(64), Duration.ofSeconds(1024))
        .maxStaleness(Duration.ofMinutes(30)).build();
    c.onPoll(List.of(sample("a", Duration.ofMillis(2500), LAMBDA)), List.of(), 0, T0);
    ExchangeFailure timeout = new ExchangeFailure.Plain(FailureReason.TIMEOUT, SERVER);
    long tenMinutes = Duration.ofMinutes(10).toNanos();
    c.onPoll(List.of(), List.of(timeout), tenMinutes, T0.plusSeconds(600));
    CorrectedTime holdover = c.read(tenMinutes, T0.plusSeconds(600));
    assertThat(holdover.status()).isEqualTo(CorrectedTime.Status.SYNCHRONIZED);
    assertThat(holdover.instant()).isEqualTo(T0.plusSeconds(600).plusMillis(2500));
    assertThat(c.consecutiveFailures()).isEqualTo(1);
    assertThat(c.lastFailures()).containsExactly(timeout);

    long fortyMinutes = Duration.ofMinutes(40).toNanos();
    CorrectedTime stale = c.read(fortyMinutes, T0.plusSeconds(2400));
    assertThat(stale.status()).isEqualTo(CorrectedTime.Status.STALE);
    assertThat(stale.isVouched()).isFalse();
    assertThat(stale.instant()).as("still the best estimate").isEqualTo(T0.plusSeconds(2400).plusMillis(2500));
    assertThat(stale.staleness()).contains(Duration.ofMinutes(40));
    // 15 ppm of 2400 s is 36 ms.
    assertThat(stale.errorBound()).contains(LAMBDA.plusMillis(36));
  }

  @Test
  void theErrorBoundLimitAlsoEndsVouching() {
    ClockCorrector c = ClockCorrector.builder().maxErrorBound(Duration.ofMillis(5)).build();
    c.onPoll(List.of(sample("a", Duration.ZERO, LAMBDA)), List.of(), 0, T0);
    assertThat(c.read(Duration.ofSeconds(60).toNanos(), T0).isVouched()).as("3.9 ms + 0.9 ms").isTrue();
    assertThat(c.read(Duration.ofSeconds(80).toNanos(), T0).status()).as("3.9 ms + 1.2 ms")
        .isEqualTo(CorrectedTime.Status.STALE);
  }

  @Test
  void noMajorityIsAFailedPollAndLeavesTheAnchorAlone() {
    ClockCorrector c = corrector();
    c.onPoll(List.of(sample("a", Duration.ZERO, Duration.ofMillis(1))), List.of(), 0, T0);
    c.onPoll(List.of(sample("a", Duration.ZERO, Duration.ofMillis(1)), sample("b", Duration.ofSeconds(5),
        Duration.ofMillis(1))), List.of(), 10, T0);
    assertThat(c.failedPolls()).isEqualTo(1);
    assertThat(c.read(10, T0.plusNanos(10)).offset()).contains(Duration.ZERO);
  }

  @Test
  void pollIntervalsGrowWhenGoodAndFailuresBackOffExponentially() {
    ClockCorrector c = corrector();
    TimeSample good = sample("a", Duration.ZERO, Duration.ofMillis(1));
    ExchangeFailure bad = new ExchangeFailure.Plain(FailureReason.TIMEOUT, SERVER);
    assertThat(c.onPoll(List.of(good), List.of(), 0, T0)).isEqualTo(Duration.ofSeconds(64));
    assertThat(c.onPoll(List.of(good), List.of(), 0, T0)).isEqualTo(Duration.ofSeconds(128));
    assertThat(c.onPoll(List.of(good), List.of(), 0, T0)).isEqualTo(Duration.ofSeconds(256));
    assertThat(c.onPoll(List.of(), List.of(bad), 0, T0)).isEqualTo(Duration.ofSeconds(64));
    assertThat(c.onPoll(List.of(), List.of(bad), 0, T0)).isEqualTo(Duration.ofSeconds(128));
    assertThat(c.onPoll(List.of(), List.of(bad), 0, T0)).isEqualTo(Duration.ofSeconds(256));
    assertThat(c.onPoll(List.of(), List.of(bad), 0, T0)).isEqualTo(Duration.ofSeconds(512));
    assertThat(c.onPoll(List.of(), List.of(bad), 0, T0)).isEqualTo(Duration.ofSeconds(1024));
    assertThat(c.onPoll(List.of(), List.of(bad), 0, T0)).isEqualTo(Duration.ofSeconds(1024));
    assertThat(c.consecutiveFailures()).isEqualTo(6);
    // Recovery starts again from the minimum.
    assertThat(c.onPoll(List.of(good), List.of(), 0, T0)).isEqualTo(Duration.ofSeconds(64));
    assertThat(c.consecutiveFailures()).isZero();
  }

  @Test
  void rejectsBadLimits() {
    assertThatIllegalArgumentException().isThrownBy(
        () -> ClockCorrector.builder().pollInterval(Duration.ofSeconds(64), Duration.ofSeconds(32)));
    assertThatIllegalArgumentException().isThrownBy(
        () -> ClockCorrector.builder().pollInterval(Duration.ZERO, Duration.ofSeconds(32)));
    assertThatIllegalArgumentException().isThrownBy(() -> ClockCorrector.builder().maxErrorBound(Duration.ZERO));
    assertThatIllegalArgumentException().isThrownBy(
        () -> ClockCorrector.builder().maxStaleness(Duration.ofSeconds(-1)));
  }
}
