package org.ntpclock.epoch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.epoch.ExpiryPolicy;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.LeapSmear;
import org.ntpclock.epoch.UtcReading;

/**
 * A free-running clock (set to UTC on 2030-06-30T00:00:00Z) across a fake leap second at the end of
 * 2030-06-30, in each mode. "Delegate" times are the free-running clock's readings: after the leap
 * second it runs one second ahead of UTC.
 */
class LeapSecondTimeSourceTest {
  static final LeapSecondTable FAKE = fakeTable();
  static final Instant SET_AT = Instant.parse("2030-06-30T00:00:00Z");
  static final TimeSourceStatus STRATUM_1 = new TimeSourceStatus(LeapIndicator.NO_WARNING, 1, -20,
      NtpShort.ZERO, NtpShort.ZERO, ReferenceId.ofAscii("GPS"), NtpTimestamp.UNKNOWN);

  /** The bundled entries, plus TAI-UTC 38 s from 2030-07-01, valid until 2031-01-01. */
  static LeapSecondTable fakeTable() {
    LeapSecondTable bundled = LeapSecondTable.bundled();
    List<LeapSecondTable.Entry> entries = new ArrayList<>(bundled.entries());
    entries.add(new LeapSecondTable.Entry(Instant.parse("2030-07-01T00:00:00Z"), 38));
    return LeapSecondTable.of(entries, bundled.updated(), Instant.parse("2031-01-01T00:00:00Z"));
  }

  /** A clock the test sets. */
  static final class Hands implements InstantSource {
    volatile Instant now = SET_AT;

    @Override
    public Instant instant() {
      return now;
    }
  }

  final Hands hands = new Hands();
  final TimeSource freeRunning = SystemTimeSource.create(hands, STRATUM_1);

  private static long bits(String instant) {
    Instant i = Instant.parse(instant);
    return NtpTimestamp.bitsOf(i.getEpochSecond(), i.getNano());
  }

  private long at(TimeSource source, String delegate) {
    hands.now = Instant.parse(delegate);
    return source.nowBits();
  }

  private LeapIndicator leapAt(TimeSource source, String delegate) {
    hands.now = Instant.parse(delegate);
    return source.status().leap();
  }

  @Test
  void insertingAnnouncesStallsThroughTheLeapSecondAndFallsBackOneSecond() {
    TimeSource s = LeapSecondTimeSource.inserting(freeRunning, FAKE, SET_AT, ExpiryPolicy.STRICT);
    assertThat(leapAt(s, "2030-06-29T23:59:59Z")).isEqualTo(LeapIndicator.NO_WARNING);
    assertThat(at(s, "2030-06-30T10:00:00Z")).isEqualTo(bits("2030-06-30T10:00:00Z"));
    assertThat(leapAt(s, "2030-06-30T10:00:00Z")).isEqualTo(LeapIndicator.LAST_MINUTE_61);
    assertThat(at(s, "2030-06-30T23:59:59.75Z")).isEqualTo(bits("2030-06-30T23:59:59.75Z"));
    // The free-running clock's 00:00:00.x is UTC's 23:59:60.x: stalled at the last nanosecond.
    assertThat(at(s, "2030-07-01T00:00:00Z")).isEqualTo(bits("2030-06-30T23:59:59.999999999Z"));
    assertThat(at(s, "2030-07-01T00:00:00.999Z")).isEqualTo(bits("2030-06-30T23:59:59.999999999Z"));
    assertThat(leapAt(s, "2030-07-01T00:00:00.5Z")).isEqualTo(LeapIndicator.LAST_MINUTE_61);
    assertThat(at(s, "2030-07-01T00:00:01Z")).isEqualTo(bits("2030-07-01T00:00:00Z"));
    assertThat(leapAt(s, "2030-07-01T00:00:01Z")).isEqualTo(LeapIndicator.NO_WARNING);
    assertThat(at(s, "2030-08-01T12:00:00.123456789Z")).isEqualTo(bits("2030-08-01T12:00:00.123456789Z") - (1L << 32));
  }

  @Test
  void aClockSetAfterTheLeapSecondIsNotCorrected() {
    TimeSource s = LeapSecondTimeSource.inserting(freeRunning, FAKE, Instant.parse("2030-07-02T00:00:00Z"),
        ExpiryPolicy.STRICT);
    assertThat(at(s, "2030-07-03T00:00:00Z")).isEqualTo(bits("2030-07-03T00:00:00Z"));
  }

  @Test
  void aNegativeLeapSecondSkips235959() {
    LeapSecondTable bundled = LeapSecondTable.bundled();
    List<LeapSecondTable.Entry> entries = new ArrayList<>(bundled.entries());
    entries.add(new LeapSecondTable.Entry(Instant.parse("2030-07-01T00:00:00Z"), 36));
    LeapSecondTable negative = LeapSecondTable.of(entries, bundled.updated(), Instant.parse("2031-01-01T00:00:00Z"));
    TimeSource s = LeapSecondTimeSource.inserting(freeRunning, negative, SET_AT, ExpiryPolicy.STRICT);
    assertThat(leapAt(s, "2030-06-30T12:00:00Z")).isEqualTo(LeapIndicator.LAST_MINUTE_59);
    assertThat(at(s, "2030-06-30T23:59:58.5Z")).isEqualTo(bits("2030-06-30T23:59:58.5Z"));
    assertThat(at(s, "2030-06-30T23:59:59.5Z")).isEqualTo(bits("2030-07-01T00:00:00.5Z"));
    assertThat(at(s, "2030-07-01T00:00:00.5Z")).isEqualTo(bits("2030-07-01T00:00:01.5Z"));
  }

  @Test
  void smearingServesTheSmearAndNeverAnnounces() {
    TimeSource linear = LeapSecondTimeSource.smearing(freeRunning, FAKE, SET_AT, LeapSmear.LINEAR_24H, ExpiryPolicy.STRICT);
    // The free-running 00:00:00.5 is UTC 23:59:60.5, the middle of the leap second: smeared midnight.
    assertThat(at(linear, "2030-07-01T00:00:00.5Z")).isEqualTo(bits("2030-07-01T00:00:00Z"));
    assertThat(at(linear, "2030-06-30T12:00:00Z")).isEqualTo(bits("2030-06-30T12:00:00Z"));
    // Noon after, UTC: the free-running clock reads 12:00:01.
    assertThat(at(linear, "2030-07-01T12:00:01Z")).isEqualTo(bits("2030-07-01T12:00:00Z"));
    for (String t : List.of("2030-06-30T00:00:00Z", "2030-06-30T18:00:00Z", "2030-07-01T00:00:00.5Z", "2030-07-02T00:00:00Z")) {
      assertThat(leapAt(linear, t)).as(t).isEqualTo(LeapIndicator.NO_WARNING);
    }
    TimeSource sls = LeapSecondTimeSource.smearing(freeRunning, FAKE, SET_AT, LeapSmear.UTC_SLS, ExpiryPolicy.STRICT);
    // UTC 23:59:60.0: 1000 * 1000/1001 s after 23:43:20 = 23:59:59.000999000.
    assertThat(at(sls, "2030-07-01T00:00:00Z")).isEqualTo(bits("2030-06-30T23:59:59.000999000Z"));
    assertThat(at(sls, "2030-07-01T00:00:01Z")).isEqualTo(bits("2030-07-01T00:00:00Z"));
    assertThat(leapAt(sls, "2030-06-30T23:59:59Z")).isEqualTo(LeapIndicator.NO_WARNING);
  }

  /** Law: the smearing source serves the library's smear of the UTC the free-running clock stands for. */
  @Property(tries = 300)
  void smearingAgreesWithLeapSmear(@ForAll @LongRange(min = -100_000_000_000_000L, max = 100_000_000_000_000L) long nanosFromLeap,
      @ForAll boolean linear) {
    LeapSmear smear = linear ? LeapSmear.LINEAR_24H : LeapSmear.UTC_SLS;
    TimeSource s = LeapSecondTimeSource.smearing(freeRunning, FAKE, SET_AT, smear, ExpiryPolicy.STRICT);
    // Free-running readings from the start of the leap second on are one second ahead of UTC labels.
    Instant leapStart = Instant.parse("2030-07-01T00:00:00Z");
    Instant delegate = leapStart.plusNanos(nanosFromLeap);
    UtcReading utc;
    if (delegate.isBefore(leapStart)) {
      utc = UtcReading.of(delegate);
    } else if (delegate.isBefore(leapStart.plusSeconds(1))) {
      utc = new UtcReading(delegate.minusSeconds(1), true);
    } else {
      utc = UtcReading.of(delegate.minusSeconds(1));
    }
    Instant expected = smear.toSmeared(utc, FAKE);
    hands.now = delegate;
    long served = s.nowBits();
    // The source works on the delegate's NTP bits: the smear of a reading floored to the nanosecond,
    // rounded once to the nearest 2^-32 s.
    assertThat(served).isEqualTo(NtpTimestamp.bitsOf(expected.getEpochSecond(), expected.getNano()));
  }

  /** Law: in every mode the served time never runs backwards while the free-running clock runs on. */
  @Property(tries = 100)
  void neverBackwards(@ForAll @Size(min = 2, max = 40) List<@LongRange(min = 0, max = 3_000_000_000L) Long> steps,
      @ForAll @LongRange(min = -2_000_000_000L, max = 1_000_000_000L) long from) {
    List<TimeSource> sources = List.of(
        LeapSecondTimeSource.inserting(freeRunning, FAKE, SET_AT, ExpiryPolicy.STRICT),
        LeapSecondTimeSource.smearing(freeRunning, FAKE, SET_AT, LeapSmear.LINEAR_24H, ExpiryPolicy.STRICT),
        LeapSecondTimeSource.smearing(freeRunning, FAKE, SET_AT, LeapSmear.UTC_SLS, ExpiryPolicy.STRICT));
    for (TimeSource s : sources) {
      Instant t = Instant.parse("2030-07-01T00:00:00Z").plusNanos(from);
      long last = Long.MIN_VALUE;
      for (long step : steps) {
        t = t.plusNanos(step / 100);
        hands.now = t;
        long served = s.nowBits();
        if (last != Long.MIN_VALUE) {
          assertThat(Long.compareUnsigned(served, last)).as("at %s", t).isGreaterThanOrEqualTo(0);
        }
        last = served;
      }
    }
  }

  @Test
  void afterTheExpiryStrictSaysUnsynchronizedAndAssumingServes() {
    TimeSource strict = LeapSecondTimeSource.inserting(freeRunning, FAKE, SET_AT, ExpiryPolicy.STRICT);
    TimeSource assuming = LeapSecondTimeSource.inserting(freeRunning, FAKE, SET_AT, ExpiryPolicy.ASSUME_NO_LEAP_SECOND);
    // Mid-January after the 2031-01-01 expiry no leap second can occur yet: certain either way.
    assertThat(leapAt(strict, "2031-01-15T00:00:01Z")).isEqualTo(LeapIndicator.NO_WARNING);
    // The last day of January could carry an unannounced leap second.
    assertThat(leapAt(strict, "2031-01-31T12:00:01Z")).isEqualTo(LeapIndicator.UNSYNCHRONIZED);
    assertThat(strict.status().stratum()).isEqualTo(16);
    assertThat(leapAt(assuming, "2031-01-31T12:00:01Z")).isEqualTo(LeapIndicator.NO_WARNING);
    TimeSource smearStrict = LeapSecondTimeSource.smearing(freeRunning, FAKE, SET_AT, LeapSmear.LINEAR_24H, ExpiryPolicy.STRICT);
    assertThat(leapAt(smearStrict, "2031-01-31T00:00:01Z")).isEqualTo(LeapIndicator.NO_WARNING);
    assertThat(leapAt(smearStrict, "2031-01-31T12:00:01Z")).isEqualTo(LeapIndicator.UNSYNCHRONIZED);
  }

  @Test
  void anUnsynchronizedDelegatePassesThrough() {
    TimeSource unsynchronized = SystemTimeSource.create(hands, TimeSourceStatus.unsynchronized(-20));
    TimeSource s = LeapSecondTimeSource.smearing(unsynchronized, FAKE, SET_AT, LeapSmear.UTC_SLS, ExpiryPolicy.STRICT);
    assertThat(s.status()).isSameAs(unsynchronized.status());
  }

  @Test
  void theStatusIsCachedWithinADay() {
    TimeSource s = LeapSecondTimeSource.inserting(freeRunning, FAKE, SET_AT, ExpiryPolicy.STRICT);
    hands.now = Instant.parse("2030-06-30T01:00:00Z");
    TimeSourceStatus first = s.status();
    hands.now = Instant.parse("2030-06-30T22:00:00Z");
    assertThat(s.status()).isSameAs(first);
    assertThat(first.referenceId()).isEqualTo(ReferenceId.ofAscii("GPS"));
  }
}
