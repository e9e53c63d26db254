package org.ntpclock.codec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.server.RateLimitListener.Outcome;
import org.ntpclock.codec.server.RateLimiter.Decision;
import org.ntpclock.core.testing.LogCapture;

/**
 * The rate limiter's decisions over the limit reach {@link System.Logger} at DEBUG with the client
 * and the outcome, a flood only up to the log's own limit, and a listener every one.
 */
class RateLimitLogTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long HIGH = AddressBits.IPV4_MAPPED_HIGH;
  private static final long CLIENT = AddressBits.ofIpv4(0xC000_0201); // 192.0.2.1
  private static final String LOGGER = RateLimiter.class.getName();

  @Test
  void dropKodAndLeakAreLoggedAtDebugWithTheClient() {
    try (LogCapture log = LogCapture.of(LOGGER, Level.FINE)) {
      // Burst 1, leak 1: the first request passes, then over-limit requests alternate not leaked / leaked.
      RateLimiter dropping = RateLimiter.builder().interval(3).burst(1).leak(1).ticker(() -> 0L).build();
      assertThat(dropping.check(HIGH, CLIENT, 0)).isEqualTo(Decision.PASS);
      assertThat(log.records()).isEmpty();
      assertThat(dropping.check(HIGH, CLIENT, 0)).isEqualTo(Decision.DROP);
      assertThat(dropping.check(HIGH, CLIENT, 0)).isEqualTo(Decision.PASS);
      RateLimiter kissing = RateLimiter.builder().interval(3).burst(1).leak(0).kod(true).ticker(() -> 0L).build();
      kissing.check(HIGH, CLIENT, 0);
      assertThat(kissing.check(HIGH, CLIENT, 0)).isEqualTo(Decision.KOD);

      assertThat(log.records()).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.FINE));
      assertThat(log.messages()).containsExactly(
          "rate limit: client 192.0.2.1 over its limit, dropped (dropped)",
          "rate limit: client 192.0.2.1 over its limit, leaked reply sent (leaked)",
          "rate limit: client 192.0.2.1 over its limit, KoD RATE sent (kod_rate)");
    }
  }

  @Test
  void aFloodIsRateLimitedInTheLog() {
    try (LogCapture log = LogCapture.of(LOGGER, Level.FINE)) {
      // The log's clock stands still: no token comes back however long the flood takes.
      RateLimiter limiter = RateLimiter.builder().interval(3).burst(1).leak(0).ticker(() -> 0L).build();
      for (int i = 0; i < 500; i++) {
        limiter.check(HIGH, CLIENT + i % 3, i * SECOND / 1000);
      }
      assertThat(log.records()).hasSize(RateLimitLog.BURST);
    }
  }

  @Test
  void nothingIsLoggedWhileDebugIsOffAndAListenerHearsEveryDecision() {
    try (LogCapture log = LogCapture.of(LOGGER, Level.INFO)) {
      List<Outcome> heard = new ArrayList<>();
      List<Long> clients = new ArrayList<>();
      RateLimiter silent = RateLimiter.builder().interval(3).burst(1).leak(1).build();
      RateLimiter heardBy = RateLimiter.builder().interval(3).burst(1).leak(1)
          .listener((high, low, outcome) -> {
            heard.add(outcome);
            clients.add(low);
          }).build();
      for (int i = 0; i < 5; i++) {
        silent.check(HIGH, CLIENT, 0);
        heardBy.check(HIGH, CLIENT, 0);
      }
      assertThat(log.records()).isEmpty();
      assertThat(heard).containsExactly(Outcome.DROPPED, Outcome.LEAKED, Outcome.DROPPED, Outcome.LEAKED);
      assertThat(clients).containsOnly(CLIENT);
    }
  }
}
