package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ntpclock.epoch.MicroPythonRtcTuple.WeekdayBase;

/** MicroPython epochs per port and the two 8-tuples (epoch 2000-01-01 on most ports, 1970 on Unix and some others). */
class MicroPythonTest {
  @Test
  void epochPerPortIsData() {
    for (String port : new String[] {"unix", "windows", "rp2", "mimxrt", "webassembly", "alif", "psoc-edge"}) {
      assertThat(MicroPythonEpoch.ofPort(port)).as(port).isEqualTo(MicroPythonEpoch.Y1970);
    }
    for (String port : new String[] {"esp32", "esp8266", "stm32", "samd", "nrf", "cc3200", "renesas-ra", "zephyr"}) {
      assertThat(MicroPythonEpoch.ofPort(port)).as(port).isEqualTo(MicroPythonEpoch.Y2000);
    }
    assertThat(MicroPythonEpoch.ofPort("RP2")).isEqualTo(MicroPythonEpoch.Y1970);
    assertThat(MicroPythonEpoch.ofGmtimeZeroYear(1970)).isEqualTo(MicroPythonEpoch.Y1970);
    assertThat(MicroPythonEpoch.ofGmtimeZeroYear(2000)).isEqualTo(MicroPythonEpoch.Y2000);
    assertThatThrownBy(() -> MicroPythonEpoch.ofGmtimeZeroYear(1900)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ntptimeDeltas() {
    // micropython-lib ntptime NTP_DELTA; micropython#4661: 3155673600 is right for 2000.
    assertThat(MicroPythonEpoch.Y2000.ntpDelta()).isEqualTo(3_155_673_600L);
    assertThat(MicroPythonEpoch.Y1970.ntpDelta()).isEqualTo(2_208_988_800L);
    // TIMEUTILS_SECONDS_1970_TO_2000.
    assertThat(MicroPythonEpoch.Y1970.toSeconds(MicroPythonEpoch.Y2000.toInstant(0))).isEqualTo(946_684_800L);
  }

  @Test
  void gmtimeOfZeroOnEachEpoch() {
    assertThat(MicroPythonTimeTuple.fromSeconds(0, MicroPythonEpoch.Y2000).toArray()).containsExactly(2000, 1, 1, 0, 0, 0, 5, 1);
    assertThat(MicroPythonTimeTuple.fromSeconds(0, MicroPythonEpoch.Y1970).toArray()).containsExactly(1970, 1, 1, 0, 0, 0, 3, 1);
    // ntptime's pivot 3913056000 = 2024-01-01T00:00:00Z, a Monday.
    MicroPythonTimeTuple pivot = MicroPythonTimeTuple.fromSeconds(3_913_056_000L - 3_155_673_600L, MicroPythonEpoch.Y2000);
    assertThat(pivot).hasToString("(2024, 1, 1, 0, 0, 0, 0, 1)");
    assertThat(pivot.toSeconds(MicroPythonEpoch.Y2000)).isEqualTo(757_382_400L);
    assertThat(pivot.toSeconds(MicroPythonEpoch.Y1970)).isEqualTo(1_704_067_200L);
  }

  @Test
  void yeardayAndLeapDays() {
    MicroPythonTimeTuple leapDay = MicroPythonTimeTuple.fromInstant(Instant.parse("2024-12-31T23:59:59.999Z"));
    assertThat(leapDay.toArray()).containsExactly(2024, 12, 31, 23, 59, 59, 1, 366);
    assertThat(leapDay.toInstant()).isEqualTo("2024-12-31T23:59:59Z");
    assertThat(MicroPythonTimeTuple.fromArray(2000, 2, 29, 12, 0, 0, 1, 60).toInstant()).isEqualTo("2000-02-29T12:00:00Z");
  }

  @Test
  void timeTupleFieldsAreValidatedByName() {
    assertInvalid("month", 2024, 13, 1, 0, 0, 0, 0, 1);
    assertInvalid("mday", 2023, 2, 29, 0, 0, 0, 2, 60);
    assertInvalid("mday", 2024, 4, 0, 0, 0, 0, 0, 1);
    assertInvalid("hour", 2024, 1, 1, 24, 0, 0, 0, 1);
    assertInvalid("minute", 2024, 1, 1, 0, 60, 0, 0, 1);
    assertInvalid("second", 2024, 1, 1, 0, 0, 60, 0, 1);
    assertInvalid("weekday", 2024, 1, 1, 0, 0, 0, 7, 1);
    assertInvalid("weekday", 2024, 1, 1, 0, 0, 0, 1, 1); // 2024-01-01 is a Monday (0)
    assertInvalid("yearday", 2024, 1, 1, 0, 0, 0, 0, 0);
    assertInvalid("yearday", 2023, 12, 31, 0, 0, 0, 6, 366); // 2023 has 365 days
    assertInvalid("yearday", 2024, 1, 2, 0, 0, 0, 1, 1);
    assertInvalid("year", 0, 1, 1, 0, 0, 0, 0, 1);
    assertThatThrownBy(() -> MicroPythonTimeTuple.fromArray(2024, 1, 1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8 items");
  }

  private static void assertInvalid(String field, int... values) {
    assertThatThrownBy(() -> MicroPythonTimeTuple.fromArray(values)).as(field)
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(field + " ");
  }

  @Test
  void rtcTupleWeekdayBaseAndNtptimeSettime() {
    MicroPythonTimeTuple tm = MicroPythonTimeTuple.fromInstant(Instant.parse("2026-11-21T10:30:15Z")); // a Saturday
    assertThat(tm.weekday()).isEqualTo(5);
    // ntptime.settime(): RTC().datetime((y, m, d, tm[6] + 1, h, mi, s, 0)).
    MicroPythonRtcTuple rtc = MicroPythonRtcTuple.fromTimeTuple(tm, WeekdayBase.MONDAY_IS_1);
    assertThat(rtc.toArray()).containsExactly(2026, 11, 21, 6, 10, 30, 15, 0);
    assertThat(rtc.toInstant()).isEqualTo("2026-11-21T10:30:15Z");
    assertThat(rtc.toTimeTuple()).isEqualTo(tm);
    assertThat(MicroPythonRtcTuple.fromInstant(tm.toInstant(), WeekdayBase.MONDAY_IS_0).weekday()).isEqualTo(5);
    assertThat(rtc).hasToString("(2026, 11, 21, 6, 10, 30, 15, 0) MONDAY_IS_1");
    // stm32 subseconds are carried, not interpreted.
    MicroPythonRtcTuple stm = MicroPythonRtcTuple.fromArray(WeekdayBase.MONDAY_IS_1, 2026, 11, 21, 6, 10, 30, 15, 200);
    assertThat(stm.subseconds()).isEqualTo(200);
    assertThat(stm.toInstant()).isEqualTo("2026-11-21T10:30:15Z");
  }

  @Test
  void rtcTupleFieldsAreValidatedByName() {
    assertRtcInvalid("month", WeekdayBase.MONDAY_IS_1, 2026, 0, 21, 6, 0, 0, 0, 0);
    assertRtcInvalid("day", WeekdayBase.MONDAY_IS_1, 2026, 11, 31, 6, 0, 0, 0, 0);
    assertRtcInvalid("weekday", WeekdayBase.MONDAY_IS_1, 2026, 11, 21, 0, 0, 0, 0, 0); // 0 not in 1..7
    assertRtcInvalid("weekday", WeekdayBase.MONDAY_IS_0, 2026, 11, 21, 7, 0, 0, 0, 0); // 7 not in 0..6
    assertRtcInvalid("weekday", WeekdayBase.MONDAY_IS_0, 2026, 11, 21, 6, 0, 0, 0, 0); // Saturday is 5
    assertRtcInvalid("hours", WeekdayBase.MONDAY_IS_1, 2026, 11, 21, 6, 24, 0, 0, 0);
    assertRtcInvalid("minutes", WeekdayBase.MONDAY_IS_1, 2026, 11, 21, 6, 0, 60, 0, 0);
    assertRtcInvalid("seconds", WeekdayBase.MONDAY_IS_1, 2026, 11, 21, 6, 0, 0, 60, 0);
    assertRtcInvalid("subseconds", WeekdayBase.MONDAY_IS_1, 2026, 11, 21, 6, 0, 0, 0, -1);
    assertRtcInvalid("year", WeekdayBase.MONDAY_IS_1, 10_000, 1, 1, 6, 0, 0, 0, 0);
    assertThatThrownBy(() -> MicroPythonRtcTuple.fromArray(null, 2026, 11, 21, 6, 0, 0, 0, 0))
        .isInstanceOf(NullPointerException.class);
  }

  private static void assertRtcInvalid(String field, WeekdayBase base, int... values) {
    assertThatThrownBy(() -> MicroPythonRtcTuple.fromArray(base, values)).as(field)
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(field + " ");
  }
}
