package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad value exits 2 with one line naming the option, every failed operation exits 1, and no
 * line on stderr carries a Java exception class name or a raw control character.
 */
class BadInputCliTest {
  @TempDir Path dir;

  private static CliRun clean(CliRun run) {
    assertThat(run.err()).doesNotContain("Exception", "Error:", "\u001b", "\u0007");
    return run;
  }

  @Test
  void fullWidthDigitsAreBadHexNotACrash() {
    clean(CliRun.of("decode", "２３")).fails(2, "bad hex", "'２'");
  }

  @Test
  void instantsBeyondWhatDatesHoldAreOutOfRange() {
    clean(CliRun.of("convert", "--iso", "+1000000000-01-01T00:00:00Z")).fails(2, "invalid value for --iso", "out of range");
    clean(CliRun.of("convert", "--unix", "31556889864403199")).fails(2, "invalid value for --unix", "out of range");
    clean(CliRun.of("convert", "--unix", "-31557014167219200")).fails(2, "invalid value for --unix", "out of range");
  }

  @Test
  void aGpsWeekThatCannotBeResolvedNamesNear() {
    clean(CliRun.of("convert", "--gps10", "1023:0", "--near", "+999999999-01-01T00:00:00Z"))
        .fails(2, "invalid value for --near");
  }

  @Test
  void devicesAreRefusedNotReadForever() {
    Path zero = Paths.get("/dev/zero");
    assumeTrue(Files.exists(zero), "needs /dev/zero");
    clean(CliRun.of("leapfile", zero.toString())).fails(2, "invalid value for FILE", "not a regular file");
    clean(CliRun.of("decode", "--keyfile", zero.toString(), "00")).fails(2, "invalid value for --keyfile", "not a regular file");
    clean(CliRun.of("query", "--keyfile", zero.toString(), "--key", "1", "127.0.0.1:1"))
        .fails(2, "invalid value for --keyfile", "not a regular file");
    clean(CliRun.of("serve", "--keyfile", zero.toString(), "--display", "none"))
        .fails(2, "invalid value for --keyfile", "not a regular file");
    clean(CliRun.of("convert", "--leap-file", zero.toString(), "--unix", "0"))
        .fails(2, "invalid value for --leap-file", "not a regular file");
    clean(CliRun.of("serve", "--leap-file", zero.toString(), "--display", "none"))
        .fails(2, "invalid value for --leap-file", "not a regular file");
    // A device is read through standard input ("-"); named, it is refused instead of read for ever.
    clean(CliRun.of("nmea", zero.toString())).fails(2, "invalid value for FILE", "not a regular file");
  }

  @Test
  void aDirectoryIsNotALeapFile() {
    clean(CliRun.of("leapfile", dir.toString())).fails(2, "invalid value for FILE", "a directory");
  }

  @Test
  void anOversizedLeapFileIsRefusedWithItsLimit() throws IOException {
    Path big = dir.resolve("big.list");
    Files.write(big, new byte[(1 << 20) + 1]);
    clean(CliRun.of("leapfile", big.toString())).fails(2, "invalid value for FILE", "larger than 1048576 bytes");
  }

  @Test
  void terminalEscapesFromALeapFileAreEscaped() throws IOException {
    Path evil = dir.resolve("evil.list");
    Files.writeString(evil, "#$ 3929093563\n#@ 3960057600\n2272060800\t10\n2287785600\t\u001b]0;owned\u0007\n",
        StandardCharsets.ISO_8859_1);
    CliRun run = clean(CliRun.of("leapfile", evil.toString()));
    run.fails(1, "bad format", "<U+001B>]0;owned<U+0007>");
  }

  @Test
  void terminalEscapesInAnArgumentAreEscaped() {
    clean(CliRun.of("convert", "--iso", "\u001b]0;owned\u0007")).fails(2, "invalid value for --iso", "<U+001B>");
    clean(CliRun.of("decode", "\u001b[2J")).fails(2, "bad hex", "<U+001B>");
  }

  @Test
  void aPngDisplayIsCheckedBeforeServing() {
    clean(CliRun.of("serve", "--display", "png:/nonexistent/dir/x.png", "--http-port", "0", "--ntp-port", "0"))
        .fails(2, "invalid value for --display", "does not exist");
    clean(CliRun.of("serve", "--display", "png:" + dir, "--http-port", "0", "--ntp-port", "0"))
        .fails(2, "invalid value for --display", "is a directory");
  }

  @Test
  void kodNeedsARateLimit() {
    clean(CliRun.of("serve", "--rate-limit-kod", "--display", "none")).fails(2, "--rate-limit-kod needs --rate-limit");
  }
}
