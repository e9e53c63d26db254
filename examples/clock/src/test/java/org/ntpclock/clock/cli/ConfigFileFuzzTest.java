package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.ntpclock.core.input.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Jazzer fuzz target for the {@code serve --config} parser. The law: for any bytes (read, as the
 * tool does, up to {@link ConfigFile#MAX_BYTES}), parsing and applying them to a fresh {@code
 * serve} either sets every key's option to a value of the option's type (a string value exactly the
 * file's, stripped), or throws a {@link CliException} with exit code 2 whose one-line message names
 * {@code --config} and holds nothing {@link SafeText#escape} would escape. Any other exception or error is a finding.
 * Parsing is deterministic: the same bytes give the same entries or the same message.
 *
 * <p>In a plain {@code mvn verify} (regression mode) it runs the inputs under {@code
 * src/test/resources/org/ntpclock/clock/cli/ConfigFileFuzzTestInputs/parseAndApply/}: the shipped
 * example, every kind of value, and bad files (terminal escapes, malformed escapes, Latin-1, NUL,
 * overflowing and full-width numbers, and a first fuzzing finding: a supplementary character, which the
 * law had wrongly taken for two lone surrogates). To fuzz (findings go to that directory):
 *
 * <pre>{@code
 * JAZZER_FUZZ=1 ./mvnw -o -pl examples/clock -am test -Dtest=ConfigFileFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -DargLine="-Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=300"
 * }</pre>
 */
class ConfigFileFuzzTest {
  private static final Path FILE = Path.of("/etc/ntpclock/serve.properties");

  @FuzzTest(maxDuration = "2m")
  void parseAndApply(byte[] input) {
    if (input.length > ConfigFile.MAX_BYTES) {
      return; // refused before parsing (ConfigFileTest shows it)
    }
    SortedMap<String, String> entries;
    try {
      entries = ConfigFile.parse(FILE, input);
    } catch (CliException e) {
      assertUsageError(e);
      assertThatThrownBy(() -> ConfigFile.parse(FILE, input.clone())).as("same bytes, same failure")
          .isInstanceOf(CliException.class).hasMessage(e.getMessage());
      return;
    }
    assertThat(ConfigFile.parse(FILE, input.clone())).as("same bytes, same entries").isEqualTo(entries);

    CommandSpec spec = new CommandLine(new ServeCommand()).getCommandSpec();
    try {
      ConfigFile.apply(spec, FILE, entries);
    } catch (CliException e) {
      assertUsageError(e);
      return;
    }
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      OptionSpec option = spec.findOption("--" + entry.getKey());
      assertThat(option).as(entry.getKey()).isNotNull();
      Object value = option.getValue();
      assertThat(value).as(entry.getKey()).isNotNull();
      if (option.type() == String.class) {
        assertThat(value).isEqualTo(entry.getValue());
      } else if (option.type() == Path.class) {
        assertThat(((Path) value).isAbsolute()).as("resolved against the file's directory").isTrue();
      } else if (option.type() == int.class || option.type() == Integer.class) {
        assertThat(value).isInstanceOf(Integer.class).hasToString(String.valueOf(Integer.parseInt(entry.getValue())));
      } else {
        assertThat(value).isInstanceOf(option.type());
      }
    }
  }

  private static void assertUsageError(CliException e) {
    assertThat(e.exitCode()).isEqualTo(CliException.USAGE);
    assertThat(e.getMessage()).startsWith("--config '").doesNotContain("\n");
    // Nothing left to escape (a well-formed surrogate pair is a printable character and stays).
    assertThat(SafeText.escape(e.getMessage())).isEqualTo(e.getMessage());
  }
}
