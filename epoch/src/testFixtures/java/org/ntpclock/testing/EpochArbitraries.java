package org.ntpclock.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.ntpclock.epoch.Epoch;
import org.ntpclock.epoch.GpsTime;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.MicroPythonEpoch;
import org.ntpclock.epoch.MicroPythonRtcTuple;
import org.ntpclock.epoch.MicroPythonTimeTuple;

/**
 * jqwik arbitraries for the epoch types, published in the epoch test-jar so that other projects'
 * property suites can reuse them. Leap-second boundaries, the GPS week rollovers and MicroPython's
 * range limits are mixed in as edge cases.
 */
public final class EpochArbitraries {
  /** 1970-01-01, the start of MicroPython's guaranteed range. */
  public static final Instant Y1970 = Instant.EPOCH;
  /** 2100-01-01, the exclusive end of MicroPython's guaranteed range (1970..2099). */
  public static final Instant Y2100 = Instant.parse("2100-01-01T00:00:00Z");

  private EpochArbitraries() {}

  /**
   * The built-in epochs.
   *
   * @return NTP, POSIX, GPS and MicroPython 2000
   */
  public static Arbitrary<Epoch> epochs() {
    return Arbitraries.of(Epoch.NTP, Epoch.POSIX, Epoch.GPS, Epoch.MICROPYTHON_2000);
  }

  /**
   * UTC instants a table converts: from its first entry to one day before its expiry; one in ten
   * is a nanosecond either side of a leap second's end.
   *
   * @param table the leap-second table
   * @return instants
   */
  public static Arbitrary<Instant> instantsInTable(LeapSecondTable table) {
    return instantsInTable(table, table.entries().get(0).start());
  }

  /**
   * UTC instants a table converts from {@code from} on, as {@link #instantsInTable(LeapSecondTable)}.
   *
   * @param table the leap-second table
   * @param from the earliest instant, at or after the table's first entry
   * @return instants
   */
  public static Arbitrary<Instant> instantsInTable(LeapSecondTable table, Instant from) {
    long to = table.expires().getEpochSecond() - 86_400;
    List<Instant> edges = new ArrayList<>();
    for (LeapSecondTable.LeapSecond leap : table.leapSeconds()) {
      if (leap.end().isAfter(from)) {
        edges.add(leap.end().minusNanos(1));
        edges.add(leap.end());
      }
    }
    Arbitrary<Instant> uniform = NtpArbitraries.instantsBetween(from.getEpochSecond(), to);
    // Listed values rather than jqwik edge cases: cheap to generate, and they recur in every run.
    return edges.isEmpty() ? uniform : Arbitraries.frequencyOf(Tuple.of(9, uniform), Tuple.of(1, Arbitraries.of(edges)));
  }

  /**
   * GPS times whose UTC instants the table converts: from the later of the GPS epoch and the
   * table's first entry to one day before the table's expiry. One in ten is inside or next to a
   * leap second, or at a 10-bit week rollover.
   *
   * @param table the leap-second table
   * @return GPS times
   */
  public static Arbitrary<GpsTime> gpsTimes(LeapSecondTable table) {
    Instant first = table.entries().get(0).start();
    Instant from = first.isAfter(Epoch.GPS.origin()) ? first : Epoch.GPS.origin();
    long lo = GpsTime.fromInstant(from, table).toGpsSeconds();
    long hi = GpsTime.fromInstant(table.expires().minusSeconds(86_400), table).toGpsSeconds();
    List<GpsTime> edges = new ArrayList<>();
    for (LeapSecondTable.LeapSecond leap : table.leapSeconds()) {
      if (leap.end().isAfter(from)) {
        long next = GpsTime.fromInstant(leap.end(), table).toGpsSeconds();
        // For an inserted leap second, next - 1 is 23:59:60; for a deleted one, next - 1 is 23:59:58.
        edges.add(GpsTime.ofGpsSeconds(next - 2, 999_999_999));
        edges.add(GpsTime.ofGpsSeconds(next - 1, 0));
        edges.add(GpsTime.ofGpsSeconds(next - 1, 500_000_000));
        edges.add(GpsTime.ofGpsSeconds(next, 0));
      }
    }
    for (int week = 1024; (long) week * GpsTime.SECONDS_PER_WEEK <= hi; week += 1024) {
      edges.add(GpsTime.of(week, 0));
      edges.add(GpsTime.of(week - 1, GpsTime.SECONDS_PER_WEEK - 1, 999_999_999));
    }
    Arbitrary<GpsTime> uniform = Arbitraries.longs().between(lo, hi).flatMap(
        s -> Arbitraries.integers().between(0, 999_999_999).map(n -> GpsTime.ofGpsSeconds(s, n)));
    return Arbitraries.frequencyOf(Tuple.of(9, uniform), Tuple.of(1, Arbitraries.of(edges)));
  }

  /**
   * GPS times the bundled table converts.
   *
   * @return GPS times
   */
  public static Arbitrary<GpsTime> gpsTimes() {
    return gpsTimes(LeapSecondTable.bundled());
  }

  /**
   * Broadcast week-number widths: 10 (LNAV) and 13 (CNAV) bits.
   *
   * @return 10 or 13
   */
  public static Arbitrary<Integer> weekNumberBits() {
    return Arbitraries.of(10, 13);
  }

  /**
   * A port's time in seconds within MicroPython's guaranteed range 1970..2099 (negative before
   * 2000 on 2000-epoch ports), with the range ends and the epoch itself as edge cases.
   *
   * @param epoch the port's epoch
   * @return seconds since the port's epoch
   */
  public static Arbitrary<Long> microPythonSeconds(MicroPythonEpoch epoch) {
    long lo = epoch.toSeconds(Y1970);
    long hi = epoch.toSeconds(Y2100) - 1;
    return Arbitraries.longs().between(lo, hi).edgeCases(config -> config.add(lo).add(hi).add(0L));
  }

  /**
   * Either MicroPython epoch.
   *
   * @return 1970 or 2000
   */
  public static Arbitrary<MicroPythonEpoch> microPythonEpochs() {
    return Arbitraries.of(MicroPythonEpoch.class);
  }

  /**
   * Valid {@code time.gmtime()} tuples for whole-second instants in 1900..2199, leap days included.
   *
   * @return tuples
   */
  public static Arbitrary<MicroPythonTimeTuple> timeTuples() {
    return NtpArbitraries.instants1900To2200().map(MicroPythonTimeTuple::fromInstant)
        .edgeCases(config -> config.add(MicroPythonTimeTuple.fromInstant(Instant.parse("2000-02-29T23:59:59Z")))
            .add(MicroPythonTimeTuple.fromInstant(Instant.parse("2099-12-31T23:59:59Z"))));
  }

  /**
   * Valid {@code RTC.datetime()} tuples for whole-second instants in 1900..2199, either weekday
   * base, subseconds 0..255.
   *
   * @return tuples
   */
  public static Arbitrary<MicroPythonRtcTuple> rtcTuples() {
    return NtpArbitraries.instants1900To2200().flatMap(i -> Arbitraries.of(MicroPythonRtcTuple.WeekdayBase.class)
        .flatMap(base -> Arbitraries.integers().between(0, 255)
            .map(sub -> MicroPythonRtcTuple.of(MicroPythonTimeTuple.fromInstant(i).toLocalDateTime(), sub, base))));
  }
}
