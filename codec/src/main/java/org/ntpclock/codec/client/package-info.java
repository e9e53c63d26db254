/**
 * The NTP client: the sans-I/O exchange that builds a data-minimized request and turns a reply
 * into a typed {@code TimeSample} or failure, the blocking {@code SntpClient} over JDK sockets, and
 * the selection of truechimers from several servers' samples.
 */
package org.ntpclock.codec.client;
