/** Service-provider interfaces for real-time clocks, displays, light sensors and their buses. */
package org.ntpclock.rtc;
