package org.ntpclock.epoch;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The epoch module's values reject null arguments with a NullPointerException and obey the
 * equals/hashCode laws; Guava's testers reach every public method of the types listed.
 */
class ValueTypeLawsTest {
  private static final Instant T = Instant.parse("2026-11-21T12:00:00Z");

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(Instant.class, T)
        .setDefault(String.class, "LORAN")
        .setDefault(LeapSecondTable.class, LeapSecondTable.bundled())
        .setDefault(Epoch.class, Epoch.GPS)
        .setDefault(GpsTime.class, GpsTime.of(2445, 561_600))
        .setDefault(UtcReading.class, UtcReading.of(T));
  }

  @Test
  void everyPublicStaticMethodRejectsNull() {
    for (Class<?> type : List.of(Epoch.class, GpsTime.class, UtcReading.class)) {
      tester().testAllPublicStaticMethods(type);
    }
  }

  @Test
  void everyPublicInstanceMethodOfTheValuesRejectsNull() {
    NullPointerTester t = tester();
    t.testAllPublicInstanceMethods(Epoch.GPS);
    t.testAllPublicInstanceMethods(GpsTime.of(2445, 561_600));
    t.testAllPublicInstanceMethods(UtcReading.of(T));
  }

  @Test
  void valuesObeyTheEqualsLaws() {
    new EqualsTester()
        // Saturday noon of week 2445, 18 s of GPS-UTC offset
        .addEqualityGroup(GpsTime.of(2445, 561_618), GpsTime.of(2445, 561_618, 0),
            GpsTime.fromInstant(T, LeapSecondTable.bundled()))
        .addEqualityGroup(GpsTime.of(2445, 561_618, 1))
        .addEqualityGroup(GpsTime.of(2446, 561_618))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(Epoch.GPS, Epoch.of("GPS", Instant.parse("1980-01-06T00:00:00Z")))
        .addEqualityGroup(Epoch.of("LORAN", Instant.parse("1958-01-01T00:00:00Z")))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(UtcReading.of(T), UtcReading.of(T))
        .addEqualityGroup(UtcReading.of(T.plusNanos(1)))
        .testEquals();
  }
}
