package org.ntpclock.clock.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code ntpclock} command: only subcommands, help and version. */
@Command(
    name = "ntpclock",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "NTP packet, time-scale and leap-second tools, and the NTP clock.",
    subcommands = {
      DecodeCommand.class,
      ConvertCommand.class,
      LeapfileCommand.class,
      NmeaCommand.class,
      QueryCommand.class,
      NtsKeCommand.class,
      WatchCommand.class,
      ServeCommand.class,
      CompletionCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 failed check or query, 2 bad usage.",
      "Run 'ntpclock COMMAND --help' for a command's options."
    })
final class NtpClockCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: one of decode, convert, leapfile, nmea, query, nts-ke, watch, serve, completion");
  }
}
