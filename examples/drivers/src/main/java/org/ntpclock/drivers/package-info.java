/**
 * Reference hardware drivers for the NTP clock, each with a faithful simulator: the DS3231
 * real-time clock over {@link org.ntpclock.rtc.RegisterBus} and a cascade of MAX7219 LED-matrix
 * drivers over {@link org.ntpclock.rtc.SpiBus}, the 32×8 clock face, its font, automatic dimming,
 * simulated light sensors and the providers that open all of them by name. It uses the rtc-spi
 * ports, core's ticker and the JDK (AWT for pictures); real buses come from diozero only through
 * {@link org.ntpclock.drivers.HardwareBuses}, loaded when asked for.
 */
package org.ntpclock.drivers;
