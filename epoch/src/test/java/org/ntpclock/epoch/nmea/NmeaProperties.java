package org.ntpclock.epoch.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.ntpclock.epoch.UtcReading;

/**
 * Laws of the NMEA decoder: any valid sentence the writer produces decodes to the instant written
 * (to the decimals written), whatever the talker, type, century or leap second, as long as the
 * reference is within the documented windows; a date written 1024 weeks early decodes to the true
 * date and says it was corrected.
 */
class NmeaProperties {
  private static final long HALF_PERIOD = NmeaDecoder.ROLLOVER_PERIOD.getSeconds() / 2;
  private static final long DAY = 86_400L;
  private static final List<String> TALKERS = List.of("GP", "GN", "GL", "GA", "GB", "BD", "QZ", "GI");

  /** A written reading and the reference it is decoded against. */
  record Case(UtcReading written, Instant near) {}

  @Provide
  Arbitrary<Case> cases() {
    // References from 1990 to 2150; the written time up to 9.7 years before (inside the rollover
    // window) and 40 years after (inside the two-digit-year window).
    Arbitrary<Long> nears = Arbitraries.longs().between(631_152_000L, 5_680_281_600L);
    Arbitrary<Long> offsets = Arbitraries.longs().between(-(HALF_PERIOD - 2 * DAY), 40L * 365 * DAY);
    Arbitrary<Integer> nanos = Arbitraries.integers().between(0, 999_999_999);
    Arbitrary<Boolean> leap = Arbitraries.integers().between(0, 19).map(i -> i == 0);
    return Combinators.combine(nears, offsets, nanos, leap).as((n, off, nano, isLeap) -> {
      long second = n + off;
      if (isLeap) {
        second = Math.floorDiv(second, DAY) * DAY + DAY - 1;
      }
      return new Case(new UtcReading(Instant.ofEpochSecond(second, nano), isLeap), Instant.ofEpochSecond(n));
    });
  }

  @Provide
  Arbitrary<String> talkers() {
    return Arbitraries.of(TALKERS);
  }

  private static UtcReading truncated(UtcReading r, int decimals) {
    long unit = (long) Math.pow(10, 9 - decimals);
    Instant i = r.instant();
    return new UtcReading(Instant.ofEpochSecond(i.getEpochSecond(), i.getNano() / unit * unit), r.leapSecond());
  }

  @Property(tries = 1500)
  void rmcAndZdaDecodeToTheInstantWritten(@ForAll("cases") Case c, @ForAll("talkers") String talker,
      @ForAll @IntRange(min = 0, max = 9) int decimals) throws NmeaException {
    UtcReading expected = truncated(c.written(), decimals);
    for (String sentence : List.of(NmeaWriter.rmc(talker, c.written(), decimals, true), NmeaWriter.zda(talker, c.written(), decimals))) {
      NmeaTime t = NmeaDecoder.near(c.near(), NmeaSentence.LENIENT_MAX_LENGTH).decode(sentence, 1).orElseThrow();
      assertThat(t.time()).as(sentence).contains(expected);
      assertThat(t.valid()).isTrue();
      assertThat(t.rolloverCorrected()).isFalse();
      assertThat(t.talker()).isEqualTo(talker);
    }
  }

  @Property(tries = 1000)
  void timeOnlySentencesDecodeToTheInstantWrittenAfterADate(@ForAll("cases") Case c, @ForAll("talkers") String talker,
      @ForAll @IntRange(min = 0, max = 3) int decimals, @ForAll @IntRange(min = 0, max = 3599) int later) throws NmeaException {
    NmeaDecoder d = NmeaDecoder.near(c.near(), NmeaSentence.LENIENT_MAX_LENGTH);
    d.decode(NmeaWriter.rmc(talker, c.written(), decimals, true), 1);
    // Up to an hour later (across midnight too), outside any leap second.
    UtcReading next = UtcReading.of(c.written().instant().plusSeconds(later + (c.written().leapSecond() ? 1 : 0)));
    UtcReading expected = truncated(next, decimals);
    for (String sentence : List.of(NmeaWriter.gga(talker, next, decimals, true), NmeaWriter.gns(talker, next, decimals, true),
        NmeaWriter.gll(talker, next, decimals, true))) {
      assertThat(d.decode(sentence, 2).orElseThrow().time()).as(sentence).contains(expected);
    }
  }

  @Property(tries = 500)
  void sentencesWithoutAValidFixGiveNoTime(@ForAll("cases") Case c, @ForAll("talkers") String talker) throws NmeaException {
    NmeaDecoder d = NmeaDecoder.near(c.near());
    d.decode(NmeaWriter.zda(talker, c.written(), 0), 1);
    for (String sentence : List.of(NmeaWriter.rmc(talker, c.written(), 2, false), NmeaWriter.gga(talker, c.written(), 2, false),
        NmeaWriter.gns(talker, c.written(), 2, false), NmeaWriter.gll(talker, c.written(), 2, false))) {
      NmeaTime t = d.decode(sentence, 2).orElseThrow();
      assertThat(t.valid()).as(sentence).isFalse();
      assertThat(t.time()).isEqualTo(Optional.empty());
    }
  }

  @Property(tries = 1000)
  void aDateOneRolloverEarlyIsCorrectedToTheTrueDate(@ForAll("cases") Case c, @ForAll("talkers") String talker) throws NmeaException {
    // The true time within half a period of the reference either way; the receiver reports it 1024 weeks early.
    Instant truth = c.near().plusSeconds(Math.floorMod(c.written().instant().getEpochSecond(), 2 * HALF_PERIOD - 4 * DAY) - HALF_PERIOD + 2 * DAY);
    UtcReading reported = UtcReading.of(truth.minus(NmeaDecoder.ROLLOVER_PERIOD));
    for (String sentence : List.of(NmeaWriter.rmc(talker, reported, 0, true), NmeaWriter.zda(talker, reported, 0))) {
      NmeaTime t = NmeaDecoder.near(c.near()).decode(sentence, 1).orElseThrow();
      assertThat(t.time()).as(sentence).contains(UtcReading.of(Instant.ofEpochSecond(truth.getEpochSecond())));
      assertThat(t.rolloverCorrected()).isTrue();
    }
  }

  @Property(tries = 300)
  void aBadChecksumIsAlwaysCaught(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 255) int flip) {
    String s = NmeaWriter.zda("GP", c.written(), 2);
    int sum = Integer.parseInt(s.substring(s.length() - 2), 16) ^ flip;
    String bad = s.substring(0, s.length() - 2) + String.format("%02X", sum);
    try {
      NmeaDecoder.near(c.near()).decode(bad, 1);
      throw new AssertionError("accepted " + bad);
    } catch (NmeaException e) {
      assertThat(e.reason()).isEqualTo(NmeaException.Reason.BAD_CHECKSUM);
      assertThat(e.isChecksumError()).isTrue();
    }
  }

}
