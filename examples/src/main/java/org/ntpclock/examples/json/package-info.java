/**
 * A small dependency-free JSON writer and reader for the {@code ntpclock} tool's {@code --json}
 * output and the clock's HTTP API. Objects keep insertion order so the output is stable.
 */
package org.ntpclock.examples.json;
