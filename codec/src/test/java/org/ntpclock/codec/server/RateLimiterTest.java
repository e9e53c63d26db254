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
    assertThat(limiter.check(0, CLIENT, 0)).isEqualTo(Decision.DROP);
    // A million other clients pass through a 64-slot table over 1000 s.
    for (int i = 0; i < 1_000_000; i++) {
      limiter.check(0, AddressBits.ofIpv4(i), i * 1000L * 1000);
    }
    // An hour later the table is calm: the first client, long evicted, starts with a full bucket.
    assertThat(limiter.check(0, CLIENT, 3600 * SECOND)).isEqualTo(Decision.PASS);
  }

  /** Cycling through more addresses than the table holds must not refill buckets by eviction. */
  @Test
  void evictionUnderPressureDoesNotRefillBuckets() {
    RateLimiter limiter = RateLimiter.builder().interval(3).burst(2).leak(0).capacity(64).build();
    int passed = 0;
    int requests = 0;
    // 1000 addresses, round robin, all within one second: far more than 64 slots.
    for (int round = 0; round < 20; round++) {
      for (int a = 0; a < 1000; a++) {
        requests++;
        if (limiter.check(0, AddressBits.ofIpv4(a), round * 1000L + a) == Decision.PASS) {
          passed++;
        }
      }
    }
    // Without inheritance every request would find a fresh bucket and pass (20000).
    // With it, each of the 64 slots hands out at most its burst in this second.
    assertThat(requests).isEqualTo(20_000);
    assertThat(passed).isLessThanOrEqualTo(64 * 2 + 1000);
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
