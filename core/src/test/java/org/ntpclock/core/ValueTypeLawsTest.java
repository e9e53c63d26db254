package org.ntpclock.core;

import com.google.common.testing.ClassSanityTester;
import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every public type of core rejects null arguments with a NullPointerException, and the value types
 * obey the equals/hashCode laws: equal values in a group, unequal across groups, hash codes that
 * follow equality. Guava's testers check each public method and constructor, so a new method is
 * covered without a new test.
 */
class ValueTypeLawsTest {
  private static final List<Class<?>> PUBLIC_TYPES =
      List.of(
          NtpTimestamp.class, NtpDate.class, NtpShort.class, NtpDuration.class, NtpFraction.class,
          ReferenceId.class, LeapIndicator.class, EraResolver.class, OnWire.class, OnWire.Measurement.class,
          TimeSourceStatus.class, TopOfSecondClock.class, SystemTimeSource.class);

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(NtpTimestamp.class, NtpTimestamp.ofBits(0x1234_5678_9abc_def0L))
        .setDefault(NtpDuration.class, NtpDuration.ofBits(1))
        .setDefault(NtpShort.class, NtpShort.ofBits(1))
        .setDefault(Duration.class, Duration.ofSeconds(2))
        .setDefault(Instant.class, Instant.parse("2026-12-03T00:00:00Z"))
        .setDefault(String.class, "GPS")
        .setDefault(TimeSourceStatus.class, TimeSourceStatus.unsynchronized(-20));
  }

  @Test
  void everyPublicStaticMethodRejectsNull() {
    for (Class<?> type : PUBLIC_TYPES) {
      tester().testAllPublicStaticMethods(type);
    }
  }

  @Test
  void everyPublicInstanceMethodOfTheValuesRejectsNull() {
    NullPointerTester t = tester();
    t.testAllPublicInstanceMethods(NtpTimestamp.ofBits(0xc1a9_ae1c_cf6a_c48dL));
    t.testAllPublicInstanceMethods(NtpDate.fromInstant(Instant.parse("2040-01-01T00:00:00Z")));
    t.testAllPublicInstanceMethods(NtpShort.ofBits(0x0001_8000));
    t.testAllPublicInstanceMethods(NtpDuration.ofBits(-5));
    t.testAllPublicInstanceMethods(ReferenceId.ofAscii("GPS"));
    t.testAllPublicInstanceMethods(EraResolver.nearest(Instant.parse("2026-12-03T00:00:00Z")));
    t.testAllPublicInstanceMethods(SystemTimeSource.create());
  }

  @Test
  void valueTypesObeyTheEqualsLaws() {
    new EqualsTester()
        .addEqualityGroup(NtpTimestamp.ofBits(5), NtpTimestamp.of(0, 5), NtpTimestamp.parse("00000000.00000005"))
        .addEqualityGroup(NtpTimestamp.ofBits(0x8000_0000_0000_0000L))
        .addEqualityGroup(NtpTimestamp.UNKNOWN, NtpTimestamp.ofBits(0))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(NtpShort.ofBits(0x10000), NtpShort.fromDuration(Duration.ofSeconds(1)))
        .addEqualityGroup(NtpShort.ZERO, NtpShort.ofBits(0))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(NtpDuration.ofBits(1L << 32), NtpDuration.fromDuration(Duration.ofSeconds(1)))
        .addEqualityGroup(NtpDuration.ofBits(-(1L << 32)))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(ReferenceId.ofAscii("GPS"), ReferenceId.ofBits(0x4750_5300))
        .addEqualityGroup(ReferenceId.ZERO)
        .testEquals();
    Instant t = Instant.parse("2040-01-01T00:00:00Z");
    new EqualsTester()
        .addEqualityGroup(NtpDate.fromInstant(t), NtpDate.fromInstant(t))
        .addEqualityGroup(NtpDate.fromInstant(t.plusNanos(1)))
        .testEquals();
  }

  @Test
  void recordsAndStatusFactoriesAreSane() throws Exception {
    ClassSanityTester sanity =
        new ClassSanityTester()
            .setDistinctValues(NtpDuration.class, NtpDuration.ofBits(1), NtpDuration.ofBits(2))
            .setDistinctValues(NtpShort.class, NtpShort.ofBits(1), NtpShort.ofBits(2))
            .setDistinctValues(NtpTimestamp.class, NtpTimestamp.ofBits(1L << 32), NtpTimestamp.ofBits(2L << 32))
            .setDistinctValues(ReferenceId.class, ReferenceId.ofAscii("GPS"), ReferenceId.ofAscii("PPS"));
    sanity.testEquals(OnWire.Measurement.class);
    sanity.testNulls(OnWire.Measurement.class);
    new EqualsTester()
        .addEqualityGroup(TimeSourceStatus.unsynchronized(-20), TimeSourceStatus.unsynchronized(-20))
        .addEqualityGroup(TimeSourceStatus.unsynchronized(-10))
        .addEqualityGroup(new TimeSourceStatus(LeapIndicator.NO_WARNING, 1, -20, NtpShort.ZERO, NtpShort.ZERO,
            ReferenceId.ofAscii("GPS"), NtpTimestamp.ofBits(1L << 32)))
        .testEquals();
    tester().testAllPublicConstructors(TimeSourceStatus.class);
  }
}
