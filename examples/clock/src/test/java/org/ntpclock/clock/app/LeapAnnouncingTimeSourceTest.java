package org.ntpclock.clock.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.epoch.LeapSecondTable;

class LeapAnnouncingTimeSourceTest {
  private static LeapAnnouncingTimeSource at(String instant) {
    return LeapAnnouncingTimeSource.of(
        SystemTimeSource.create(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)), LeapSecondTable.bundled());
  }

  @Test
  void announcesTheLastLeapSecondThroughoutItsDay() {
    // The leap second 2016-12-31T23:59:60Z: LI 1 all that UTC day, not the day before or after.
    assertThat(at("2016-12-31T00:00:00Z").status().leap()).isEqualTo(LeapIndicator.LAST_MINUTE_61);
    assertThat(at("2016-12-31T23:59:59.999Z").status().leap()).isEqualTo(LeapIndicator.LAST_MINUTE_61);
    assertThat(at("2016-12-30T23:59:59Z").status().leap()).isEqualTo(LeapIndicator.NO_WARNING);
    assertThat(at("2017-01-01T00:00:00Z").status().leap()).isEqualTo(LeapIndicator.NO_WARNING);
  }

  @Test
  void afterTheTableExpiresTheSourcesOwnIndicatorStays() {
    assertThat(at("2030-06-30T12:00:00Z").status().leap()).isEqualTo(LeapIndicator.NO_WARNING);
  }

  @Test
  void unsynchronizedPassesThrough() {
    LeapAnnouncingTimeSource source = LeapAnnouncingTimeSource.of(SystemTimeSource.create(
        Clock.fixed(Instant.parse("2016-12-31T12:00:00Z"), ZoneOffset.UTC), TimeSourceStatus.unsynchronized(-20)),
        LeapSecondTable.bundled());
    assertThat(source.status().isSynchronized()).isFalse();
  }

  /** Law: the announcement is exactly the table's indicator for the instant's UTC day. */
  @Property(tries = 300)
  void agreesWithTheTableForEveryDay(@ForAll @LongRange(min = 63_072_000L, max = 1_813_000_000L) long posixSecond) {
    Instant instant = Instant.ofEpochSecond(posixSecond);
    LeapAnnouncingTimeSource source = LeapAnnouncingTimeSource.of(
        SystemTimeSource.create(Clock.fixed(instant, ZoneOffset.UTC)), LeapSecondTable.bundled());
    LeapIndicator expected = LeapSecondTable.bundled().leapIndicatorAt(instant).orElse(LeapIndicator.NO_WARNING);
    assertThat(source.status().leap()).isEqualTo(expected);
  }

  @Test
  void sameStatusInstanceWithinADay() {
    LeapAnnouncingTimeSource source = at("2016-12-31T10:00:00Z");
    assertThat(source.status()).isSameAs(source.status());
  }
}
