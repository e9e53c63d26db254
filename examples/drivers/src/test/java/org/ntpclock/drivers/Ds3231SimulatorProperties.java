package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.testing.RtcArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;

/** The simulator's calendar counting against java.time, around month and year ends. */
class Ds3231SimulatorProperties {
  @Property(tries = 120)
  void countsLikeTheCalendar(@ForAll @IntRange(min = 2000, max = 2099) int year, @ForAll @IntRange(min = 1, max = 12) int month,
      @ForAll @IntRange(min = 0, max = 172_800) int secondsBeforeMonthEnd, @ForAll @IntRange(min = 0, max = 259_200) int elapsed)
      throws Exception {
    Instant monthEnd = LocalDate.of(year, month, 1).plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant start = monthEnd.minusSeconds(secondsBeforeMonthEnd);
    ManualTicker ticker = new ManualTicker();
    Ds3231Simulator chip = Ds3231Simulator.create(ticker);
    Ds3231 rtc = Ds3231.create(chip, RetryPolicy.none());
    if (start.isBefore(Ds3231.MIN)) {
      return;
    }
    if (start.isAfter(Ds3231.MAX)) {
      // 2100-01-01T00:00:00Z, the end of December 2099 itself: the chip has no century for it.
      assertThat(Ds3231Test.reasonOf(() -> rtc.set(start))).isEqualTo(DeviceException.Reason.OUT_OF_RANGE);
      return;
    }
    rtc.set(start);
    ticker.advanceSeconds(elapsed);
    Instant expected = start.plusSeconds(elapsed);
    if (expected.isAfter(Ds3231.MAX)) {
      assertThat(Ds3231Test.reasonOf(rtc::read)).isEqualTo(DeviceException.Reason.OUT_OF_RANGE);
      return;
    }
    assertThat(rtc.read().time()).isEqualTo(expected);
    int isoDay = expected.atOffset(ZoneOffset.UTC).getDayOfWeek().getValue();
    assertThat(chip.peek(Ds3231Registers.DAY)).isEqualTo(isoDay);
  }

  /** The sample CI found: December 2099 ends at 2100-01-01T00:00:00Z, which the chip cannot hold. */
  @Example
  void theEndOfDecember2099IsRejectedNotStored() throws Exception {
    countsLikeTheCalendar(2099, 12, 0, 7);
  }

  @Property(tries = 100)
  void anyBurstReadIsOneOfTheTwoSecondsItStraddles(@ForAll @IntRange(min = 0, max = 999) int phaseMillis,
      @ForAll @IntRange(min = 0, max = 2_000_000) int nanosPerTickerRead) throws Exception {
    ManualTicker ticker = new ManualTicker();
    Ds3231Simulator chip = Ds3231Simulator.create(ticker);
    Ds3231 rtc = Ds3231.create(chip, RetryPolicy.none());
    Instant start = Instant.parse("2099-12-31T23:59:58Z");
    rtc.set(start);
    ticker.advanceMillis(1000 + phaseMillis);
    ticker.stepPerRead = nanosPerTickerRead;
    long before = ticker.nanos;
    Instant t = rtc.read().time();
    long after = ticker.nanos;
    Instant first = start.plus(Duration.ofNanos(before)).minusNanos(start.plus(Duration.ofNanos(before)).getNano());
    assertThat(t).isBetween(first, first.plusSeconds(Duration.ofNanos(after - before).toSeconds() + 1));
    assertThat(t.getEpochSecond() - first.getEpochSecond()).as("the snapshot is the START's second").isZero();
  }

  @Provide
  Arbitrary<Instant> chipInstants() {
    return RtcArbitraries.calendarChipInstants();
  }

  @Property(tries = 300)
  void setThenReadRoundTripsEverySecondOf2000To2099(@ForAll("chipInstants") Instant t) throws Exception {
    ManualTicker ticker = new ManualTicker();
    Ds3231 rtc = Ds3231.create(Ds3231Simulator.create(ticker), RetryPolicy.none());
    rtc.set(t);
    RtcReading r = rtc.read();
    assertThat(r.time()).isEqualTo(t);
    assertThat(r.isTrusted()).isTrue();
    assertThat(Ds3231.decodeTime(Ds3231.encodeTime(t))).isEqualTo(t);
  }
}
