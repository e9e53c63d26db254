/**
 * The NTP clock, the seed device in Java: a real-time clock as the time source, an NTP server and
 * an HTTP time server on their own threads, and an LED panel that keeps showing the time when the
 * network side fails.
 */
package org.ntpclock.examples.app;
