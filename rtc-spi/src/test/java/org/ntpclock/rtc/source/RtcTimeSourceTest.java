package org.ntpclock.rtc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.testing.ManualRealTimeClock;

class RtcTimeSourceTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00.250Z");

  /** Served time minus true time, in nanoseconds. */
  static long errorNanos(RtcTimeSource source, ManualRealTimeClock rtc) {
    long bits = source.nowBits();
    Instant served = NtpTimestamp.ofBits(bits).toInstant();
    return Duration.between(rtc.trueTime(), served).toNanos();
  }

  static long dispersionNanos(TimeSourceStatus status) {
    return status.rootDispersion().toDuration().toNanos();
  }

  @Test
  void unsynchronizedBeforeTheFirstRefresh() {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    assertThat(source.status()).isEqualTo(TimeSourceStatus.unsynchronized(RtcTimeSource.DEFAULT_PRECISION));
    assertThat(source.nowBits()).isZero();
  }

  @Test
  void oscillatorStoppedIsNeverServedAsGood() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    source.refresh();
    assertThat(source.status().isSynchronized()).isTrue();
    rtc.setValidity(RtcReading.Validity.OSCILLATOR_STOPPED);
    RtcReading r = source.refresh();
    assertThat(r.isTrusted()).isFalse();
    assertThat(source.status().leap()).isEqualTo(LeapIndicator.UNSYNCHRONIZED);
    assertThat(source.status().stratum()).isEqualTo(16);
    assertThat(source.nowBits()).isZero();
    rtc.setValidity(RtcReading.Validity.VALID);
    source.refresh();
    assertThat(source.status().isSynchronized()).isTrue();
  }

  @Test
  void midpointServesWithinItsDispersionAndDefaults() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    source.refresh();
    TimeSourceStatus s = source.status();
    assertThat(s.stratum()).isEqualTo(10);
    assertThat(s.referenceId()).isEqualTo(ReferenceId.ofBits(0x7F7F0101));
    assertThat(s.leap()).isEqualTo(LeapIndicator.NO_WARNING);
    // 0.5 s for the whole-second counter plus half the 2 ms read.
    assertThat(dispersionNanos(s)).isBetween(501_000_000L, 501_100_000L);
    assertThat(s.referenceTime().toInstant()).isEqualTo(Instant.parse("2026-11-21T10:00:00.500Z"));
    assertThat(Math.abs(errorNanos(source, rtc))).isLessThanOrEqualTo(dispersionNanos(s));
    rtc.advance(Duration.ofNanos(5_000_000_000L));
    assertThat(Math.abs(errorNanos(source, rtc))).as("extrapolated on the ticker").isLessThanOrEqualTo(dispersionNanos(s));
    assertThat(source.status()).as("same instance while nothing changes").isSameAs(s);
  }

  @Property(tries = 300)
  void midpointErrorIsBoundedByDispersion(@ForAll @LongRange(min = 0, max = 999_999_999) long phase,
      @ForAll @LongRange(min = 0, max = 20_000_000) long latency, @ForAll @LongRange(min = 0, max = 600_000_000_000L) long later)
      throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(Instant.parse("2030-06-30T23:59:58Z").plusNanos(phase));
    rtc.setReadLatency(Duration.ofNanos(latency));
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    source.refresh();
    rtc.advance(Duration.ofNanos(later));
    assertThat(Math.abs(errorNanos(source, rtc))).isLessThanOrEqualTo(dispersionNanos(source.status()));
  }

  @Property(tries = 300)
  void edgeSearchPinsTheSecondToOneRead(@ForAll @LongRange(min = 0, max = 999_999_999) long phase,
      @ForAll @LongRange(min = 1_000, max = 5_000_000) long latency) throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(Instant.parse("2036-02-07T06:28:15Z").plusNanos(phase));
    rtc.setReadLatency(Duration.ofNanos(latency));
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).alignment(AnchoredRtcTimeSource.Alignment.EDGE_SEARCH).build();
    source.refresh();
    long dispersion = dispersionNanos(source.status());
    assertThat(dispersion).isLessThanOrEqualTo(latency + 16_000); // plus the 2^-16 s rounding of the short format
    assertThat(Math.abs(errorNanos(source, rtc))).isLessThanOrEqualTo(dispersion);
    rtc.advance(Duration.ofNanos(1_000_000_000L)); // across the 2036 era boundary
    assertThat(Math.abs(errorNanos(source, rtc))).isLessThanOrEqualTo(dispersion);
  }

  /** The ticker reading of the manual clock's first second edge at or after tick 0, plus whole seconds. */
  static long edgeTick(Instant origin, long seconds) {
    return Math.floorMod(-origin.getNano(), 1_000_000_000L) + seconds * 1_000_000_000L;
  }

  @Property(tries = 300)
  void anExactEdgeWithinTheSearchBracketMakesTheServedTimeExact(@ForAll @LongRange(min = 0, max = 999_999_999) long phase,
      @ForAll @LongRange(min = 1_000, max = 5_000_000) long latency, @ForAll @LongRange(min = -3, max = 60) long edgeSeconds)
      throws Exception {
    Instant origin = Instant.parse("2036-02-07T06:28:15Z").plusNanos(phase);
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(origin);
    rtc.setReadLatency(Duration.ofNanos(latency));
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).alignment(AnchoredRtcTimeSource.Alignment.EDGE_SEARCH).build();
    source.refresh();
    // Any edge of the square wave, before or after the search's: it is matched by whole seconds.
    assertThat(source.alignToEdge(edgeTick(origin, edgeSeconds), Duration.ZERO)).isTrue();
    assertThat(Math.abs(errorNanos(source, rtc))).as("exact up to the 2^-32 s wire unit").isLessThanOrEqualTo(1);
    assertThat(dispersionNanos(source.status())).isZero();
    rtc.advance(Duration.ofNanos(1_000_000_000L + latency)); // across the 2036 era boundary
    assertThat(Math.abs(errorNanos(source, rtc))).isLessThanOrEqualTo(1);
  }

  @Property(tries = 300)
  void anEdgeOutsideTheSearchBracketNeverRelabelsOrShiftsTheTime(@ForAll @LongRange(min = 0, max = 999_999_999) long phase,
      @ForAll @LongRange(min = 1_000, max = 5_000_000) long latency,
      @ForAll @LongRange(min = 20_000_000, max = 980_000_000) long off) throws Exception {
    Instant origin = Instant.parse("2026-11-21T10:00:00Z").plusNanos(phase);
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(origin);
    rtc.setReadLatency(Duration.ofNanos(latency));
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).alignment(AnchoredRtcTimeSource.Alignment.EDGE_SEARCH).build();
    source.refresh();
    TimeSourceStatus before = source.status();
    long error = errorNanos(source, rtc);
    // An edge a fraction of a second off the real ones (a glitch, another clock's wave) is refused.
    assertThat(source.alignToEdge(edgeTick(origin, 1) + off, Duration.ZERO)).isFalse();
    assertThat(errorNanos(source, rtc)).isEqualTo(error);
    assertThat(source.status()).isSameAs(before);
  }

  @Test
  void onlyAnEdgeSearchAnchorCanBeAlignedToAnEdge() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
    AnchoredRtcTimeSource midpoint = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    assertThat(midpoint.alignToEdge(edgeTick(T0, 1), Duration.ZERO)).as("before the first refresh").isFalse();
    midpoint.refresh();
    assertThat(midpoint.alignToEdge(edgeTick(T0, 1), Duration.ZERO)).as("a midpoint anchor has no edge").isFalse();
    AnchoredRtcTimeSource search = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).alignment(AnchoredRtcTimeSource.Alignment.EDGE_SEARCH).build();
    search.refresh();
    rtc.setValidity(RtcReading.Validity.OSCILLATOR_STOPPED);
    search.refresh();
    assertThat(search.alignToEdge(edgeTick(T0, 2), Duration.ZERO)).as("an untrusted clock").isFalse();
    assertThat(search.nowBits()).isZero();
    assertThatThrownBy(() -> search.alignToEdge(0, Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAlignedEdgeServesItsOwnUncertaintyAsDispersion() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
    rtc.setReadLatency(Duration.ofMillis(3));
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).alignment(AnchoredRtcTimeSource.Alignment.EDGE_SEARCH).build();
    source.refresh();
    assertThat(dispersionNanos(source.status())).isGreaterThanOrEqualTo(3_000_000L);
    assertThat(source.alignToEdge(edgeTick(T0, 1), Duration.ofMillis(1))).isTrue();
    // 1 ms rounded up to the 2^-16 s short format.
    assertThat(dispersionNanos(source.status())).isBetween(1_000_000L, 1_016_000L);
    assertThat(source.alignToEdge(edgeTick(T0, 1) + 2_000_000L, Duration.ZERO))
        .as("once aligned, the edge's own uncertainty bounds the next one").isFalse();
  }

  @Test
  void edgeSearchDeclaresAStuckClockUntrusted() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).alignment(AnchoredRtcTimeSource.Alignment.EDGE_SEARCH).build();
    source.refresh();
    assertThat(source.status().isSynchronized()).isTrue();
    rtc.setRunning(false);
    assertThatThrownBy(source::refresh)
        .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.TIME_INVALID));
    assertThat(source.status().isSynchronized()).isFalse();
    assertThat(source.nowBits()).isZero();
    assertThat(source.lastFailure()).isPresent();
  }

  @Test
  void aBusErrorKeepsTheAnchorUntilItIsTooOld() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker()).maxAge(Duration.ofMinutes(2)).build();
    source.refresh();
    rtc.advance(Duration.ofNanos(60_000_000_000L));
    rtc.failNext(1);
    assertThatThrownBy(source::refresh).isInstanceOf(DeviceException.class);
    assertThat(source.lastFailure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(DeviceException.Reason.BUS_ERROR));
    assertThat(source.status().isSynchronized()).isTrue();
    assertThat(source.nowBits()).isNotZero();
    rtc.advance(Duration.ofNanos(60_000_000_000L));
    assertThat(source.status().isSynchronized()).as("anchor two minutes old").isFalse();
    assertThat(source.nowBits()).isZero();
    source.refresh();
    assertThat(source.lastFailure()).isEmpty();
    assertThat(source.status().isSynchronized()).isTrue();
  }

  @Test
  void aClockWithoutAValidDateStopsServingAtOnce() throws Exception {
    ManualRealTimeClock good = ManualRealTimeClock.startingAt(T0);
    RealTimeClock garbage = new RealTimeClock() {
      boolean broken;

      @Override
      public RtcReading read() throws DeviceException {
        if (broken) {
          throw new DeviceException(DeviceException.Reason.TIME_INVALID, "registers hold no date");
        }
        broken = true;
        return good.read();
      }

      @Override
      public void set(Instant time) {}

      @Override
      public Duration resolution() {
        return good.resolution();
      }
    };
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(garbage).ticker(good.ticker()).build();
    source.refresh();
    assertThat(source.status().isSynchronized()).isTrue();
    assertThatThrownBy(source::refresh).isInstanceOf(DeviceException.class);
    assertThat(source.status().isSynchronized()).isFalse();
    assertThat(source.nowBits()).isZero();
  }

  @Test
  void configurableStatus() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
    rtc.setResolution(Duration.ofNanos(1000));
    AnchoredRtcTimeSource source = AnchoredRtcTimeSource.builder(rtc).ticker(rtc.ticker())
        .stratum(2).referenceId(ReferenceId.ofAscii("RTC")).precision(-10).build();
    source.refresh();
    assertThat(source.status().stratum()).isEqualTo(2);
    assertThat(source.status().referenceId()).isEqualTo(ReferenceId.ofAscii("RTC"));
    assertThat(source.status().precision()).isEqualTo(-10);
    assertThat(dispersionNanos(source.status())).as("a fine clock has a small dispersion").isLessThan(1_100_000L);
    assertThatThrownBy(() -> AnchoredRtcTimeSource.builder(rtc).stratum(16)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnchoredRtcTimeSource.builder(rtc).maxAge(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secondEdgesAreLabelledFromTheRtcAndFollowed() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(Instant.parse("2026-11-21T10:00:00.300Z"));
    EdgeDrivenRtcTimeSource source = EdgeDrivenRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    assertThat(source.onSecondEdge(rtc.tick())).as("no reading yet, no label").isFalse();
    source.refresh(); // reads 10:00:00 at about .301
    assertThat(source.status().isSynchronized()).as("no edge yet").isFalse();
    rtc.setTick(700_000_000L); // 10:00:01.000 exactly
    assertThat(source.onSecondEdge(rtc.tick())).isTrue();
    assertThat(source.status().isSynchronized()).isTrue();
    assertThat(errorNanos(source, rtc)).isZero();
    rtc.advance(Duration.ofNanos(400_000_000L));
    assertThat(errorNanos(source, rtc)).isZero();
    // The next edges are labelled from the previous one, even with one missing.
    rtc.setTick(2_700_000_000L);
    assertThat(source.onSecondEdge(rtc.tick())).isTrue();
    assertThat(NtpTimestamp.ofBits(source.nowBits()).toInstant()).isEqualTo(Instant.parse("2026-11-21T10:00:03Z"));
    // A glitch half a second off the grid is dropped.
    assertThat(source.onSecondEdge(rtc.tick() + 500_000_000L)).isFalse();
    // Edges stop: holdover, then unsynchronized (TopOfSecondClock's 60 s default).
    rtc.advance(Duration.ofNanos(61_000_000_000L));
    assertThat(source.status().isSynchronized()).isFalse();
    assertThat(source.nowBits()).isZero();
  }

  @Test
  void anEdgeDuringTheReadIsAmbiguousAndDropped() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(Instant.parse("2026-11-21T10:00:00.999Z"));
    EdgeDrivenRtcTimeSource source = EdgeDrivenRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    source.refresh(); // latched at .000 of the next second, or just before: cannot tell
    assertThat(source.onSecondEdge(1_000_000L)).isFalse();
    rtc.setTick(1_001_000_000L);
    assertThat(source.onSecondEdge(rtc.tick())).as("still a whole second after the read").isFalse();
    assertThat(source.status().isSynchronized()).isFalse();
    rtc.setTick(1_500_000_000L);
    source.refresh(); // mid-second: unambiguous
    rtc.setTick(2_001_000_000L);
    assertThat(source.onSecondEdge(rtc.tick())).isTrue();
    assertThat(errorNanos(source, rtc)).isZero();
  }

  @Test
  void aSetRtcRelabelsTheEdges() throws Exception {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(Instant.parse("2026-11-21T10:00:00.500Z"));
    EdgeDrivenRtcTimeSource source = EdgeDrivenRtcTimeSource.builder(rtc).ticker(rtc.ticker()).build();
    source.refresh();
    rtc.setTick(500_000_000L);
    assertThat(source.onSecondEdge(rtc.tick())).isTrue();
    // The RTC is set back one hour, keeping its phase; the next refresh disagrees with the labels.
    rtc.setTick(1_300_000_000L);
    rtc.set(rtc.trueTime().minus(Duration.ofHours(1)));
    source.refresh();
    assertThat(source.status().isSynchronized()).as("labels dropped until the next edge").isFalse();
    rtc.setTick(1_500_000_000L);
    assertThat(source.onSecondEdge(rtc.tick())).isTrue();
    assertThat(NtpTimestamp.ofBits(source.nowBits()).toInstant()).isEqualTo(Instant.parse("2026-11-21T09:00:02Z"));
    assertThat(source.status().isSynchronized()).isTrue();
  }

  @Test
  void edgeLimitsAreChecked() {
    ManualRealTimeClock rtc = ManualRealTimeClock.startingAt(T0);
    EdgeDrivenRtcTimeSource.Builder b = EdgeDrivenRtcTimeSource.builder(rtc);
    assertThatThrownBy(() -> b.edgeLimits(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.edgeLimits(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.edgeLimits(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(b.edgeLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ZERO).build().status().isSynchronized())
        .isFalse();
  }
}
