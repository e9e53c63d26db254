package org.ntpclock.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed test certificates made by the JDK's {@code keytool}, written as PEM (certificate and
 * PKCS#8 key, what chrony reads) and PKCS#12: an RSA 2048 key (GnuTLS, under chrony, cannot read the JDK's PKCS#8 encoding of EC keys), CN and IP SAN 127.0.0.1 unless told
 * otherwise, optionally already expired.
 *
 * @param certificate the PEM certificate (also the CA file a client trusts)
 * @param key the PEM PKCS#8 private key
 * @param pkcs12 the PKCS#12 store, password {@link #PASSWORD}
 */
public record TestCertificates(Path certificate, Path key, Path pkcs12) {
  /** The password of every store this class makes. */
  public static final String PASSWORD = "changeit";

  /**
   * A certificate for 127.0.0.1, valid from yesterday for a week.
   *
   * @param dir where to write
   * @param name file name stem
   * @return the files written
   * @throws IOException if keytool fails or a file cannot be written
   */
  public static TestCertificates create(Path dir, String name) throws IOException {
    return create(dir, name, "ip:127.0.0.1", "-1d", 7);
  }

  /**
   * A certificate.
   *
   * @param dir where to write
   * @param name file name stem
   * @param san keytool SAN syntax, e.g. {@code ip:127.0.0.1} or {@code dns:example.org}
   * @param start keytool start date, e.g. {@code -1d} or {@code -30d}
   * @param days validity
   * @return the files written
   * @throws IOException if keytool fails or a file cannot be written
   */
  public static TestCertificates create(Path dir, String name, String san, String start, int days) throws IOException {
    Path p12 = dir.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "nts", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=" + name, "-ext", "SAN=" + san, "-ext", "BC:c=ca:true", "-startdate", start, "-validity", Integer.toString(days),
        "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("keytool failed: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    try (InputStream in = Files.newInputStream(p12)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      Key key = ks.getKey("nts", PASSWORD.toCharArray());
      List<String> certs = new ArrayList<>();
      for (Certificate c : ks.getCertificateChain("nts")) {
        certs.add(pem("CERTIFICATE", c.getEncoded()));
      }
      Path certificate = dir.resolve(name + ".crt");
      Path keyFile = dir.resolve(name + ".key");
      Files.writeString(certificate, String.join("", certs));
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      return new TestCertificates(certificate, keyFile, p12);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
