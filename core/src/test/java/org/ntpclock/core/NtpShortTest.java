package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class NtpShortTest {

  /** CN-12 / T4J-6 / GJT-2: the root delay is unsigned; 0x80000000 is 32768 s, not -3.2768E7 ms. */
  @Test
  void highBitIsNotASign() {
    assertThat(NtpShort.ofBits(0x80000000L).toDuration()).isEqualTo(Duration.ofSeconds(32_768));
    assertThat(NtpShort.ofBits(0xFFFF0000L).toDuration()).isEqualTo(Duration.ofSeconds(65_535));
    assertThat(NtpShort.ofBits(0xFFFF0000L).seconds()).isEqualTo(65_535);
    assertThat(NtpShort.ofBits(Integer.toUnsignedLong(0xFFFFFFFF)).toSeconds())
        .isEqualByComparingTo(new BigDecimal("65535.9999847412109375"));
  }

  @Test
  void goldenServerPacketRootDelay() {
    // wire-rules.md §13: root delay 0x00000236 = 566/65536 s.
    NtpShort delay = NtpShort.ofBits(0x236);
    assertThat(delay.toSeconds()).isEqualByComparingTo(new BigDecimal("0.008636474609375"));
    assertThat(delay).hasToString("0.008636474609375");
    assertThat(delay.toDuration()).isEqualTo(Duration.ofNanos(8_636_475));
    assertThat(delay.toDuration(RoundingMode.FLOOR)).isEqualTo(Duration.ofNanos(8_636_474));
  }

  @Test
  void encodingSaturatesAndRejectsNegatives() {
    assertThat(NtpShort.fromDuration(Duration.ofSeconds(65_536))).isEqualTo(NtpShort.MAX);
    assertThat(NtpShort.fromDuration(Duration.ofDays(365))).isEqualTo(NtpShort.MAX);
    assertThat(NtpShort.fromDuration(Duration.ofSeconds(65_535, 999_999_999))).isEqualTo(NtpShort.MAX);
    assertThat(NtpShort.bitsOfNanos(Long.MAX_VALUE)).isEqualTo(0xFFFF_FFFFL);
    assertThatThrownBy(() -> NtpShort.fromDuration(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtpShort.bitsOfNanos(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtpShort.ofBits(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NtpShort.ofBits(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resolutionIsTwoToTheMinusSixteen() {
    assertThat(NtpShort.fromDuration(Duration.ofNanos(15_259)).toBits()).isEqualTo(1);
    assertThat(NtpShort.fromDuration(Duration.ofNanos(7_629)).toBits()).isZero();
    assertThat(NtpShort.fromDuration(Duration.ofNanos(7_630)).toBits()).isEqualTo(1);
    assertThat(NtpShort.fromDuration(Duration.ofMillis(500)).toBits()).isEqualTo(0x8000);
  }

  @Property
  void durationRoundTripIsExactAtWireResolution(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long bits) {
    NtpShort value = NtpShort.ofBits(bits);
    assertThat(NtpShort.fromDuration(value.toDuration())).isEqualTo(value);
    assertThat(NtpShort.bitsOfNanos(value.toDuration().toNanos())).isEqualTo(bits);
    assertThat(value.toSeconds().multiply(BigDecimal.valueOf(65_536)).longValueExact()).isEqualTo(bits);
  }

  @Property
  void orderFollowsValue(
      @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long a, @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long b) {
    assertThat(Integer.signum(NtpShort.ofBits(a).compareTo(NtpShort.ofBits(b)))).isEqualTo(Long.signum(a - b));
  }
}
