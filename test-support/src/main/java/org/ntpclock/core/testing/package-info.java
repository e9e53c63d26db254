/**
 * The build's interop plumbing, used by every module's tests: {@link
 * org.ntpclock.core.testing.RequiresTool} (skip loudly, or fail under {@code -Dinterop.required=true}),
 * finding tools, child processes with a hard timeout, a throwaway chronyd, allocation counting, raw
 * NTP requests over the JDK's own sockets. It uses the JDK and JUnit only and is never published;
 * the arbitraries users want are in ntpclock-testing.
 */
package org.ntpclock.core.testing;
