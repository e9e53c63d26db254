package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CliBasicsTest {
  @Test
  void versionPrintsTheProjectVersion() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("ntpclock ").doesNotContain("${");
  }

  @Test
  void topLevelHelpListsEveryCommand() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("decode", "convert", "leapfile", "query", "serve", "Exit codes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"decode", "convert", "leapfile", "query", "serve"})
  void everyCommandHasHelp(String command) {
    CliRun run = CliRun.of(command, "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: ntpclock " + command).contains("--help");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void noCommandIsBadUsage() {
    CliRun.of().fails(2, "ntpclock:", "missing command");
  }

  @Test
  void unknownCommandIsBadUsage() {
    CliRun.of("frobnicate").fails(2, "frobnicate");
  }

  @Test
  void unknownOptionIsBadUsageNamingIt() {
    CliRun.of("serve", "--bogus").fails(2, "ntpclock serve:", "--bogus");
  }
}
