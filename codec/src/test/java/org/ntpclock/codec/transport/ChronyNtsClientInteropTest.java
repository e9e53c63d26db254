package org.ntpclock.codec.transport;

import org.ntpclock.core.testing.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.nts.AeadAlgorithm;
import org.ntpclock.codec.nts.NtsMasterKeys;
import org.ntpclock.codec.nts.NtsServerCodec;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.testing.RequiresTool;

/**
 * chronyd 4.3 as the NTS client of our NTS-KE server and NTS-answering NtpServer on loopback
 * ({@code server 127.0.0.1 port P nts ntsport Q} with {@code ntstrustedcerts}): chronyd's own
 * {@code ntpdata} and {@code authdata}, read over its Unix command socket, say our replies are
 * authenticated and its offset to us is sane.
 */
@RequiresTool({"chronyd", "chronyc"})
class ChronyNtsClientInteropTest {
  @TempDir Path dir;

  @Test
  void chronydAuthenticatesOurNtsReplies() throws Exception {
    TestCertificates cert = TestCertificates.create(dir, "127.0.0.1");
    ChronyNtsServerInteropTest.warmUp(cert);
    NtsMasterKeys masterKeys = NtsMasterKeys.create(InstantSource.system(), Duration.ofHours(1), 2);
    NtpResponder responder = NtpResponder.builder(SystemTimeSource.create())
        .nts(new NtsServerCodec(masterKeys, new SecureRandom())).build();
    try (NtpServer ntp = NtpServer.builder(responder).bindAddress(InetAddress.getLoopbackAddress()).port(0).workers(1).start();
        NtsKeServer ke = NtsKeServer.builder(NtsCredentials.fromPem(cert.certificate(), cert.key()), masterKeys).port(0)
            .ntpPort(ntp.localAddress().getPort()).aeads(List.of(AeadAlgorithm.AES_SIV_CMAC_256)).start();
        ChronyNts chrony = ChronyNts.client(dir, cert, ntp.localAddress().getPort(), ke.port())) {
      String ntpdata = chrony.awaitChronyc(out -> out.contains("Authenticated   : Yes") && validRx(out) >= 3, 160, "ntpdata", "127.0.0.1");
      assertThat(ntpdata).as(chrony.log()).contains("Authenticated   : Yes");
      assertThat(validRx(ntpdata)).isGreaterThanOrEqualTo(3);
      Matcher offset = Pattern.compile("Offset\\s+:\\s+([-+0-9.e]+) seconds").matcher(ntpdata);
      assertThat(offset.find()).as(ntpdata).isTrue();
      assertThat(Math.abs(Double.parseDouble(offset.group(1)))).isLessThan(0.05);

      String authdata = chrony.chronyc("authdata");
      assertThat(authdata).as(authdata).containsPattern("127\\.0\\.0\\.1\\s+NTS\\s+1\\s+15\\s+256");
      assertThat(ke.served()).isGreaterThanOrEqualTo(1);
      assertThat(ntp.stats().count(Verdict.ANSWERED_NTS)).isGreaterThanOrEqualTo(3);
      assertThat(ntp.stats().count(Verdict.KOD_NTS_NAK)).isZero();
    }
  }

  private static long validRx(String ntpdata) {
    Matcher m = Pattern.compile("Total valid RX\\s+:\\s+(\\d+)").matcher(ntpdata);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
