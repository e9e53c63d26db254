package org.ntpclock.epoch.testing;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.ntpclock.core.testing.NtpArbitraries;
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
   * UTC instants a table converts: from its first entry to one day before its expiry, with the
   * seconds around every leap second as edge cases.
   *
   * @param table the leap-second table
   * @return instants
   */
  public static Arbitrary<Instant> instantsInTable(LeapSecondTable table) {
    long from = table.entries().get(0).start().getEpochSecond();
    long to = table.expires().getEpochSecond() - 86_400;
    return NtpArbitraries.instantsBetween(from, to).edgeCases(config -> {
      for (LeapSecondTable.LeapSecond leap : table.leapSeconds()) {
        config.add(leap.end().minusNanos(1)).add(leap.end());
      }
    });
  }

  /**
   * GPS times whose UTC instants the table converts: from the later of the GPS epoch and the
   * table's first entry to one day before the table's expiry, including any inside leap seconds.
   *
   * @param table the leap-second table
   * @return GPS times
   */
  public static Arbitrary<GpsTime> gpsTimes(LeapSecondTable table) {
    Instant first = table.entries().get(0).start();
    Instant from = first.isAfter(Epoch.GPS.origin()) ? first : Epoch.GPS.origin();
    long lo = GpsTime.fromInstant(from, table).toGpsSeconds();
    long hi = GpsTime.fromInstant(table.expires().minusSeconds(86_400), table).toGpsSeconds();
    return Arbitraries.longs().between(lo, hi)
        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> GpsTime.ofGpsSeconds(s, n)))
        .edgeCases(config -> config.add(GpsTime.of(1024, 0)).add(GpsTime.of(2048, 0)).add(GpsTime.of(2047, 604_799, 999_999_999)));
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
