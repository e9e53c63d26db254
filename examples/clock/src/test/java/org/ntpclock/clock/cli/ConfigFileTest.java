package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code serve --config FILE} with hostile files: read with a bound, FIFOs and devices refused
 * before they are opened, every bad value exit 2 with one line naming {@code --config}, and nothing
 * from the file reaching the terminal unescaped. None of these runs starts a server: each fails
 * while the options are read.
 */
class ConfigFileTest {
  @TempDir Path dir;

  private static CliRun serve(Path config) {
    // --rate-limit-kod alone fails right after the file is applied, so a file wrongly accepted
    // fails the test with another message instead of starting a server.
    CliRun run = CliRun.of("serve", "--config", config.toString(), "--display", "none", "--rate-limit-kod");
    assertThat(run.err()).doesNotContain("Exception", "Error:", "\u001b", "\u0007");
    return run;
  }

  @Test
  void aDeviceIsRefusedNotReadForever() {
    Path zero = Paths.get("/dev/zero");
    assumeTrue(Files.exists(zero), "needs /dev/zero");
    serve(zero).fails(2, "invalid value for --config: '/dev/zero'", "not a regular file");
  }

  @Test
  void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
    Path fifo = dir.resolve("serve.properties");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
    // Opening a FIFO without a writer would block; the refusal comes before any open.
    serve(fifo).fails(2, "invalid value for --config", "not a regular file", "FIFO");
  }

  @Test
  void aDirectoryIsRefused() {
    serve(dir).fails(2, "invalid value for --config", "a directory");
  }

  @Test
  void aMissingFileSaysSo() {
    serve(dir.resolve("none.properties")).fails(2, "invalid value for --config", "file not found");
  }

  @Test
  void anOversizedFileIsRefusedWithItsLimit() throws IOException {
    // A valid file, only too long: comment lines past the limit.
    Path big = dir.resolve("big.properties");
    Files.writeString(big, "display=none\n" + "#".repeat(ConfigFile.MAX_BYTES) + "\n");
    serve(big).fails(2, "invalid value for --config", "larger than " + ConfigFile.MAX_BYTES + " bytes");
    // At the limit it is read.
    Files.writeString(big, ("#".repeat(ConfigFile.MAX_BYTES - 18) + "\nhttp-port=eighty\n"));
    assertThat(Files.size(big)).isEqualTo(ConfigFile.MAX_BYTES);
    serve(big).fails(2, "invalid value for http-port: 'eighty'");
  }

  /** UTF-8 text as the ISO-8859-1 string of its bytes, for the table below. */
  private static String utf8(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** Bad files, as bytes (ISO-8859-1 in the table), and what the one line on stderr must hold. */
  static Stream<Arguments> badFiles() {
    return Stream.of(
        // Terminal escapes in a key or a value, raw or as a backslash-u escape decoded by the parser.
        arguments("\u001b]0;owned\u0007=1\n", List.of("unknown key '<U+001B>]0;owned<U+0007>'")),
        arguments("http-port=\u001b[2J\u0007\n", List.of("invalid value for http-port: '<U+001B>[2J<U+0007>'")),
        arguments("http-port=\\u001b]0;x\\u0007\n", List.of("invalid value for http-port: '<U+001B>]0;x<U+0007>'")),
        // Bad values and bad text.
        arguments("ntp-port=12x\n", List.of("invalid value for ntp-port: '12x' (a number expected)")),
        arguments(utf8("ntp-port=\uff12\uff13\n"), List.of("invalid value for ntp-port: '\uff12\uff13' (a number expected)")),
        arguments("keyfile=a\u0000b\n", List.of("invalid value for keyfile: 'a<U+0000>b' (not a file name)")),
        arguments("rtc=\\u12\n", List.of("malformed")),
        arguments("rtc=syst\u00e9m\n", List.of("not UTF-8 text")),
        arguments("rate-limit-kod=true\n", List.of("unknown key 'rate-limit-kod'")),
        arguments("help=true\n", List.of("unknown key 'help'")));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFilesAreOneLineUsageErrorsNamingTheKey(String latin1, List<String> fragments) throws IOException {
    Path file = Files.write(dir.resolve("serve.properties"), latin1.getBytes(StandardCharsets.ISO_8859_1));
    List<String> all = new java.util.ArrayList<>(fragments);
    all.add("--config '" + file + "'");
    serve(file).fails(2, all.toArray(String[]::new));
  }

  @Test
  void terminalEscapesInTheFileNameAreEscaped() throws IOException {
    Path evilName = Files.writeString(dir.resolve("\u001b[31mred.properties"), "ntp-prot=1\n");
    serve(evilName).fails(2, "--config", "<U+001B>[31mred.properties", "unknown key 'ntp-prot'");
  }

  @Test
  void parsingIsDeterministicAndSorted() {
    byte[] bytes = "b=2\na = 1 \n# c=3\nb=4\n".getBytes(StandardCharsets.UTF_8);
    Path file = Path.of("x.properties");
    assertThat(ConfigFile.parse(file, bytes)).containsExactly(
        java.util.Map.entry("a", "1"), java.util.Map.entry("b", "4"));
    assertThat(ConfigFile.parse(file, bytes)).isEqualTo(ConfigFile.parse(file, bytes.clone()));
  }
}
