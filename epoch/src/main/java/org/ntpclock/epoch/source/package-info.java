/**
 * NTP time sources that apply the leap-second table to a free-running clock: they announce and
 * insert the leap second as RFC 5905 requires, or serve leap-smeared UTC without announcing it.
 * They wrap any {@link org.ntpclock.core.TimeSource} and use only core and {@code org.ntpclock.epoch}.
 */
package org.ntpclock.epoch.source;
