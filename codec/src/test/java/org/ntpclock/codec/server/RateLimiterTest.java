package org.ntpclock.codec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.server.RateLimiter.Decision;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long CLIENT = AddressBits.ofIpv4(0xC000_0201);

  @Test
  void burstThenOnePerInterval() {
    RateLimiter limiter = RateLimiter.builder().interval(3).burst(4).leak(0).build();
    long t = 1_000 * SECOND;
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.check(0, CLIENT, t)).isEqualTo(Decision.PASS);
    }
    assertThat(limiter.check(0, CLIENT, t)).isEqualTo(Decision.DROP);
    assertThat(limiter.check(0, CLIENT, t + 7 * SECOND)).isEqualTo(Decision.DROP);
    assertThat(limiter.check(0, CLIENT, t + 8 * SECOND)).isEqualTo(Decision.PASS);
    assertThat(limiter.check(0, CLIENT, t + 8 * SECOND)).isEqualTo(Decision.DROP);
    // After a long pause the bucket is full again, never fuller.
    long later = t + 3600 * SECOND;
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.check(0, CLIENT, later)).isEqualTo(Decision.PASS);
    }
    assertThat(limiter.check(0, CLIENT, later)).isEqualTo(Decision.DROP);
  }

  @Test
  void leakAnswersOneInTwoToTheLeakOverLimitRequests() {
    RateLimiter limiter = RateLimiter.builder().interval(3).burst(1).leak(2).build();
    assertThat(limiter.check(0, CLIENT, 0)).isEqualTo(Decision.PASS);
    int passed = 0;
    for (int i = 0; i < 400; i++) {
      if (limiter.check(0, CLIENT, 0) == Decision.PASS) {
        passed++;
      }
    }
    assertThat(passed).isEqualTo(100);
  }

  @Test
  void kodInsteadOfDrop() {
    RateLimiter limiter = RateLimiter.builder().interval(0).burst(1).leak(0).kod(true).build();
    assertThat(limiter.check(0, CLIENT, 0)).isEqualTo(Decision.PASS);
    assertThat(limiter.check(0, CLIENT, 0)).isEqualTo(Decision.KOD);
  }

  @Test
  void clientsAreIndependentAndIpv6IsNotConfusedWithIpv4() {
    RateLimiter limiter = RateLimiter.builder().interval(3).burst(1).leak(0).build();
    assertThat(limiter.check(0, CLIENT, 0)).isEqualTo(Decision.PASS);
    assertThat(limiter.check(0, CLIENT, 0)).isEqualTo(Decision.DROP);
    assertThat(limiter.check(0, CLIENT + 1, 0)).isEqualTo(Decision.PASS);
    assertThat(limiter.check(0x2001_0db8_0000_0000L, CLIENT, 0)).isEqualTo(Decision.PASS);
  }

  @Test
  void tableMemoryIsFixedAndOldClientsAreEvicted() {
    RateLimiter limiter = RateLimiter.builder().interval(3).burst(1).leak(0).capacity(64).build();
    assertThat(limiter.capacity()).isEqualTo(64);
    assertThat(limiter.check(0, CLIENT, 0)).isEqualTo(Decision.PASS);
    // A million other clients pass through a 64-slot table.
    for (int i = 0; i < 1_000_000; i++) {
      limiter.check(0, AddressBits.ofIpv4(i), 1 + i);
    }
    // The first client was evicted and starts again with a full bucket.
    assertThat(limiter.check(0, CLIENT, 2_000_000)).isEqualTo(Decision.PASS);
  }

  /** Whatever the arrival pattern, a client never gets more than burst + elapsed/interval passes (leak off). */
  @Property(tries = 300)
  void neverMoreThanBurstPlusRefill(@ForAll @IntRange(min = 1, max = 20) int burst,
      @ForAll @IntRange(min = -3, max = 3) int interval, @ForAll @IntRange(min = 1, max = 500) int requests,
      @ForAll @IntRange(min = 0, max = 2_000_000_000) int spacingNanos) {
    RateLimiter limiter = RateLimiter.builder().interval(interval).burst(burst).leak(0).build();
    long intervalNanos = interval >= 0 ? SECOND << interval : SECOND >> -interval;
    long t = 0;
    int passed = 0;
    for (int i = 0; i < requests; i++) {
      t += spacingNanos / requests;
      if (limiter.check(0, CLIENT, t) == Decision.PASS) {
        passed++;
      }
    }
    assertThat((long) passed).isLessThanOrEqualTo(burst + t / intervalNanos);
    assertThat(passed).isGreaterThanOrEqualTo(Math.min(burst, requests));
  }

  @Test
  void builderRejectsOutOfRange() {
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.builder().interval(13));
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.builder().interval(-20));
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.builder().burst(0));
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.builder().leak(17));
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.builder().capacity(4));
  }
}
