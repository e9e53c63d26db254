/**
 * Logging helpers for the ntpclock libraries, built on {@link java.lang.System.Logger} so that
 * messages reach whatever logging framework the application routes the platform loggers to.
 *
 * <p>Uses the JDK and {@code org.ntpclock.core} only; it holds no state beyond its counters and a
 * source's last trust state.
 */
package org.ntpclock.core.logging;
