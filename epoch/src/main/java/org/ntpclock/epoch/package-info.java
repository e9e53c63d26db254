/** Epochs (NTP 1900, POSIX 1970, GPS 1980, MicroPython 2000), time scales and leap seconds. */
package org.ntpclock.epoch;
