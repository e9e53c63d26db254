/**
 * Linux implementations that need no native code: the RTC class ({@code /sys/class/rtc/rtcN/})
 * and IIO ADC channels ({@code /sys/bus/iio/devices/iio:deviceN/}) read through sysfs, every path
 * configurable so tests point them at a fake tree. They use the {@code org.ntpclock.rtc}
 * interfaces and {@code java.nio.file}, nothing else.
 */
package org.ntpclock.rtc.linux;
