/**
 * The NTP clock application: a real-time clock as the time source, an NTP server and an HTTP time
 * server on their own threads, and an LED panel that keeps showing the time when the network side
 * fails. It may use every library module and the drivers (opening devices by name through
 * {@code org.ntpclock.rtc.Devices}), but not the command line.
 */
package org.ntpclock.clock.app;
