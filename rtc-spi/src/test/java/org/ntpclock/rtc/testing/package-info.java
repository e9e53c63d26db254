/**
 * Test doubles for code built on the rtc-spi ports, published in the module's test-jar: a
 * hand-driven real-time clock with its ticker, and jqwik arbitraries. They use the
 * {@code org.ntpclock.rtc} interfaces and core's ticker, and may be used by any module's tests.
 */
package org.ntpclock.rtc.testing;
