package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.clock.json.JsonObject;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.codec.transport.NtsKeServer;
import org.ntpclock.core.testing.TestCertificates;

/**
 * {@code serve --nts-cert/--nts-key}, {@code nts-ke} and {@code query --nts} end to end on loopback,
 * with a certificate the test makes (IP SAN 127.0.0.1), and a wrong CA failing with its reason.
 */
class NtsCommandsTest {
  @TempDir Path dir;

  @Test
  void serveNtsThenKeyExchangeAndAuthenticatedQuery() throws Exception {
    TestCertificates cert = TestCertificates.create(dir, "127.0.0.1");
    TestCertificates other = TestCertificates.create(dir, "other");
    try (RunningServe serve = RunningServe.start("--display", "none", "--nts-cert", cert.certificate().toString(),
        "--nts-key", cert.key().toString(), "--nts-port", "0")) {
      NtsKeServer ke = serve.clock().ntsKeServer().orElseThrow();
      assertThat(serve.out()).contains("NTS-KE server on tcp 127.0.0.1:" + ke.port());
      String server = "127.0.0.1:" + ke.port();

      JsonObject negotiation = CliRun.of("nts-ke", server, "--ca", cert.certificate().toString(), "--json").json();
      assertThat(negotiation.get("aead")).isEqualTo("AEAD_AES_SIV_CMAC_512");
      assertThat(String.valueOf(negotiation.get("cookies"))).isEqualTo("8");
      assertThat(negotiation.get("ntpServer")).isEqualTo("127.0.0.1");
      assertThat(String.valueOf(negotiation.get("ntpPort"))).isEqualTo(String.valueOf(serve.ntpPort()));

      JsonObject sample = CliRun.of("query", "--nts", server, "--ca", cert.certificate().toString(), "--json").json();
      assertThat(sample.get("authenticated")).isEqualTo("nts");
      assertThat(Math.abs(Double.parseDouble(String.valueOf(sample.get("offset"))))).isLessThan(0.05);
      assertThat(serve.clock().ntpServer().stats().count(Verdict.ANSWERED_NTS)).isEqualTo(1);

      CliRun.of("nts-ke", server, "--ca", other.certificate().toString()).fails(1, "CERTIFICATE_UNTRUSTED");
      CliRun.of("query", "--nts", server, "--ca", other.certificate().toString()).fails(1, "NTS key exchange failed", "CERTIFICATE_UNTRUSTED");
    }
  }

  @Test
  void ntsOptionsAreCheckedTogether() {
    CliRun.of("serve", "--nts-cert", "x.pem").fails(2, "--nts-cert and --nts-key go together");
    CliRun.of("query", "--ca", "x.pem", "127.0.0.1").fails(2, "--ca goes with --nts");
  }
}
