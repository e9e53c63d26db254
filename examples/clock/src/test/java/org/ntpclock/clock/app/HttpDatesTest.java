package org.ntpclock.clock.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class HttpDatesTest {
  @Test
  void twoDigitDayInGmt() {
    // RFC 9110 section 5.6.7's example, and a one-digit day (which RFC_1123_DATE_TIME gets wrong).
    assertThat(HttpDates.format(Instant.parse("1994-11-06T08:49:37Z"))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(HttpDates.format(Instant.parse("2026-11-01T00:00:00.999Z"))).isEqualTo("Sun, 01 Nov 2026 00:00:00 GMT");
  }

  @Property(tries = 300)
  void parseInvertsFormatToTheSecond(@ForAll @LongRange(min = 0, max = 4_102_444_800L) long second, @ForAll @LongRange(min = 0, max = 999_999_999) long nano) {
    Instant instant = Instant.ofEpochSecond(second, nano);
    assertThat(HttpDates.parse(HttpDates.format(instant))).isEqualTo(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
