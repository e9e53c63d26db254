package org.ntpclock.codec.transport;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ntpclock.codec.nts.NtsException;

/**
 * An NTS-KE server's certificate chain and private key, read from PEM files (an unencrypted PKCS#8
 * {@code PRIVATE KEY}, as {@code openssl genpkey} writes it) or a PKCS#12 file. RSA and EC (P-256)
 * keys work on both TLS stacks.
 */
public final class NtsCredentials {
  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

  private final PrivateKey key;
  private final List<X509Certificate> chain;

  private NtsCredentials(PrivateKey key, List<X509Certificate> chain) {
    this.key = key;
    this.chain = List.copyOf(chain);
  }

  /**
   * Reads PEM files.
   *
   * @param certificateFile one or more {@code CERTIFICATE} blocks, leaf first
   * @param keyFile a {@code PRIVATE KEY} block (PKCS#8, unencrypted)
   * @return the credentials
   * @throws NtsException {@link NtsException.Reason#BAD_CREDENTIALS} if a file is unreadable,
   *     holds no certificate, or the key is not PKCS#8 RSA or EC
   */
  public static NtsCredentials fromPem(Path certificateFile, Path keyFile) throws NtsException {
    List<X509Certificate> chain = readCertificates(certificateFile);
    String keyText = read(keyFile);
    Matcher m = PEM.matcher(keyText);
    while (m.find()) {
      if (m.group(1).equals("PRIVATE KEY")) {
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        for (String algorithm : List.of("RSA", "EC")) {
          try {
            return new NtsCredentials(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)), chain);
          } catch (GeneralSecurityException e) {
            // try the next algorithm
          }
        }
        throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, keyFile + ": the private key is neither RSA nor EC");
      }
      if (m.group(1).endsWith("PRIVATE KEY")) {
        throw new NtsException(NtsException.Reason.BAD_CREDENTIALS,
            keyFile + ": " + m.group(1) + " is not PKCS#8; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
      }
    }
    throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, keyFile + ": no PRIVATE KEY block");
  }

  /**
   * Reads a PKCS#12 file with one key entry.
   *
   * @param file the file
   * @param password its password
   * @return the credentials
   * @throws NtsException {@link NtsException.Reason#BAD_CREDENTIALS} if unreadable or without a key
   */
  public static NtsCredentials fromPkcs12(Path file, char[] password) throws NtsException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          List<X509Certificate> chain = new ArrayList<>();
          for (Certificate c : ks.getCertificateChain(alias)) {
            chain.add((X509Certificate) c);
          }
          return new NtsCredentials((PrivateKey) ks.getKey(alias, password), chain);
        }
      }
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, file + ": no key entry");
    } catch (IOException | GeneralSecurityException e) {
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, -1, file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the {@code CERTIFICATE} blocks of a PEM file (a server's chain, or the CAs a client trusts).
   *
   * @param file the file
   * @return the certificates in file order, at least one
   * @throws NtsException {@link NtsException.Reason#BAD_CREDENTIALS} if unreadable or empty
   */
  public static List<X509Certificate> readCertificates(Path file) throws NtsException {
    String text = read(file);
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      while (m.find()) {
        if (m.group(1).equals("CERTIFICATE")) {
          byte[] der = Base64.getMimeDecoder().decode(m.group(2));
          certificates.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, -1, file + ": " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, file + ": no CERTIFICATE block");
    }
    return certificates;
  }

  private static String read(Path file) throws NtsException {
    checkNotNull(file, "file");
    try {
      checkArgument(Files.size(file) < 1 << 20, "%s is larger than 1 MiB", file);
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, -1, file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The private key.
   *
   * @return the key
   */
  public PrivateKey key() {
    return key;
  }

  /**
   * The certificate chain, leaf first.
   *
   * @return the chain
   */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** The leaf's subject; never the key. */
  @Override
  public String toString() {
    return "NtsCredentials[" + chain.get(0).getSubjectX500Principal() + "]";
  }
}
