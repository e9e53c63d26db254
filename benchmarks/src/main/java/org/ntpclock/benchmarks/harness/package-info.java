/**
 * The loopback harnesses: server throughput and time quality against chronyd, NTS-KE load, and the
 * hardening cases replayed against the real {@code ntpclock} jar, each bounded in time and count and
 * stopping every process it starts. They use the ntpclock library modules, the JDK's sockets and
 * processes, and {@code org.ntpclock.benchmarks.report} for their output.
 */
package org.ntpclock.benchmarks.harness;
