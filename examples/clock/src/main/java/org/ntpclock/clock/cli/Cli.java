package org.ntpclock.clock.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParameterException;

/**
 * Runs the {@code ntpclock} tool in-process: the command tree with the tool's exit codes and
 * one-line errors. {@link Main} calls this with the process streams; tests call it with their own.
 */
public final class Cli {
  private Cli() {}

  /**
   * Builds the configured command line.
   *
   * @param out where commands print their results
   * @param err where errors go, one line each
   * @return the command line, ready to {@link CommandLine#execute}
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new NtpClockCommand());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(Cli::usageError);
    cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, commandLine));
    return cmd;
  }

  /**
   * Runs the tool.
   *
   * @param out standard output
   * @param err standard error
   * @param args the command line arguments
   * @return the exit code: 0 success, 1 failed check or query, 2 bad usage
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    try {
      return commandLine(out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int usageError(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String message = CliException.oneLine(ex.getMessage()).replaceFirst("^Error: ", "");
    cmd.getErr().println(prefix(cmd) + message + " (see --help)");
    cmd.getErr().flush();
    return CliException.USAGE;
  }

  private static int failure(Exception ex, CommandLine cmd) {
    String message;
    int code;
    if (ex instanceof CliException cli) {
      message = cli.getMessage();
      code = cli.exitCode();
    } else {
      // A bug or an environment failure nobody anticipated: still one line, named by its type.
      message = ex.getClass().getSimpleName() + ": " + CliException.oneLine(ex.getMessage());
      code = CliException.FAILED;
    }
    cmd.getErr().println(prefix(cmd) + message);
    cmd.getErr().flush();
    return code;
  }

  private static String prefix(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName() + ": ";
  }
}
