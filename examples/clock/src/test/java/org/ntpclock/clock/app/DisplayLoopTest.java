package org.ntpclock.clock.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.drivers.FixedLightSensor;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.Frame;

class DisplayLoopTest {
  /** A display that records what it was asked to do. */
  static final class RecordingDisplay implements ClockDisplay {
    final CopyOnWriteArrayList<LocalTime> times = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Frame> frames = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Integer> brightness = new CopyOnWriteArrayList<>();

    @Override
    public int width() {
      return 32;
    }

    @Override
    public int height() {
      return 8;
    }

    @Override
    public void show(Frame frame) {
      frames.add(frame);
    }

    @Override
    public void showTime(LocalTime time) {
      times.add(time);
    }

    @Override
    public int maxBrightness() {
      return 15;
    }

    @Override
    public void setBrightness(int level) {
      brightness.add(level);
    }

    @Override
    public void setPowered(boolean on) {}
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void showsTheSourcesTimeOfDayAndDimsWithTheLight() throws Exception {
    // The source is a fixed instant, so the time shown is known exactly.
    Instant fixed = Instant.parse("2026-11-21T09:38:16.5Z");
    SystemTimeSource source = SystemTimeSource.create(Clock.fixed(fixed, ZoneOffset.UTC));
    RecordingDisplay display = new RecordingDisplay();
    FixedLightSensor light = FixedLightSensor.of(0.5);
    try (DisplayLoop loop = DisplayLoop.start(source, display, Optional.of(light), l -> (int) Math.round(l * 10),
        ZoneOffset.ofHours(1), () -> {})) {
      await(() -> !display.times.isEmpty() && !display.brightness.isEmpty());
      assertThat(display.times.get(0)).isEqualTo(LocalTime.of(10, 38, 16, 500_000_000));
      assertThat(display.brightness.get(0)).isEqualTo(5);
      assertThat(loop.lastShown()).isEqualTo("10:38:16");
      light.set(1.0);
      await(() -> display.brightness.contains(10));
      assertThat(loop.failures()).isZero();
    }
  }

  @Test
  void unsynchronizedSourceShowsDashes() throws Exception {
    SystemTimeSource source = SystemTimeSource.create(Clock.systemUTC(), TimeSourceStatus.unsynchronized(-20));
    RecordingDisplay display = new RecordingDisplay();
    try (DisplayLoop loop = DisplayLoop.start(source, display, Optional.empty(), l -> 0, ZoneOffset.UTC, () -> {})) {
      await(() -> !display.frames.isEmpty());
      assertThat(display.times).isEmpty();
      assertThat(display.frames.get(0)).isEqualTo(DisplayLoop.unknownTimeFrame(32, 8));
      assertThat(display.frames.get(0)).isEqualTo(Frame.parse(
          "................................",
          "................................",
          "...............##...............",
          "................................",
          "..#####.#####......#####.#####..",
          "...............##...............",
          "................................",
          "................................"));
      assertThat(loop.lastShown()).isEqualTo("--:--");
    }
  }

  /** The display keeps ticking when the network side fails: it never waits on the network. */
  @Test
  void keepsTickingWhenTheNetworkServersStop() throws Exception {
    RecordingDisplay display = new RecordingDisplay();
    try (NtpClock clock = NtpClock.builder(SystemTimeSource.create()).ntpPort(0).httpPort(0)
        .display(display, null, l -> 0, () -> {}).start()) {
      await(() -> !display.times.isEmpty());
      clock.ntpServer().close();
      int before = display.times.size();
      await(() -> display.times.size() >= before + 2);
      assertThat(clock.display().orElseThrow().failures()).isZero();
    }
  }
}
