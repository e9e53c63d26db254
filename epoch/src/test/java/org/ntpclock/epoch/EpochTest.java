package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.NtpTimestamp;

/** Golden epoch offsets (NTP, POSIX, GPS, MicroPython) and the Epoch API contract. */
class EpochTest {
  @Test
  void originsAreTheDocumentedInstants() {
    assertThat(Epoch.NTP.origin()).isEqualTo("1900-01-01T00:00:00Z");
    assertThat(Epoch.POSIX.origin()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(Epoch.GPS.origin()).isEqualTo("1980-01-06T00:00:00Z");
    assertThat(Epoch.MICROPYTHON_2000.origin()).isEqualTo("2000-01-01T00:00:00Z");
  }

  @Test
  void constantsTable() {
    // The derived constant 2208988800 s (1900 to 1970) and the epoch rows.
    assertThat(Epoch.NTP.secondsUntil(Epoch.POSIX)).isEqualTo(2_208_988_800L).isEqualTo(0x83AA7E80L)
        .isEqualTo(NtpTimestamp.NTP_TO_POSIX_SECONDS);
    assertThat(Epoch.NTP.secondsUntil(Epoch.MICROPYTHON_2000)).isEqualTo(3_155_673_600L);
    assertThat(Epoch.POSIX.secondsUntil(Epoch.GPS)).isEqualTo(315_964_800L);
    assertThat(Epoch.NTP.secondsUntil(Epoch.GPS)).isEqualTo(2_524_953_600L);
    assertThat(Epoch.POSIX.secondsUntil(Epoch.MICROPYTHON_2000)).isEqualTo(946_684_800L);
    assertThat(Epoch.GPS.secondsUntil(Epoch.MICROPYTHON_2000)).isEqualTo(630_720_000L);
    assertThat(Epoch.MICROPYTHON_2000.secondsUntil(Epoch.GPS)).isEqualTo(-630_720_000L);
  }

  @Test
  void epochRowsOfTheTable() {
    assertThat(Epoch.POSIX.toSeconds(Instant.parse("1968-01-20T03:14:08Z"))).isEqualTo(-61_505_152L);
    assertThat(Epoch.NTP.toSeconds(Instant.parse("1968-01-20T03:14:08Z"))).isEqualTo(1L << 31);
    assertThat(Epoch.POSIX.toSeconds(Instant.parse("1972-01-01T00:00:00Z"))).isEqualTo(63_072_000L);
    assertThat(Epoch.NTP.toSeconds(Instant.parse("1972-01-01T00:00:00Z"))).isEqualTo(2_272_060_800L);
    assertThat(Epoch.NTP.toSeconds(Instant.parse("2036-02-07T06:28:16Z"))).isEqualTo(1L << 32);
    assertThat(Epoch.POSIX.toSeconds(Instant.parse("2036-02-07T06:28:16Z"))).isEqualTo(2_085_978_496L);
    assertThat(Epoch.NTP.toSeconds(Epoch.NTP.origin())).isZero();
    assertThat(Epoch.POSIX.toSeconds(Epoch.NTP.origin())).isEqualTo(-2_208_988_800L);
  }

  @Test
  void int32AndUint32Ends() {
    assertThat(Epoch.POSIX.toInstant(Integer.MAX_VALUE + 1L)).isEqualTo("2038-01-19T03:14:08Z");
    assertThat(Epoch.POSIX.toInstant(1L << 32)).isEqualTo("2106-02-07T06:28:16Z");
    assertThat(Epoch.MICROPYTHON_2000.toInstant(Integer.MAX_VALUE + 1L)).isEqualTo("2068-01-19T03:14:08Z");
    assertThat(Epoch.MICROPYTHON_2000.toInstant(1L << 32)).isEqualTo("2136-02-07T06:28:16Z");
  }

  @Test
  void conversionsKeepNanoseconds() {
    Instant t = Epoch.NTP.toInstant(3_155_673_600L, 123_456_789);
    assertThat(t).isEqualTo("2000-01-01T00:00:00.123456789Z");
    assertThat(Epoch.MICROPYTHON_2000.toDuration(t)).isEqualTo(Duration.ofNanos(123_456_789));
    assertThat(Epoch.POSIX.toInstant(-1, 999_999_999)).isEqualTo("1969-12-31T23:59:59.999999999Z");
    // Floor, so that the nanoseconds stay the remainder before the origin too.
    assertThat(Epoch.POSIX.toSeconds(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo(-1);
    assertThat(Epoch.GPS.toInstant(Duration.ofSeconds(-1, 1))).isEqualTo("1980-01-05T23:59:59.000000001Z");
  }

  @Test
  void convertBetweenEpochs() {
    assertThat(Epoch.NTP.convert(3_155_673_600L, Epoch.MICROPYTHON_2000)).isZero();
    assertThat(Epoch.POSIX.convert(0, Epoch.NTP)).isEqualTo(2_208_988_800L);
    assertThatThrownBy(() -> Epoch.POSIX.convert(Long.MIN_VALUE, Epoch.MICROPYTHON_2000)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void outOfRangeIsReported() {
    assertThatThrownBy(() -> Epoch.NTP.toInstant(Long.MAX_VALUE)).isInstanceOf(DateTimeException.class);
  }

  @Test
  void customEpochs() {
    Epoch lora = Epoch.of("GPS-1980-as-UTC", Instant.parse("1980-01-06T00:00:00Z"));
    assertThat(lora.name()).isEqualTo("GPS-1980-as-UTC");
    assertThat(lora).isNotEqualTo(Epoch.GPS).hasToString("GPS-1980-as-UTC(1980-01-06T00:00:00Z)");
    assertThat(Epoch.of("GPS", Epoch.GPS.origin())).isEqualTo(Epoch.GPS).hasSameHashCodeAs(Epoch.GPS);
    assertThatThrownBy(() -> Epoch.of(" ", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Epoch.of("x", Instant.ofEpochSecond(0, 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole second");
  }
}
