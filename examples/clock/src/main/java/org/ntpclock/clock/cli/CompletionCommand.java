package org.ntpclock.clock.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ntpclock completion}: prints the bash/zsh completion script picocli generates. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print a bash completion script for ntpclock (zsh runs it too, after 'autoload -U +X bashcompinit && bashcompinit').",
      "",
      "Install: ntpclock completion > /etc/bash_completion.d/ntpclock, or for this shell only: "
          + "source <(ntpclock completion)."
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // The script for the whole tool, from the root command's model (every subcommand and option).
    String script = AutoComplete.bash("ntpclock", spec.root().commandLine());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
