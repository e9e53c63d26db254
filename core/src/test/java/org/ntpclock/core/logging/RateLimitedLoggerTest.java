package org.ntpclock.core.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link RateLimitedLogger}: a burst gets through, a flood does not, and the count is reported. */
class RateLimitedLoggerTest {
  /** A logger that records what reaches it. */
  static final class RecordingLogger implements System.Logger {
    record Entry(Level level, String message, Throwable thrown) {}

    final List<Entry> entries = new ArrayList<>();
    Level threshold = Level.ALL;

    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      entries.add(new Entry(level, msg, thrown));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      entries.add(new Entry(level, format, null));
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      entries.add(new Entry(level, msgSupplier.get(), null));
    }
  }

  private long now;

  @Test
  void aFloodIsCutToTheBurstAndTheNextMessageCountsWhatWasSuppressed() {
    RecordingLogger sink = new RecordingLogger();
    RateLimitedLogger log = RateLimitedLogger.of(sink, 3, Duration.ofSeconds(60), () -> now);
    RuntimeException boom = new IllegalStateException("boom");
    int logged = 0;
    for (int i = 0; i < 1000; i++) {
      if (log.log(Level.WARNING, "failure " + i, boom)) {
        logged++;
      }
    }
    assertThat(logged).isEqualTo(3);
    assertThat(sink.entries).extracting(RecordingLogger.Entry::message)
        .containsExactly("failure 0", "failure 1", "failure 2");
    assertThat(sink.entries).allSatisfy(e -> assertThat(e.thrown()).isSameAs(boom));
    assertThat(log.suppressed()).isEqualTo(997);

    // One token comes back every window / burst = 20 s.
    now += Duration.ofSeconds(19).toNanos();
    assertThat(log.log(Level.WARNING, "too early", boom)).isFalse();
    now += Duration.ofSeconds(1).toNanos();
    assertThat(log.log(Level.WARNING, "later", boom)).isTrue();
    assertThat(sink.entries.get(3).message()).isEqualTo("later (998 similar messages suppressed before this one)");
    assertThat(log.log(Level.WARNING, "again", null)).isFalse();
  }

  @Test
  void aQuietPeriodRefillsTheBucketButNotBeyondTheBurst() {
    RecordingLogger sink = new RecordingLogger();
    RateLimitedLogger log = RateLimitedLogger.of(sink, 2, Duration.ofSeconds(10), () -> now);
    now += Duration.ofDays(1).toNanos();
    assertThat(log.log(Level.ERROR, "a", null)).isTrue();
    assertThat(log.log(Level.ERROR, "b", null)).isTrue();
    assertThat(log.log(Level.ERROR, "c", null)).isFalse();
    assertThat(sink.entries).extracting(RecordingLogger.Entry::message).containsExactly("a", "b");
  }

  @Test
  void messagesBelowTheLoggersLevelCostNothing() {
    RecordingLogger sink = new RecordingLogger();
    sink.threshold = Level.WARNING;
    RateLimitedLogger log = RateLimitedLogger.of(sink, 1, Duration.ofSeconds(10), () -> now);
    assertThat(log.log(Level.DEBUG, "debug", null)).isFalse();
    assertThat(log.suppressed()).isZero();
    assertThat(log.log(Level.WARNING, "warning", null)).isTrue();
    assertThat(sink.entries).extracting(RecordingLogger.Entry::message).containsExactly("warning");
  }

  @Test
  void rejectsOutOfRangeLimits() {
    RecordingLogger sink = new RecordingLogger();
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimitedLogger.of(sink, 0, Duration.ofSeconds(1), () -> 0));
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimitedLogger.of(sink, 1, Duration.ZERO, () -> 0));
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimitedLogger.of(sink, 1, Duration.ofDays(2), () -> 0));
  }
}
