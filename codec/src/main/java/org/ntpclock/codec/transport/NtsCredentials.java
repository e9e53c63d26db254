package org.ntpclock.codec.transport;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
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
import org.ntpclock.core.input.BoundedInput;
import org.ntpclock.core.input.InputTooLargeException;
import org.ntpclock.core.input.SafeText;

/**
 * An NTS-KE server's certificate chain and private key, read from PEM files (an unencrypted PKCS#8
 * {@code PRIVATE KEY}, as {@code openssl genpkey} writes it) or a PKCS#12 file. RSA and EC (P-256)
 * keys work on both TLS stacks. Every file is read whole with a bound ({@link #MAX_FILE_BYTES})
 * before it is parsed, and only if it is a regular file: a FIFO or a device such as
 * {@code /dev/zero} is refused before it is opened. Messages name the file escaped.
 */
public final class NtsCredentials {
  /** Largest certificate, key or PKCS#12 file read: a long chain takes a few tens of kilobytes. */
  public static final int MAX_FILE_BYTES = 1 << 20;

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
    return new NtsCredentials(readPrivateKey(keyFile), chain);
  }

  /**
   * The credentials of a key and its certificate chain, read separately (so that a tool can say
   * which of two files is bad).
   *
   * @param key the private key
   * @param chain the certificates, leaf first, at least one
   * @return the credentials
   */
  public static NtsCredentials of(PrivateKey key, List<X509Certificate> chain) {
    checkNotNull(key, "key");
    checkArgument(!checkNotNull(chain, "chain").isEmpty(), "the chain holds no certificate");
    return new NtsCredentials(key, chain);
  }

  /**
   * Reads the {@code PRIVATE KEY} block of a PEM file (PKCS#8, unencrypted, RSA or EC), at most
   * {@link #MAX_FILE_BYTES}; FIFOs and devices are refused before they are opened.
   *
   * @param keyFile the file
   * @return the key
   * @throws NtsException {@link NtsException.Reason#BAD_CREDENTIALS} if the file is unreadable,
   *     too large, holds no {@code PRIVATE KEY} block, or the key is not PKCS#8 RSA or EC
   */
  public static PrivateKey readPrivateKey(Path keyFile) throws NtsException {
    String keyText = read(keyFile);
    String name = name(keyFile);
    Matcher m = PEM.matcher(keyText);
    while (m.find()) {
      if (m.group(1).equals("PRIVATE KEY")) {
        byte[] der;
        try {
          der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
          throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, -1, name + ": the private key is not base64", e);
        }
        for (String algorithm : List.of("RSA", "EC")) {
          try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
          } catch (GeneralSecurityException e) {
            // try the next algorithm
          }
        }
        throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, name + ": the private key is neither RSA nor EC");
      }
      if (m.group(1).endsWith("PRIVATE KEY")) {
        throw new NtsException(NtsException.Reason.BAD_CREDENTIALS,
            name + ": " + m.group(1) + " is not PKCS#8; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
      }
    }
    throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, name + ": no PRIVATE KEY block");
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
    byte[] bytes = readBytes(file);
    String name = name(file);
    try (InputStream in = new ByteArrayInputStream(bytes)) {
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
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, name + ": no key entry");
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, -1, name + ": " + message(e), e);
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
    String name = name(file);
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
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, -1, name + ": " + message(e), e);
    }
    if (certificates.isEmpty()) {
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, name + ": no CERTIFICATE block");
    }
    return certificates;
  }

  private static String read(Path file) throws NtsException {
    // PEM is ASCII: other bytes become U+FFFD, which no base64 block holds.
    return new String(readBytes(file), StandardCharsets.US_ASCII);
  }

  /** The file's bytes, bounded; a FIFO or device is refused before it is opened. */
  private static byte[] readBytes(Path file) throws NtsException {
    checkNotNull(file, "file");
    try {
      return BoundedInput.readFile(file, MAX_FILE_BYTES);
    } catch (InputTooLargeException e) {
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, -1, name(file) + ": larger than " + e.limit() + " bytes", e);
    } catch (FileSystemException e) {
      String why = e instanceof NoSuchFileException ? "file not found"
          : e instanceof AccessDeniedException ? "permission denied"
          : e.getReason() != null ? e.getReason() : "cannot read";
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, -1, name(file) + ": " + SafeText.escape(why), e);
    } catch (IOException e) {
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, -1, name(file) + ": " + message(e), e);
    }
  }

  /** A file name for a message: a user's path may hold terminal escapes. */
  private static String name(Path file) {
    return SafeText.escape(file.toString(), SafeText.DEFAULT_MAX_CHARS);
  }

  private static String message(Exception e) {
    return SafeText.escape(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), SafeText.DEFAULT_MAX_CHARS);
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
