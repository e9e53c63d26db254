/**
 * JMH benchmarks of ntpclock's hot paths (timestamp conversion, on-wire math, packet decoding and
 * encoding, the plain and NTS responders) against Apache Commons Net and a hand-written floor that
 * computes the same values. It uses the ntpclock library modules, JMH and Commons Net; the load and
 * time-quality harnesses are in {@code org.ntpclock.benchmarks.harness}.
 */
package org.ntpclock.benchmarks;
