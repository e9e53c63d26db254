package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TopOfSecondClockTest {
  private final AtomicLong ticks = new AtomicLong(5_000_000_000L);
  private final TopOfSecondClock clock = TopOfSecondClock.create(ticks::get);
  private static final long SECOND = Instant.parse("2026-11-21T09:38:16Z").getEpochSecond();

  @Test
  void unsynchronizedUntilTheFirstEdge() {
    assertThat(clock.status()).isEqualTo(TopOfSecondClock.Status.UNSYNCHRONIZED);
    assertThat(clock.readBits()).isZero();
    assertThat(clock.read().timestamp().isUnknown()).isTrue();
  }

  @Test
  void timeSinceTheEdgeBecomesTheFraction() {
    clock.markEdge(ticks.get(), SECOND);
    ticks.addAndGet(684_830_539L); // the seed's "milli or micro seconds since the top of second"
    TopOfSecondClock.Reading reading = clock.read();
    assertThat(reading.status()).isEqualTo(TopOfSecondClock.Status.LOCKED);
    assertThat(reading.timestamp().toInstant()).isEqualTo(Instant.parse("2026-11-21T09:38:16.684830539Z"));
    assertThat(reading.sinceEdge()).isEqualTo(Duration.ofNanos(684_830_539L));
    assertThat(clock.readBits()).isEqualTo(reading.timestamp().toBits());
    assertThat(NtpTimestamp.fractionOf(clock.readBits())).isEqualTo(NtpFraction.fromNanos(684_830_539L));
  }

  @Test
  void missingEdgesMeanHoldoverThenUnsynchronized() {
    clock.markEdge(ticks.get(), SECOND);
    ticks.addAndGet(1_499_999_999L);
    assertThat(clock.status()).isEqualTo(TopOfSecondClock.Status.LOCKED);
    ticks.addAndGet(1);
    assertThat(clock.status()).isEqualTo(TopOfSecondClock.Status.HOLDOVER);
    // holdover extrapolates across whole seconds on the ticker
    ticks.addAndGet(2_000_000_000L);
    assertThat(clock.read().timestamp().toInstant()).isEqualTo(Instant.ofEpochSecond(SECOND + 3, 500_000_000));
    ticks.set(5_000_000_000L + 60_000_000_000L);
    assertThat(clock.status()).isEqualTo(TopOfSecondClock.Status.UNSYNCHRONIZED);
    assertThat(clock.readBits()).isZero();
    // a new edge relocks
    clock.markEdge(ticks.get(), SECOND + 60);
    assertThat(clock.status()).isEqualTo(TopOfSecondClock.Status.LOCKED);
  }

  @Test
  void aTickerRunningBackwardsIsUnsynchronized() {
    clock.markEdge(ticks.get(), SECOND);
    ticks.addAndGet(-1);
    assertThat(clock.status()).isEqualTo(TopOfSecondClock.Status.UNSYNCHRONIZED);
    assertThat(clock.readBits()).isZero();
  }

  @Test
  void edgesMustAdvance() {
    clock.markEdge(ticks.get(), SECOND);
    assertThatThrownBy(() -> clock.markEdge(ticks.get(), SECOND + 1)).isInstanceOf(IllegalArgumentException.class);
    ticks.addAndGet(1_000_000_000L);
    assertThatThrownBy(() -> clock.markEdge(ticks.get(), SECOND)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.markEdge(Instant.ofEpochSecond(SECOND + 1, 5))).isInstanceOf(IllegalArgumentException.class);
    clock.markEdge(Instant.ofEpochSecond(SECOND + 1));
    assertThat(clock.read().timestamp().toInstant()).isEqualTo(Instant.ofEpochSecond(SECOND + 1));
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> TopOfSecondClock.create(ticks::get, Duration.ofSeconds(1), Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopOfSecondClock.create(ticks::get, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void millisecondAndMicrosecondTickersFromTheSeedGiveTheSameFraction() {
    // The seed: read ms or µs since the PPS edge, solve a/10^k = c/2^32 for c.
    assertThat(NtpFraction.fromMillis(250)).isEqualTo(0x40000000L);
    assertThat(NtpFraction.fromMicros(250_000)).isEqualTo(0x40000000L);
    assertThat(NtpFraction.fromNanos(250_000_000)).isEqualTo(0x40000000L);
  }
}
