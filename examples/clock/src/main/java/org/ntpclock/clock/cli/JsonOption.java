package org.ntpclock.clock.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option shared by every command that prints data. */
final class JsonOption {
  @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
  boolean json;
}
