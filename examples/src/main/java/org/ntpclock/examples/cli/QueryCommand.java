package org.ntpclock.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ntpclock query}. */
@Command(name = "query", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "TODO")
final class QueryCommand implements Callable<Integer> {
  @Mixin JsonOption json;

  @Override
  public Integer call() {
    throw CliException.failed("not implemented yet");
  }
}
