package org.ntpclock.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ntpclock decode}. */
@Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "TODO")
final class DecodeCommand implements Callable<Integer> {
  @Mixin JsonOption json;

  @Override
  public Integer call() {
    throw CliException.failed("not implemented yet");
  }
}
