/**
 * A small dependency-free JSON writer and reader for the {@code ntpclock} tool's {@code --json}
 * output and the clock's HTTP API, objects kept in insertion order so the output is stable. It
 * uses the JDK only.
 */
package org.ntpclock.clock.json;
