package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.core.testing.TestCertificates;

/**
 * Certificate, key and PKCS#12 files are read with a bound before they are parsed; FIFOs and
 * devices are refused before they are opened; messages carry the file name escaped.
 */
class NtsCredentialsFilesTest {
  @TempDir Path dir;

  private static void refused(ThrowingCallable call, String... fragments) {
    assertThatThrownBy(call).isInstanceOfSatisfying(NtsException.class, e -> {
      assertThat(e.reason()).isEqualTo(NtsException.Reason.BAD_CREDENTIALS);
      assertThat(e.getMessage()).contains(fragments).doesNotContain("\u001b", "\u0007", "\n");
    });
  }

  @Test
  void devicesAreRefusedNotReadForever() throws Exception {
    Path zero = Paths.get("/dev/zero");
    assumeTrue(Files.exists(zero), "needs /dev/zero");
    TestCertificates good = TestCertificates.create(dir, "127.0.0.1");
    refused(() -> NtsCredentials.readCertificates(zero), "/dev/zero", "not a regular file");
    refused(() -> NtsCredentials.readPrivateKey(zero), "/dev/zero", "not a regular file");
    refused(() -> NtsCredentials.fromPem(good.certificate(), zero), "/dev/zero", "not a regular file");
    refused(() -> NtsCredentials.fromPkcs12(zero, TestCertificates.PASSWORD.toCharArray()), "/dev/zero", "not a regular file");
  }

  @Test
  void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
    Path fifo = dir.resolve("key.pem");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
    refused(() -> NtsCredentials.readPrivateKey(fifo), "FIFO");
    refused(() -> NtsCredentials.readCertificates(fifo), "FIFO");
    refused(() -> NtsCredentials.fromPkcs12(fifo, new char[0]), "FIFO");
  }

  @Test
  void anOversizedFileIsRefusedWithItsLimit() throws Exception {
    Path big = dir.resolve("big.pem");
    Files.write(big, new byte[NtsCredentials.MAX_FILE_BYTES + 1]);
    refused(() -> NtsCredentials.readCertificates(big), "larger than " + NtsCredentials.MAX_FILE_BYTES + " bytes");
    refused(() -> NtsCredentials.fromPkcs12(big, new char[0]), "larger than");
  }

  @Test
  void badContentAndEscapesInNamesAreTyped() throws Exception {
    Path evil = Files.writeString(dir.resolve("\u001b[2Jx.pem"), "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
        StandardCharsets.US_ASCII);
    refused(() -> NtsCredentials.readPrivateKey(evil), "<U+001B>[2Jx.pem");
    refused(() -> NtsCredentials.readCertificates(evil), "<U+001B>[2Jx.pem", "no CERTIFICATE block");
    refused(() -> NtsCredentials.fromPkcs12(evil, new char[0]), "<U+001B>[2Jx.pem");
  }

  @Test
  void aKeyAndChainReadApartMakeTheSameCredentials() throws Exception {
    TestCertificates good = TestCertificates.create(dir, "127.0.0.1");
    NtsCredentials apart = NtsCredentials.of(NtsCredentials.readPrivateKey(good.key()), NtsCredentials.readCertificates(good.certificate()));
    NtsCredentials together = NtsCredentials.fromPem(good.certificate(), good.key());
    assertThat(apart.key()).isEqualTo(together.key());
    assertThat(apart.chain()).isEqualTo(together.chain());
  }
}
