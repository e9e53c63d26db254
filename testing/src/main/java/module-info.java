/**
 * Test support for projects that use ntpclock: a programmable fake NTP server with a JUnit 5
 * extension, and jqwik arbitraries for timestamps, epochs, packets and RTC readings.
 */
module org.ntpclock.testing {
  requires transitive org.ntpclock.codec;
  requires transitive org.junit.jupiter.api;

  exports org.ntpclock.testing;
}
