package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NtpTimestampTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    // time-facts.md §2; the Commons Net test vector and its hex-string example, AOSP's example
    "c1a9ae1c.cf6ac48d, 2002-12-17T14:07:24.810222896Z",
    "c1a089bd.fc904f6d, 2002-12-10T15:41:49.986576999Z",
    "e4dc720c.4d4fc9eb, 2021-09-03T10:06:04.301998729Z",
    "83aa7e80.00000000, 1970-01-01T00:00:00Z",
    "ffffffff.00000000, 2036-02-07T06:28:15Z",
    "80000000.00000000, 1968-01-20T03:14:08Z",
    "7fffffff.ffffffff, 2104-02-26T09:42:23.999999999Z",
  })
  void decodesReferenceVectorsWithTheDefaultPivot(String hex, String iso) {
    // The reference lists these with nanoseconds truncated.
    assertThat(NtpTimestamp.parse(hex).toInstant(EraResolver.defaultResolver(), RoundingMode.FLOOR))
        .isEqualTo(Instant.parse(iso));
  }

  @Test
  void commonsNetVectorToTheMillisecond() {
    Instant instant = NtpTimestamp.parse("c1a9ae1c.cf6ac48d").toInstant();
    assertThat(instant.toEpochMilli()).isEqualTo(Instant.parse("2002-12-17T14:07:24.810Z").toEpochMilli());
    assertThat(NtpTimestamp.fromInstant(instant)).hasToString("c1a9ae1c.cf6ac48d");
  }

  @Test
  void epochMillisecondsWithoutAnInstant() {
    NtpTimestamp cn = NtpTimestamp.parse("c1a9ae1c.cf6ac48d");
    long ms = Instant.parse("2002-12-17T14:07:24.810Z").toEpochMilli();
    assertThat(cn.toEpochMilli()).isEqualTo(ms);
    assertThat(NtpTimestamp.epochMilliOf(cn.toBits())).isEqualTo(ms);
    // 0.810 s is 0xcf5c28f6 units; Commons Net's c1a9ae1c.cf6ac48d is a later instant in that ms.
    assertThat(NtpTimestamp.ofEpochMilli(ms)).hasToString("c1a9ae1c.cf5c28f6");
    // Across 2036: the first ms of era 1 and the last of era 0.
    long era1 = Instant.parse("2036-02-07T06:28:16Z").toEpochMilli();
    assertThat(NtpTimestamp.ofEpochMilli(era1)).hasToString("00000000.00000000");
    assertThat(NtpTimestamp.ofEpochMilli(era1 + 1)).hasToString("00000000.00418937");
    assertThat(NtpTimestamp.ofEpochMilli(era1 + 1).toEpochMilli()).isEqualTo(era1 + 1);
    assertThat(NtpTimestamp.ofEpochMilli(era1 - 1).toEpochMilli()).isEqualTo(era1 - 1);
    // Before 1970 (negative ms) inside the window, floor division keeps the fraction positive.
    assertThat(NtpTimestamp.ofEpochMilli(-1)).hasToString("83aa7e7f.ffbe76c9");
    assertThat(NtpTimestamp.ofEpochMilli(-1).toEpochMilli()).isEqualTo(-1);
  }

  @Test
  void theUnknownTimestampHasNoEpochMilli() {
    assertThatThrownBy(NtpTimestamp.UNKNOWN::toEpochMilli).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> NtpTimestamp.epochMilliOf(0)).isInstanceOf(DateTimeException.class);
  }

  @Test
  void hexFormRoundTripsAndIsStrict() {
    NtpTimestamp t = NtpTimestamp.of(0xe5f663a8L, 0x798eae2bL);
    assertThat(t).hasToString("e5f663a8.798eae2b");
    assertThat(NtpTimestamp.parse("E5F663A8.798EAE2B")).isEqualTo(t);
    assertThat(t.seconds()).isEqualTo(0xe5f663a8L);
    assertThat(t.fraction()).isEqualTo(0x798eae2bL);
    assertThat(t.toBits()).isEqualTo(0xe5f663a8_798eae2bL);
    assertThatThrownBy(() -> NtpTimestamp.parse("e5f663a8798eae2b")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> NtpTimestamp.parse("e5f663a8,798eae2b")).isInstanceOf(DateTimeParseException.class)
        .satisfies(e -> assertThat(((DateTimeParseException) e).getErrorIndex()).isEqualTo(8));
    assertThatThrownBy(() -> NtpTimestamp.parse("e5f663g8.798eae2b")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> NtpTimestamp.parse("+5f663a8.798eae2b")).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void fieldsAreRangeCheckedNotMasked() {
    assertThatThrownBy(() -> NtpTimestamp.of(1L << 32, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtpTimestamp.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtpTimestamp.of(0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    assertThat(NtpTimestamp.of(0xffffffffL, 0xffffffffL).toBits()).isEqualTo(-1L);
  }

  @Test
  void theZeroTimestampIsUnknownAndNeverADate() {
    NtpTimestamp zero = NtpTimestamp.ofBits(0);
    assertThat(zero).isSameAs(NtpTimestamp.UNKNOWN);
    assertThat(zero.isUnknown()).isTrue();
    assertThat(zero).hasToString("00000000.00000000");
    // Neither 1900 (era 0) nor 2036 (era 1, the beevik/ntplib/gmag11 bug) nor anything else.
    assertThatThrownBy(zero::toInstant).isInstanceOf(DateTimeException.class).hasMessageContaining("unknown");
    assertThatThrownBy(() -> zero.toInstant(EraResolver.era(0))).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> zero.toInstant(EraResolver.nearest(Instant.parse("2036-02-07T06:28:16Z"))))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> zero.toDate(EraResolver.era(1))).isInstanceOf(DateTimeException.class);
    // ...but one unit later is an ordinary timestamp, and era 0 second 0 can be named deliberately.
    assertThat(NtpTimestamp.ofBits(1).toInstant(EraResolver.era(1), RoundingMode.FLOOR))
        .isEqualTo(Instant.parse("2036-02-07T06:28:16Z"));
    assertThat(NtpDate.of(0, NtpTimestamp.UNKNOWN).toInstant()).isEqualTo(Instant.parse("1900-01-01T00:00:00Z"));
  }

  @Test
  void anEraStartBecomesTheUnknownTimestampAsFromInstantDocuments() {
    for (String eraStart : new String[] {"1900-01-01T00:00:00Z", "2036-02-07T06:28:16Z", "2172-03-15T12:56:32Z"}) {
      Instant start = Instant.parse(eraStart);
      assertThat(NtpTimestamp.fromInstant(start)).isSameAs(NtpTimestamp.UNKNOWN);
      assertThat(NtpTimestamp.fromInstant(start, RoundingMode.FLOOR)).isSameAs(NtpTimestamp.UNKNOWN);
      // rounding to the nearest unit: up to a tenth of a nanosecond either side is still all zero
      assertThat(NtpTimestamp.fromInstant(start.minusNanos(1))).isNotEqualTo(NtpTimestamp.UNKNOWN);
      assertThat(NtpTimestamp.fromInstant(start.plusNanos(1))).isEqualTo(NtpTimestamp.ofBits(4));
      assertThat(NtpDate.fromInstant(start).toInstant()).isEqualTo(start);
    }
  }

  @Test
  void boundaryInstantsRoundTripThroughTheRightEra() {
    assertBoundary("1900-01-01T00:00:01Z", 0, "00000001.00000000");
    assertBoundary("1968-01-20T03:14:08Z", 0, "80000000.00000000");
    assertBoundary("2036-02-07T06:28:15.999999999Z", 0, "ffffffff.fffffffc");
    assertBoundary("2036-02-07T06:28:16.000000001Z", 1, "00000000.00000004");
    assertBoundary("2104-02-26T09:42:23Z", 1, "7fffffff.00000000");
    assertBoundary("2104-02-26T09:42:24Z", 1, "80000000.00000000");
  }

  private static void assertBoundary(String iso, int era, String hex) {
    Instant instant = Instant.parse(iso);
    NtpTimestamp t = NtpTimestamp.fromInstant(instant);
    assertThat(t).hasToString(hex);
    assertThat(t.toDate(EraResolver.era(era)).toInstant()).isEqualTo(instant);
    assertThat(t.toInstant(EraResolver.nearest(instant))).isEqualTo(instant);
    assertThat(NtpDate.fromInstant(instant).era()).isEqualTo(era);
  }

  @Test
  void defaultPivotIsTheRfc4330Window() {
    assertThat(NtpTimestamp.parse("80000000.00000000").toInstant()).isEqualTo(Instant.parse("1968-01-20T03:14:08Z"));
    assertThat(NtpTimestamp.parse("7fffffff.00000000").toInstant()).isEqualTo(Instant.parse("2104-02-26T09:42:23Z"));
    assertThat(NtpTimestamp.parse("00000000.00000001").toInstant(EraResolver.defaultResolver(), RoundingMode.FLOOR))
        .isEqualTo(Instant.parse("2036-02-07T06:28:16Z"));
  }

  /** CN-1: Commons Net forces the MSB on every date before 2036, so 1950 comes back as 2018. */
  @Test
  void pre1968DatesAreNotCorrupted() {
    Instant y1950 = Instant.parse("1950-06-01T00:00:00Z");
    NtpTimestamp t = NtpTimestamp.fromInstant(y1950);
    assertThat(t.seconds()).isEqualTo(0x5ed2f380L); // no forced MSB: CN-1 gives 0xded2f380
    assertThat(t.toInstant(EraResolver.era(0))).isEqualTo(y1950);
    assertThat(t.toInstant(EraResolver.pivot(Instant.parse("1900-01-01T00:00:00Z")))).isEqualTo(y1950);
    assertThat(t.toInstant(EraResolver.nearest(Instant.parse("1960-01-01T00:00:00Z")))).isEqualTo(y1950);
    Instant justBefore = Instant.parse("1968-01-20T03:14:07Z");
    assertThat(NtpTimestamp.fromInstant(justBefore)).hasToString("7fffffff.00000000");
    assertThat(NtpTimestamp.fromInstant(justBefore).toInstant(EraResolver.era(0))).isEqualTo(justBefore);
  }

  /** CN-2: a pre-1900 instant's negative fraction sign-extends into the seconds in Commons Net. */
  @Test
  void pre1900InstantsKeepTheirFractionAndEra() {
    Instant instant = Instant.parse("1899-12-31T23:59:59.500Z");
    NtpTimestamp t = NtpTimestamp.fromInstant(instant);
    assertThat(t).hasToString("ffffffff.80000000");
    NtpDate date = NtpDate.fromInstant(instant);
    assertThat(date.era()).isEqualTo(-1);
    assertThat(date.toInstant()).isEqualTo(instant);
    assertThat(t.toInstant(EraResolver.nearest(Instant.parse("1900-01-01T00:00:00Z")))).isEqualTo(instant);
  }

  /** CN-3: Commons Net silently wraps at 2104-02-26T09:42:24Z; here the era is explicit and exact. */
  @Test
  void post2104InstantsResolveWithAnEraInsteadOfWrapping() {
    Instant y2110 = Instant.parse("2110-03-01T12:00:00.25Z");
    NtpDate date = NtpDate.fromInstant(y2110);
    assertThat(date.era()).isEqualTo(1);
    assertThat(date.toInstant()).isEqualTo(y2110);
    NtpTimestamp t = date.toTimestamp();
    assertThat(t.toInstant(EraResolver.era(1))).isEqualTo(y2110);
    assertThat(t.toInstant(EraResolver.nearest(Instant.parse("2100-01-01T00:00:00Z")))).isEqualTo(y2110);
    assertThat(t.toInstant(EraResolver.pivot(Instant.parse("2036-02-07T06:28:16Z")))).isEqualTo(y2110);
  }

  @Test
  void orderingIsUnsignedAndIsBeforeIsEraAware() {
    NtpTimestamp lateEra0 = NtpTimestamp.parse("ffffff00.00000000");
    NtpTimestamp earlyEra1 = NtpTimestamp.parse("00000100.00000000");
    assertThat(lateEra0.compareTo(earlyEra1)).isPositive(); // unsigned raw order (CN-4 used signed)
    assertThat(NtpTimestamp.parse("80000000.00000000")).isGreaterThan(NtpTimestamp.parse("7fffffff.ffffffff"));
    assertThat(lateEra0.isBefore(earlyEra1)).isTrue(); // 512 s apart across 2036
    assertThat(earlyEra1.isAfter(lateEra0)).isTrue();
    assertThat(earlyEra1.isBefore(lateEra0)).isFalse();
    assertThat(lateEra0.isBefore(lateEra0)).isFalse();
  }

  @Test
  void plusAndMinusWrapAcrossTheEraBoundary() {
    NtpTimestamp before = NtpTimestamp.fromInstant(Instant.parse("2036-02-07T06:19:56Z"));
    NtpDuration thousand = NtpDuration.fromDuration(java.time.Duration.ofSeconds(1000));
    NtpTimestamp after = before.plus(thousand);
    assertThat(after.toInstant(EraResolver.era(1))).isEqualTo(Instant.parse("2036-02-07T06:36:36Z"));
    assertThat(after.minus(thousand)).isEqualTo(before);
    assertThat(NtpDuration.between(before, after)).isEqualTo(thousand);
  }

  @Test
  void roundingModeOfTheInstantConversionIsExplicit() {
    // 1 ns = 4.294967296 units: nearest 4, ceiling 5, floor 4.
    Instant oneNano = Instant.parse("2020-01-01T00:00:00.000000001Z");
    assertThat(NtpTimestamp.fromInstant(oneNano).fraction()).isEqualTo(4);
    assertThat(NtpTimestamp.fromInstant(oneNano, RoundingMode.CEILING).fraction()).isEqualTo(5);
    assertThat(NtpTimestamp.fromInstant(oneNano, RoundingMode.FLOOR).fraction()).isEqualTo(4);
    // fraction 0xffffffff is 0.99999999977 s: nearest rounds up and carries into the seconds.
    NtpTimestamp t = NtpTimestamp.parse("e1b65f80.ffffffff");
    assertThat(t.toInstant()).isEqualTo(Instant.parse("2020-01-01T00:00:01Z"));
    assertThat(t.toInstant(EraResolver.defaultResolver(), RoundingMode.FLOOR))
        .isEqualTo(Instant.parse("2020-01-01T00:00:00.999999999Z"));
  }

  @Test
  void rawHelpersAgreeWithTheValueApi() {
    Instant instant = Instant.parse("2026-11-21T09:38:16.684830539Z");
    long bits = NtpTimestamp.bitsOf(instant.getEpochSecond(), instant.getNano());
    assertThat(bits).isEqualTo(NtpTimestamp.fromInstant(instant).toBits());
    assertThat(NtpTimestamp.secondsOf(bits)).isEqualTo(0xeeabe508L);
    assertThat(NtpTimestamp.fractionOf(bits)).isEqualTo(NtpTimestamp.fromInstant(instant).fraction());
    assertThat(NtpTimestamp.ofBits(bits).toInstant()).isEqualTo(instant);
  }

  @Test
  void equalsAndHashCodeFollowTheBits() {
    assertThat(NtpTimestamp.ofBits(42)).isEqualTo(NtpTimestamp.ofBits(42)).hasSameHashCodeAs(NtpTimestamp.ofBits(42));
    assertThat(NtpTimestamp.ofBits(42)).isNotEqualTo(NtpTimestamp.ofBits(43)).isNotEqualTo("42");
  }
}
