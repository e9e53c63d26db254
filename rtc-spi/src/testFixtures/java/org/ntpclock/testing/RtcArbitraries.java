package org.ntpclock.testing;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.ntpclock.rtc.Frame;
import org.ntpclock.rtc.RtcReading;

/**
 * jqwik arbitraries for the rtc-spi types, published in the test-jar for other modules' property
 * suites.
 */
public final class RtcArbitraries {
  /** The first second a DS3231-style calendar chip holds. */
  public static final Instant Y2000 = Instant.parse("2000-01-01T00:00:00Z");
  /** The last second a DS3231-style calendar chip holds. */
  public static final Instant Y2099_END = Instant.parse("2099-12-31T23:59:59Z");

  private RtcArbitraries() {}

  /**
   * Whole-second instants a two-digit-year chip can hold, 2000-01-01 .. 2099-12-31T23:59:59Z,
   * the range ends among the edge cases.
   *
   * @return instants
   */
  public static Arbitrary<Instant> calendarChipInstants() {
    return Arbitraries.longs().between(Y2000.getEpochSecond(), Y2099_END.getEpochSecond())
        .map(Instant::ofEpochSecond)
        .edgeCases(config -> config.add(Y2000, Y2099_END));
  }

  /**
   * Frames of a fixed size with random pixels.
   *
   * @param width pixels across
   * @param height pixels down
   * @return frames
   */
  public static Arbitrary<Frame> frames(int width, int height) {
    return Arbitraries.longs().map(seed -> {
      java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
      Frame.Builder b = Frame.builder(width, height);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          b.set(x, y, random.nextBoolean());
        }
      }
      return b.build();
    }).edgeCases(config -> config.add(Frame.blank(width, height),
        Frame.builder(width, height).fill(0, 0, width, height, true).build()));
  }

  /**
   * Readings of a calendar chip, valid or not.
   *
   * @return readings without temperature
   */
  public static Arbitrary<RtcReading> readings() {
    return Combinators.combine(calendarChipInstants(), Arbitraries.of(RtcReading.Validity.class))
        .as((t, v) -> new RtcReading(t, v, java.util.Optional.empty()));
  }

  /**
   * Normalized light levels 0..1, the ends among the edge cases.
   *
   * @return levels
   */
  public static Arbitrary<Double> lightLevels() {
    return Arbitraries.doubles().between(0.0, 1.0);
  }
}
