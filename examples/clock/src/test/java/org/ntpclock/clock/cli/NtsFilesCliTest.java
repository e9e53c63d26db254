package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.transport.NtsCredentials;
import org.ntpclock.core.testing.TestCertificates;

/**
 * The certificate and key files of {@code serve --nts-cert/--nts-key}, {@code query --nts --ca} and
 * {@code nts-ke --ca}: read with a bound, FIFOs and devices refused, and a bad file is exit 2 with
 * one line naming its option, before any socket is opened. The servers named here (port 1 on
 * loopback) are never contacted, and {@code serve} is given a bad {@code --transport}, checked just
 * after the NTS files, so that files wrongly accepted fail the test instead of starting a server.
 */
class NtsFilesCliTest {
  @TempDir Path dir;

  private static CliRun clean(CliRun run) {
    assertThat(run.err()).doesNotContain("Exception", "Error:", "\u001b", "\u0007");
    return run;
  }

  private static CliRun serve(Path cert, Path key) {
    return clean(CliRun.of("serve", "--nts-cert", cert.toString(), "--nts-key", key.toString(),
        "--display", "none", "--http-port", "0", "--ntp-port", "0", "--transport", "none-such"));
  }

  private static void caRefused(Path ca, String... fragments) {
    clean(CliRun.of("nts-ke", "127.0.0.1:1", "--ca", ca.toString())).fails(2, fragments);
    clean(CliRun.of("query", "--nts", "--ca", ca.toString(), "127.0.0.1:1")).fails(2, fragments);
  }

  @Test
  void devicesAreRefusedNotReadForever() throws IOException {
    Path zero = Paths.get("/dev/zero");
    assumeTrue(Files.exists(zero), "needs /dev/zero");
    TestCertificates good = TestCertificates.create(dir, "127.0.0.1");
    serve(zero, good.key()).fails(2, "invalid value for --nts-cert", "/dev/zero: not a regular file");
    serve(good.certificate(), zero).fails(2, "invalid value for --nts-key", "/dev/zero: not a regular file");
    caRefused(zero, "invalid value for --ca", "/dev/zero: not a regular file");
  }

  @Test
  void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
    Path fifo = dir.resolve("ca.pem");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
    caRefused(fifo, "invalid value for --ca", "not a regular file", "FIFO");
    TestCertificates good = TestCertificates.create(dir, "127.0.0.1");
    serve(good.certificate(), fifo).fails(2, "invalid value for --nts-key", "FIFO");
  }

  @Test
  void oversizedMissingAndWrongFilesNameTheirOption() throws IOException {
    TestCertificates good = TestCertificates.create(dir, "127.0.0.1");
    Path big = dir.resolve("big.pem");
    Files.write(big, new byte[NtsCredentials.MAX_FILE_BYTES + 1]);
    caRefused(big, "invalid value for --ca", "larger than " + NtsCredentials.MAX_FILE_BYTES + " bytes");
    serve(big, good.key()).fails(2, "invalid value for --nts-cert", "larger than");
    caRefused(dir.resolve("none.pem"), "invalid value for --ca", "file not found");
    // The key where the certificate belongs, and the other way round.
    serve(good.key(), good.key()).fails(2, "invalid value for --nts-cert", "no CERTIFICATE block");
    serve(good.certificate(), good.certificate()).fails(2, "invalid value for --nts-key", "no PRIVATE KEY block");
  }

  @Test
  void terminalEscapesInAFileNameAreEscaped() throws IOException {
    Path evil = Files.writeString(dir.resolve("\u001b]0;owned\u0007.pem"), "not pem\n");
    caRefused(evil, "invalid value for --ca", "<U+001B>]0;owned<U+0007>.pem", "no CERTIFICATE block");
  }
}
