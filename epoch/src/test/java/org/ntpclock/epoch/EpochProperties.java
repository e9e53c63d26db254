package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ntpclock.testing.NtpArbitraries;
import org.ntpclock.testing.EpochArbitraries;

/** Epoch conversions round-trip exactly to the nanosecond over 1900..2200. */
class EpochProperties {
  @Provide
  Arbitrary<Instant> instants() {
    return NtpArbitraries.instants1900To2200();
  }

  @Provide
  Arbitrary<Epoch> epochs() {
    return EpochArbitraries.epochs();
  }

  @Property(tries = 2000)
  void durationRoundTripIsExact(@ForAll("instants") Instant t, @ForAll("epochs") Epoch epoch) {
    Duration since = epoch.toDuration(t);
    assertThat(epoch.toInstant(since)).isEqualTo(t);
    assertThat(epoch.toInstant(since.getSeconds(), since.getNano())).isEqualTo(t);
  }

  @Property(tries = 2000)
  void secondsAndNanosRoundTripIsExact(@ForAll("instants") Instant t, @ForAll("epochs") Epoch epoch) {
    long seconds = epoch.toSeconds(t);
    assertThat(epoch.toInstant(seconds, t.getNano())).isEqualTo(t);
    // Floor: the whole seconds never pass the instant, and the next second does.
    assertThat(epoch.toInstant(seconds)).isBeforeOrEqualTo(t);
    assertThat(epoch.toInstant(seconds + 1)).isAfter(t);
  }

  @Property(tries = 1000)
  void countsSinceTwoEpochsDifferByTheirOffset(@ForAll("instants") Instant t, @ForAll("epochs") Epoch a,
      @ForAll("epochs") Epoch b) {
    assertThat(a.toSeconds(t) - b.toSeconds(t)).isEqualTo(a.secondsUntil(b));
    assertThat(a.convert(a.toSeconds(t), b)).isEqualTo(b.toSeconds(t));
  }

  @Property(tries = 1000)
  void microPythonNanosRoundTripIsExact(@ForAll("instants") Instant t, @ForAll MicroPythonEpoch epoch) {
    assertThat(epoch.toInstantFromNanos(epoch.toNanos(t))).isEqualTo(t);
  }
}
