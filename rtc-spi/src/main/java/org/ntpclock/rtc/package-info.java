/**
 * Service-provider interfaces for real-time clocks, displays, light sensors and the I2C/SPI buses
 * under them, their one device exception, the {@code ServiceLoader} lookup and the system-clock
 * RTC. It uses only core's time types and preconditions and the JDK, never a driver or a transport.
 */
package org.ntpclock.rtc;
