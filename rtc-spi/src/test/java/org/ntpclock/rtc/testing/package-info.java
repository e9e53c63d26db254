/**
 * Test doubles for code built on the rtc-spi ports, published in the module's test-jar: a
 * hand-driven real-time clock with its ticker.
 */
package org.ntpclock.rtc.testing;
