package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.JulianFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NtpDateTest {

  /** RFC 5905 section 6, Figure 4, rows checked by recomputation from the MJD column (time-facts.md §2). */
  @ParameterizedTest(name = "{0}: MJD {1}, era {2}, offset {3}")
  @CsvSource({
    "1582-10-15, -100840, -3, 2874597888",
    // RFC row "4 Oct 1582" (Julian label): its MJD -100851 is proleptic-Gregorian 1582-10-04.
    "1582-10-04, -100851, -3, 2873647488",
    "1899-12-31, 15019, -1, 4294880896",
    "1900-01-01, 15020, 0, 0",
    "1970-01-01, 40587, 0, 2208988800",
    "1972-01-01, 41317, 0, 2272060800",
    "1999-12-31, 51543, 0, 3155587200",
    "2036-02-08, 64731, 1, 63104",
  })
  void rfc5905Figure4(LocalDate date, long mjd, int era, long offset) {
    assertThat(date.getLong(JulianFields.MODIFIED_JULIAN_DAY)).isEqualTo(mjd);
    Instant instant = date.atStartOfDay().toInstant(ZoneOffset.UTC);
    NtpDate ntp = NtpDate.fromInstant(instant);
    assertThat(ntp.era()).isEqualTo(era);
    assertThat(ntp.eraOffset()).isEqualTo(offset);
    assertThat(ntp.fraction()).isZero();
    assertThat(ntp.ntpSeconds()).isEqualTo((mjd - 15020) * 86_400);
    assertThat(ntp.toInstant()).isEqualTo(instant);
    assertThat(NtpDate.of(era, offset, 0)).isEqualTo(ntp);
  }

  @Test
  void everyInstantJavaCanHoldConvertsExactly() {
    for (Instant instant : new Instant[] {Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999)}) {
      assertThat(NtpDate.fromInstant(instant).toInstant()).isEqualTo(instant);
    }
    assertThat(NtpDate.fromInstant(Instant.MAX).era()).isEqualTo((int) ((Instant.MAX.getEpochSecond() + 2_208_988_800L) >> 32));
  }

  @Test
  void datesBeyondInstantThrowInsteadOfWrapping() {
    assertThatThrownBy(() -> NtpDate.of(Integer.MAX_VALUE, 0, 0).toInstant()).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> NtpDate.of(Integer.MIN_VALUE, 0, 0).toInstant()).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> NtpDate.of(0, 1L << 32, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtpDate.of(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wireFormatIsSixteenBigEndianBytes() {
    NtpDate date = NtpDate.of(-3, 2_874_597_888L, 0x80000000L);
    ByteBuffer buffer = ByteBuffer.allocate(NtpDate.BYTES);
    date.writeTo(buffer);
    assertThat(buffer.array()).containsExactly(
        0xff, 0xff, 0xff, 0xfd, 0xab, 0x56, 0xe2, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
    buffer.flip();
    assertThat(NtpDate.readFrom(buffer)).isEqualTo(date);
  }

  @Test
  void orderIsChronological() {
    assertThat(NtpDate.of(-1, 0xffffffffL, 0)).isLessThan(NtpDate.of(0, 0, 0));
    assertThat(NtpDate.of(0, 0xffffffffL, 0xffffffffL)).isLessThan(NtpDate.of(1, 0, 0));
    assertThat(NtpDate.of(1, 63104, 0)).hasToString("1:0000f680.00000000");
  }
}
