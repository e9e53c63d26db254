package org.ntpclock.codec.transport;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.ntpclock.codec.nts.NtsException;

/**
 * Checks an NTS-KE server's certificate chain the same way on every TLS stack: PKIX validation to a
 * trust anchor (the JDK's trust store or the CAs of a PEM file), validity dates, and the host name
 * or IP address the client asked for against the leaf's subject alternative names (RFC 6125; an
 * IP address needs an IP SAN). Each failure is its own {@link NtsException.Reason}.
 */
final class CertificateVerifier {
  private final Set<TrustAnchor> anchors;

  private CertificateVerifier(Set<TrustAnchor> anchors) {
    this.anchors = anchors;
  }

  /**
   * Trusts the CAs of the JDK's default trust store.
   *
   * @return the verifier
   * @throws NtsException if the trust store cannot be read
   */
  static CertificateVerifier jdkDefault() throws NtsException {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      Set<TrustAnchor> anchors = new HashSet<>();
      for (var tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager) {
          for (X509Certificate ca : ((X509TrustManager) tm).getAcceptedIssuers()) {
            anchors.add(new TrustAnchor(ca, null));
          }
        }
      }
      return new CertificateVerifier(anchors);
    } catch (GeneralSecurityException e) {
      throw new NtsException(NtsException.Reason.BAD_CREDENTIALS, -1, "cannot read the JDK trust store", e);
    }
  }

  /**
   * Trusts exactly the given CA certificates.
   *
   * @param cas the CAs
   * @return the verifier
   */
  static CertificateVerifier of(List<X509Certificate> cas) {
    Set<TrustAnchor> anchors = new HashSet<>();
    cas.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
    return new CertificateVerifier(anchors);
  }

  /**
   * Verifies a chain for a host.
   *
   * @param chain the server's chain, leaf first
   * @param host the host name or IP literal the client connected to
   * @param now the time the chain must be valid at
   * @throws NtsException {@link NtsException.Reason#CERTIFICATE_EXPIRED},
   *     {@link NtsException.Reason#CERTIFICATE_UNTRUSTED} or
   *     {@link NtsException.Reason#HOSTNAME_MISMATCH}
   */
  void verify(List<X509Certificate> chain, String host, Date now) throws NtsException {
    if (chain.isEmpty()) {
      throw new NtsException(NtsException.Reason.CERTIFICATE_UNTRUSTED, "server sent no certificate");
    }
    for (X509Certificate c : chain) {
      try {
        c.checkValidity(now);
      } catch (CertificateExpiredException | CertificateNotYetValidException e) {
        throw new NtsException(NtsException.Reason.CERTIFICATE_EXPIRED, -1,
            "certificate " + c.getSubjectX500Principal() + " is valid " + c.getNotBefore() + " .. " + c.getNotAfter(), e);
      }
    }
    if (anchors.isEmpty()) {
      throw new NtsException(NtsException.Reason.CERTIFICATE_UNTRUSTED, "no trusted CA");
    }
    try {
      CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chainWithoutAnchor(chain));
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(now);
      CertPathValidator.getInstance("PKIX").validate(path, params);
    } catch (CertPathValidatorException e) {
      throw new NtsException(NtsException.Reason.CERTIFICATE_UNTRUSTED, -1,
          "certificate " + chain.get(0).getSubjectX500Principal() + " does not chain to a trusted CA: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new NtsException(NtsException.Reason.CERTIFICATE_UNTRUSTED, -1, "cannot validate the chain: " + e.getMessage(), e);
    }
    checkHost(chain.get(0), host);
  }

  /** A self-signed leaf that is itself a trust anchor validates as an empty path. */
  private List<X509Certificate> chainWithoutAnchor(List<X509Certificate> chain) {
    for (int i = 0; i < chain.size(); i++) {
      for (TrustAnchor a : anchors) {
        if (a.getTrustedCert() != null && a.getTrustedCert().equals(chain.get(i))) {
          return chain.subList(0, i);
        }
      }
    }
    return chain;
  }

  private static void checkHost(X509Certificate leaf, String host) throws NtsException {
    Collection<List<?>> sans;
    try {
      sans = leaf.getSubjectAlternativeNames();
    } catch (java.security.cert.CertificateParsingException e) {
      throw new NtsException(NtsException.Reason.HOSTNAME_MISMATCH, -1, "unreadable subject alternative names", e);
    }
    boolean ip = isIpLiteral(host);
    if (sans != null) {
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        String value = String.valueOf(san.get(1));
        if (ip && type == 7 && sameAddress(value, host)) {
          return;
        }
        if (!ip && type == 2 && dnsMatches(value, host)) {
          return;
        }
      }
    }
    throw new NtsException(NtsException.Reason.HOSTNAME_MISMATCH,
        "certificate " + leaf.getSubjectX500Principal() + " does not name " + host + " in a " + (ip ? "IP" : "DNS") + " subject alternative name");
  }

  static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static boolean sameAddress(String a, String b) {
    try {
      // Both are literals: no name lookup happens.
      return Arrays.equals(InetAddress.getByName(a).getAddress(), InetAddress.getByName(b).getAddress());
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** Exact match, or one leftmost-label wildcard ({@code *.example.org} matches {@code a.example.org}). */
  private static boolean dnsMatches(String pattern, String host) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (p.startsWith("*.")) {
      int dot = h.indexOf('.');
      return dot > 0 && h.substring(dot).equals(p.substring(1));
    }
    return p.equals(h);
  }
}
