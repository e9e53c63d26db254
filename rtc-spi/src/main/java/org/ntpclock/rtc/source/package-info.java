/**
 * Time sources over a real-time clock: {@link org.ntpclock.rtc.source.AnchoredRtcTimeSource}
 * (reads pinned to the ticker, midpoint or edge search) and
 * {@link org.ntpclock.rtc.source.EdgeDrivenRtcTimeSource} (the RTC's 1 Hz square wave), sharing
 * their trust and status rules. They use the {@code org.ntpclock.rtc} interfaces and core's
 * {@code TimeSource}, ticker and top-of-second clock, nothing else.
 */
package org.ntpclock.rtc.source;
