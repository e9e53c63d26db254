package org.ntpclock.codec.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ntpclock.codec.server.RateLimiter.Decision;

/** A flood of new addresses cannot push established polite clients out of a full table. */
class RateLimiterEvictionTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void anEstablishedPoliteClientKeepsItsSlotThroughAFloodOfNewAddresses() {
    RateLimiter limiter = RateLimiter.builder().interval(3).burst(8).leak(0).capacity(64).build();
    long polite = AddressBits.ofIpv4(0xC000_0201);
    int answered = 0;
    int asked = 0;
    long floodAddress = 0x0A00_0000L;
    // The polite client asks every 16 s (its limit is one per 8 s). Once it is established (its
    // second answer, 16 s after the first), 100,000 new addresses each send one request between
    // its requests, 1,600 times the table's capacity.
    for (int poll = 0; poll < 20; poll++) {
      long now = poll * 16 * SECOND;
      asked++;
      if (limiter.check(0, polite, now) == Decision.PASS) {
        answered++;
      }
      if (poll == 0) {
        continue;
      }
      assertThat(limiter.isEstablished(0, polite)).as("established after poll %s", poll).isTrue();
      for (int i = 0; i < 100_000; i++) {
        limiter.check(0, AddressBits.ofIpv4((int) floodAddress++), now + 1 + i * 100L);
      }
    }
    assertThat(answered).isEqualTo(asked);
  }

  @Test
  void addressesThatSendOnceNeverBecomeEstablished() {
    RateLimiter limiter = RateLimiter.builder().interval(0).burst(8).leak(0).capacity(64).build();
    for (int i = 0; i < 1000; i++) {
      limiter.check(0, AddressBits.ofIpv4(i), i * SECOND);
      assertThat(limiter.isEstablished(0, AddressBits.ofIpv4(i))).isFalse();
    }
  }

  @Test
  void establishmentNeedsTwoAnswersOverAnIntervalAndPoliteness() {
    RateLimiter limiter = RateLimiter.builder().interval(3).burst(2).leak(0).capacity(64).build();
    long a = AddressBits.ofIpv4(0x0102_0304);
    limiter.check(0, a, 0);
    limiter.check(0, a, SECOND);
    assertThat(limiter.isEstablished(0, a)).as("two answers within one interval").isFalse();
    limiter.check(0, a, 9 * SECOND);
    assertThat(limiter.isEstablished(0, a)).isTrue();
    // Over its limit it loses the protection until it is polite again.
    limiter.check(0, a, 9 * SECOND);
    assertThat(limiter.check(0, a, 9 * SECOND)).isEqualTo(Decision.DROP);
    assertThat(limiter.isEstablished(0, a)).isFalse();
    limiter.check(0, a, 40 * SECOND);
    assertThat(limiter.isEstablished(0, a)).isTrue();
  }

  @Test
  void whenEveryClientIsEstablishedTheTableStillEvictsTheLeastRecentlySeen() {
    // One group of 8 slots: fill it with 8 established clients, then a ninth arrives.
    RateLimiter limiter = RateLimiter.builder().interval(0).burst(4).leak(0).capacity(8).build();
    for (int c = 0; c < 8; c++) {
      limiter.check(0, AddressBits.ofIpv4(c), c);
    }
    for (int c = 0; c < 8; c++) {
      limiter.check(0, AddressBits.ofIpv4(c), 2 * SECOND + c);
      assertThat(limiter.isEstablished(0, AddressBits.ofIpv4(c))).isTrue();
    }
    limiter.check(0, AddressBits.ofIpv4(100), 3 * SECOND);
    assertThat(limiter.isEstablished(0, AddressBits.ofIpv4(0))).as("least recently seen, evicted").isFalse();
    for (int c = 1; c < 8; c++) {
      assertThat(limiter.isEstablished(0, AddressBits.ofIpv4(c))).isTrue();
    }
  }
}
