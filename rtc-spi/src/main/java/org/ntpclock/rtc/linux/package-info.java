/**
 * Linux implementations that need no native code: the RTC class ({@code /sys/class/rtc/rtcN/})
 * and IIO ADC channels ({@code /sys/bus/iio/devices/iio:deviceN/}) read through sysfs. Every path
 * is configurable, so tests point them at a fake tree.
 */
package org.ntpclock.rtc.linux;
