package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ntpclock.testing.NtpArbitraries;
import org.ntpclock.testing.EpochArbitraries;

/** Tuple <-> instant and port seconds <-> instant round trips. */
class MicroPythonProperties {
  @Provide
  Arbitrary<Instant> instants() {
    return NtpArbitraries.instants1900To2200();
  }

  @Provide
  Arbitrary<MicroPythonTimeTuple> timeTuples() {
    return EpochArbitraries.timeTuples();
  }

  @Provide
  Arbitrary<MicroPythonRtcTuple> rtcTuples() {
    return EpochArbitraries.rtcTuples();
  }

  @Property(tries = 1000)
  void instantToTimeTupleAndBackTruncatesToTheSecond(@ForAll("instants") Instant t) {
    MicroPythonTimeTuple tuple = MicroPythonTimeTuple.fromInstant(t);
    assertThat(tuple.toInstant()).isEqualTo(Instant.ofEpochSecond(t.getEpochSecond()));
  }

  @Property(tries = 1000)
  void timeTupleToInstantAndBackIsIdentity(@ForAll("timeTuples") MicroPythonTimeTuple tuple) {
    assertThat(MicroPythonTimeTuple.fromInstant(tuple.toInstant())).isEqualTo(tuple);
    assertThat(MicroPythonTimeTuple.fromArray(tuple.toArray())).isEqualTo(tuple);
  }

  @Property(tries = 1000)
  void rtcTupleToInstantAndBackKeepsAllButSubseconds(@ForAll("rtcTuples") MicroPythonRtcTuple tuple) {
    MicroPythonRtcTuple back = MicroPythonRtcTuple.fromInstant(tuple.toInstant(), tuple.weekdayBase());
    assertThat(back.subseconds()).isZero();
    assertThat(MicroPythonRtcTuple.of(back.toLocalDateTime(), tuple.subseconds(), tuple.weekdayBase())).isEqualTo(tuple);
    assertThat(MicroPythonRtcTuple.fromArray(tuple.weekdayBase(), tuple.toArray())).isEqualTo(tuple);
    assertThat(MicroPythonRtcTuple.fromTimeTuple(tuple.toTimeTuple(), tuple.weekdayBase()).toInstant()).isEqualTo(tuple.toInstant());
  }

  @Property(tries = 1000)
  void portSecondsRoundTrip(@ForAll MicroPythonEpoch epoch, @ForAll("instants") Instant t) {
    long seconds = epoch.toSeconds(t);
    assertThat(epoch.toInstant(seconds)).isEqualTo(Instant.ofEpochSecond(t.getEpochSecond()));
    assertThat(MicroPythonTimeTuple.fromSeconds(seconds, epoch).toSeconds(epoch)).isEqualTo(seconds);
  }

  @Property(tries = 500)
  void bothEpochsDescribeTheSameTupleFromDifferentCounts(@ForAll("guaranteedRange") long seconds2000) {
    Instant t = MicroPythonEpoch.Y2000.toInstant(seconds2000);
    long seconds1970 = MicroPythonEpoch.Y1970.toSeconds(t);
    assertThat(seconds1970 - seconds2000).isEqualTo(946_684_800L);
    assertThat(MicroPythonTimeTuple.fromSeconds(seconds1970, MicroPythonEpoch.Y1970))
        .isEqualTo(MicroPythonTimeTuple.fromSeconds(seconds2000, MicroPythonEpoch.Y2000));
  }

  @Provide
  Arbitrary<Long> guaranteedRange() {
    return EpochArbitraries.microPythonSeconds(MicroPythonEpoch.Y2000);
  }
}
