package org.ntpclock.rtc.gps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.UtcReading;

/** The GPS source on a hand-driven ticker: labelling, agreement, holdover, lost fix, leap second. */
class GpsTimeSourceTest {
  private static final long S = 1_000_000_000L;
  private static final LeapSecondTable TABLE = LeapSecondTable.bundled();
  private final AtomicLong now = new AtomicLong(1_000 * S);

  private GpsTimeSource pps() {
    return GpsTimeSource.builder(TABLE).ticker(now::get).holdover(Duration.ofMillis(1500), Duration.ofSeconds(10)).build();
  }

  private static Optional<UtcReading> at(long second) {
    return Optional.of(UtcReading.of(Instant.ofEpochSecond(second)));
  }

  /** One second of a healthy receiver: the edge, then the sentence 300 ms later. */
  private void second(GpsTimeSource src, long utc) {
    src.onPpsEdge(now.get());
    now.addAndGet(300_000_000L);
    src.onFix(at(utc), now.get());
    now.addAndGet(700_000_000L);
  }

  @Test
  void threeAgreeingSecondsMakeAStratumOnePpsSource() {
    GpsTimeSource src = pps();
    long t0 = 1_767_225_600L; // 2026-01-01T00:00:00Z
    assertThat(src.status().isSynchronized()).isFalse();
    second(src, t0);
    second(src, t0 + 1);
    assertThat(src.status().isSynchronized()).as("two agreements").isFalse();
    assertThat(src.nowBits()).isZero();
    second(src, t0 + 2);
    src.onPpsEdge(now.get());
    now.addAndGet(250_000_000L);
    TimeSourceStatus s = src.status();
    assertThat(s.stratum()).isEqualTo(1);
    assertThat(s.referenceId()).isEqualTo(GpsTimeSource.PPS);
    assertThat(s.leap()).isEqualTo(LeapIndicator.NO_WARNING);
    assertThat(NtpTimestamp.ofBits(src.nowBits()).toInstant())
        .isEqualTo(Instant.ofEpochSecond(t0 + 3, 250_000_000L));
    assertThat(src.agreements()).isEqualTo(3);
  }

  @Test
  void lostFixIsUnsynchronizedAtOnce() {
    GpsTimeSource src = pps();
    long t0 = 1_767_225_600L;
    for (int i = 0; i < 4; i++) {
      second(src, t0 + i);
    }
    assertThat(src.status().isSynchronized()).isTrue();
    src.onPpsEdge(now.get());
    src.onFix(Optional.empty(), now.get() + 300_000_000L);
    assertThat(src.status()).isEqualTo(TimeSourceStatus.unsynchronized(-20));
    assertThat(src.nowBits()).isZero();
  }

  @Test
  void lostPpsHoldsOverThenIsUnsynchronized() {
    GpsTimeSource src = pps();
    long t0 = 1_767_225_600L;
    for (int i = 0; i < 4; i++) {
      second(src, t0 + i);
    }
    TimeSourceStatus locked = src.status();
    // No more edges; sentences keep coming each second.
    for (int i = 4; i < 14; i++) {
      now.addAndGet(300_000_000L);
      src.onFix(at(t0 + i), now.get());
      now.addAndGet(700_000_000L);
      if (i == 5) {
        TimeSourceStatus hold = src.status();
        assertThat(hold.isSynchronized()).as("holdover").isTrue();
        assertThat(hold.rootDispersion().toDuration()).isGreaterThan(locked.rootDispersion().toDuration());
        assertThat(NtpTimestamp.ofBits(src.nowBits()).toInstant()).isEqualTo(Instant.ofEpochSecond(t0 + 6));
      }
    }
    assertThat(src.status().isSynchronized()).as("after the 10 s holdover limit").isFalse();
    assertThat(src.nowBits()).isZero();
  }

  @Test
  void aReportThatDisagreesRelabelsAndStartsTheCountAgain() {
    GpsTimeSource src = pps();
    long t0 = 1_767_225_600L;
    for (int i = 0; i < 4; i++) {
      second(src, t0 + i);
    }
    second(src, t0 + 100); // the receiver jumped (a wrong first fix corrected)
    assertThat(src.agreements()).isEqualTo(1);
    assertThat(src.status().isSynchronized()).isFalse();
    second(src, t0 + 101);
    second(src, t0 + 102);
    assertThat(src.status().isSynchronized()).isTrue();
    assertThat(NtpTimestamp.ofBits(src.nowBits()).toInstant()).isEqualTo(Instant.ofEpochSecond(t0 + 103));
  }

  @Test
  void aGlitchOffTheSecondGridIsDropped() {
    GpsTimeSource src = pps();
    long t0 = 1_767_225_600L;
    for (int i = 0; i < 4; i++) {
      second(src, t0 + i);
    }
    src.onPpsEdge(now.get() - 400_000_000L); // a spike 600 ms after the last edge
    second(src, t0 + 4);
    assertThat(src.agreements()).isEqualTo(5);
    assertThat(NtpTimestamp.ofBits(src.nowBits()).toInstant()).isEqualTo(Instant.ofEpochSecond(t0 + 5));
  }

  @Test
  void jitterSetsPrecisionAndDispersion() {
    GpsTimeSource src = pps();
    long t0 = 1_767_225_600L;
    for (int i = 0; i < 6; i++) {
      src.onPpsEdge(now.get() + (i % 2 == 0 ? 0 : 40_000)); // ±40 µs
      now.addAndGet(300_000_000L);
      src.onFix(at(t0 + i), now.get());
      now.addAndGet(700_000_000L);
    }
    assertThat(src.jitter()).isEqualTo(Duration.ofNanos(40_000));
    assertThat(src.status().precision()).isEqualTo(-14); // 2^-14 s = 61 µs >= 40 µs > 2^-15 s
    assertThat(src.status().rootDispersion().toDuration()).isBetween(Duration.ofNanos(40_000), Duration.ofNanos(40_000 + 15_259)); // rounded up to 2^-16 s
  }

  @Test
  void countsThroughTheLeapSecondOf2016AndAnnouncesIt() {
    GpsTimeSource src = pps();
    long leapDayEnd = Instant.parse("2017-01-01T00:00:00Z").getEpochSecond();
    long t0 = leapDayEnd - 4; // 23:59:56
    for (int i = 0; i < 4; i++) {
      second(src, t0 + i);
    }
    assertThat(src.status().leap()).isEqualTo(LeapIndicator.LAST_MINUTE_61);
    // The edge of 23:59:60: its sentence says 23:59:60 (no label from it); the count knows.
    src.onPpsEdge(now.get());
    now.addAndGet(300_000_000L);
    src.onFix(Optional.of(new UtcReading(Instant.ofEpochSecond(leapDayEnd - 1), true)), now.get());
    now.addAndGet(700_000_000L);
    second(src, leapDayEnd); // 00:00:00 counted from 23:59:59 across the leap second, and confirmed
    assertThat(src.agreements()).isEqualTo(5);
    assertThat(src.status().leap()).isEqualTo(LeapIndicator.NO_WARNING);
    assertThat(NtpTimestamp.ofBits(src.nowBits()).toInstant()).isEqualTo(Instant.ofEpochSecond(leapDayEnd + 1));
  }

  @Test
  void gpsdLabelledEdgesNeedNoSentence() {
    GpsTimeSource src = pps();
    long t0 = 1_767_225_600L;
    for (int i = 0; i < 3; i++) {
      src.onLabeledPpsEdge(now.get(), t0 + i);
      src.onFix(at(t0 + i), now.get() + 500_000_000L);
      now.addAndGet(S);
    }
    assertThat(src.status().isSynchronized()).isTrue();
  }

  @Test
  void silentReceiverTimesOut() {
    GpsTimeSource src = pps();
    long t0 = 1_767_225_600L;
    for (int i = 0; i < 4; i++) {
      second(src, t0 + i);
    }
    for (int i = 0; i < 6; i++) {
      src.onPpsEdge(now.get());
      now.addAndGet(S);
    }
    assertThat(src.status().isSynchronized()).as("no report for 6 s > fix timeout 5 s").isFalse();
  }

  @Test
  void nmeaOnlyTakesTheSentenceAsTheEdgeMinusItsOffset() {
    GpsTimeSource src = GpsTimeSource.builder(TABLE).ticker(now::get)
        .nmeaOnly(Duration.ofMillis(300), Duration.ofMillis(50)).build();
    long t0 = 1_767_225_600L;
    for (int i = 0; i < 3; i++) {
      now.addAndGet(300_000_000L);
      src.onFix(at(t0 + i), now.get());
      src.onFix(at(t0 + i), now.get() + 20_000_000L); // the GGA of the same second
      now.addAndGet(700_000_000L);
    }
    TimeSourceStatus s = src.status();
    assertThat(s.stratum()).isEqualTo(1);
    assertThat(s.referenceId()).isEqualTo(GpsTimeSource.GPS);
    assertThat(s.rootDispersion().toDuration()).isBetween(Duration.ofMillis(50), Duration.ofMillis(51));
    assertThat(NtpTimestamp.ofBits(src.nowBits()).toInstant()).isEqualTo(Instant.ofEpochSecond(t0 + 3));
    src.onPpsEdge(now.get()); // ignored without PPS
    assertThat(src.agreements()).isEqualTo(3);
  }
}
