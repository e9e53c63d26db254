/**
 * Reference hardware drivers for the NTP clock, each with a faithful simulator: the DS3231
 * real-time clock over {@link org.ntpclock.rtc.RegisterBus} and a cascade of MAX7219 LED-matrix
 * drivers over {@link org.ntpclock.rtc.SpiBus}; the 32×8 clock face, its font and automatic
 * dimming. Real buses come from diozero through {@link org.ntpclock.examples.hw.HardwareBuses},
 * loaded only when asked for.
 */
package org.ntpclock.examples.hw;
