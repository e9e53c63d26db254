/**
 * The {@code ntpclock} command-line tool: {@code decode}, {@code convert}, {@code leapfile},
 * {@code query} and {@code serve}, on picocli, the application package and the library modules.
 *
 * <p>Exit codes: 0 success, 1 a failed check or query (malformed packet, bad leap-file hash,
 * timeout, kiss-o'-death), 2 bad usage (unknown option, bad value, missing file). Errors are one
 * line on stderr. With {@code --json} a command prints exactly one JSON object on stdout; the
 * command names, options and JSON keys are a stable interface.
 */
package org.ntpclock.clock.cli;
