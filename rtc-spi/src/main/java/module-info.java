/** Service-provider interfaces for real-time clocks, displays, light sensors and their buses. */
module org.ntpclock.rtc {
  requires transitive org.ntpclock.core;

  exports org.ntpclock.rtc;
}
