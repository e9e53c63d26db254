package org.ntpclock.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ntpclock convert}. */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "TODO")
final class ConvertCommand implements Callable<Integer> {
  @Mixin JsonOption json;

  @Override
  public Integer call() {
    throw CliException.failed("not implemented yet");
  }
}
