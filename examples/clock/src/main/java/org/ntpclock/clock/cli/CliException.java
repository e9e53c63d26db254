package org.ntpclock.clock.cli;

import static com.google.common.base.Preconditions.checkArgument;

import org.ntpclock.core.input.SafeText;

/**
 * A command's failure with the exit code and the one-line message the tool prints on stderr.
 * Usage errors found by picocli itself take the {@link picocli.CommandLine.ParameterException}
 * path instead; both end as one line on stderr.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code of a failed check or query. */
  public static final int FAILED = 1;
  /** Exit code of bad usage: a bad option value, a missing file. */
  public static final int USAGE = 2;

  /** The process exit code: {@link #FAILED} or {@link #USAGE}. */
  private final int exitCode;

  private CliException(int exitCode, String message, Throwable cause) {
    super(oneLine(message), cause);
    checkArgument(exitCode == FAILED || exitCode == USAGE, "exit code 1 or 2: %s", exitCode);
    this.exitCode = exitCode;
  }

  /**
   * A failed check or query (exit code 1).
   *
   * @param message what failed, one line
   * @return the exception
   */
  public static CliException failed(String message) {
    return new CliException(FAILED, message, null);
  }

  /**
   * A failed check or query (exit code 1) caused by an exception.
   *
   * @param message what failed, one line
   * @param cause the cause
   * @return the exception
   */
  public static CliException failed(String message, Throwable cause) {
    return new CliException(FAILED, message, cause);
  }

  /**
   * Bad usage (exit code 2).
   *
   * @param message what was wrong, one line
   * @return the exception
   */
  public static CliException usage(String message) {
    return new CliException(USAGE, message, null);
  }

  /**
   * The process exit code.
   *
   * @return 1 or 2
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * Folds a message onto one line and escapes what a terminal would act on: messages quote file
   * contents and arguments, which may hold escape sequences.
   *
   * @param message any text, possibly null
   * @return the text with line breaks replaced by "; " and other control characters escaped
   */
  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    return SafeText.escape(message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; "));
  }
}
