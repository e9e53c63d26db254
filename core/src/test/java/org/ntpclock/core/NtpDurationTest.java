package org.ntpclock.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.ntpclock.testing.NtpArbitraries;

class NtpDurationTest {

  @Test
  void negativeValuesRoundByTheirMode() {
    // -1 unit = -0.2328 ns: nearest 0, floor -1 ns, ceiling 0, away from zero -1 ns.
    NtpDuration minusOneUnit = NtpDuration.ofBits(-1);
    assertThat(minusOneUnit.toDuration()).isEqualTo(Duration.ZERO);
    assertThat(minusOneUnit.toDuration(RoundingMode.FLOOR)).isEqualTo(Duration.ofNanos(-1));
    assertThat(minusOneUnit.toDuration(RoundingMode.CEILING)).isEqualTo(Duration.ZERO);
    assertThat(minusOneUnit.toDuration(RoundingMode.UP)).isEqualTo(Duration.ofNanos(-1));
    assertThat(minusOneUnit.toDuration(RoundingMode.DOWN)).isEqualTo(Duration.ZERO);
    assertThat(minusOneUnit.toSeconds()).isEqualByComparingTo(BigDecimal.ONE.negate().divide(BigDecimal.valueOf(1L << 32)));
  }

  @Test
  void exactMinusTwoAndAHalfMilliseconds() {
    NtpDuration d = NtpDuration.fromDuration(Duration.ofNanos(-2_500_000));
    assertThat(d.toDuration()).isEqualTo(Duration.ofNanos(-2_500_000));
    assertThat(d.isNegative()).isTrue();
    assertThat(d.abs().toDuration()).isEqualTo(Duration.ofNanos(2_500_000));
  }

  @Test
  void rangeIsPlusMinus68Years() {
    assertThat(NtpDuration.fromDuration(Duration.ofSeconds(Integer.MIN_VALUE)).toBits()).isEqualTo(Long.MIN_VALUE);
    assertThat(NtpDuration.fromDuration(Duration.ofSeconds(Integer.MAX_VALUE, 999_999_999)).toBits())
        .isEqualTo(Long.MAX_VALUE - 3);
    assertThatThrownBy(() -> NtpDuration.fromDuration(Duration.ofSeconds(1L << 31))).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> NtpDuration.fromDuration(Duration.ofSeconds(Integer.MIN_VALUE).minusNanos(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> NtpDuration.ofBits(Long.MIN_VALUE).negated()).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> NtpDuration.ofBits(Long.MAX_VALUE).plus(NtpDuration.ofBits(1)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void arithmetic() {
    NtpDuration a = NtpDuration.fromDuration(Duration.ofMillis(1500));
    NtpDuration b = NtpDuration.fromDuration(Duration.ofMillis(500));
    assertThat(a.plus(b)).isEqualTo(NtpDuration.fromDuration(Duration.ofSeconds(2)));
    assertThat(a.minus(b)).isEqualTo(NtpDuration.fromDuration(Duration.ofSeconds(1)));
    assertThat(b.minus(a).negated()).isEqualTo(a.minus(b));
    assertThat(NtpDuration.ofBits(-3).dividedBy(2)).isEqualTo(NtpDuration.ofBits(-2));
    assertThat(a).hasToString("1.5s");
    assertThat(NtpDuration.ZERO.isZero()).isTrue();
  }

  @Provide
  Arbitrary<Duration> javaDurations() {
    return NtpArbitraries.javaDurationsInNtpRange();
  }

  @Property
  void javaDurationRoundTripIsExactToTheNanosecond(@ForAll("javaDurations") Duration d) {
    assertThat(NtpDuration.fromDuration(d).toDuration()).isEqualTo(d);
    assertThat(NtpDuration.fromDuration(d).toNanos()).isEqualTo(d.toNanos());
  }

  @Property
  void toDurationIsTheNearestNanosecond(@ForAll long bits) {
    NtpDuration d = NtpDuration.ofBits(bits);
    BigDecimal exactNanos = d.toSeconds().movePointRight(9);
    BigDecimal error = exactNanos.subtract(BigDecimal.valueOf(d.toNanos())).abs();
    assertThat(error).isLessThanOrEqualTo(new BigDecimal("0.5"));
    assertThat(d.toDuration(RoundingMode.FLOOR).toNanos()).isLessThanOrEqualTo(d.toNanos());
    assertThat(d.toDuration(RoundingMode.CEILING).toNanos()).isGreaterThanOrEqualTo(d.toNanos());
  }

  @Property
  void betweenIsAntisymmetric(@ForAll long a, @ForAll long b) {
    NtpDuration ab = NtpDuration.between(NtpTimestamp.ofBits(a), NtpTimestamp.ofBits(b));
    NtpDuration ba = NtpDuration.between(NtpTimestamp.ofBits(b), NtpTimestamp.ofBits(a));
    if (ab.toBits() != Long.MIN_VALUE) {
      assertThat(ab.negated()).isEqualTo(ba);
    }
    assertThat(NtpTimestamp.ofBits(a).plus(ab)).isEqualTo(NtpTimestamp.ofBits(b));
  }
}
