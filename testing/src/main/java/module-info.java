/**
 * Test support for projects that use ntpclock: a programmable fake NTP server with a JUnit 5
 * extension, and jqwik arbitraries for timestamps, durations, epochs, packets and RTC readings,
 * with a manually driven real-time clock.
 */
module org.ntpclock.testing {
  requires transitive org.ntpclock.codec;
  requires transitive org.ntpclock.epoch;
  requires transitive org.ntpclock.rtc;
  requires transitive org.junit.jupiter.api;
  requires transitive net.jqwik.api;

  exports org.ntpclock.testing;
}
