package org.ntpclock.codec.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.function.Supplier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.ntpclock.codec.nts.AeadAlgorithm;
import org.ntpclock.codec.nts.KeyExporter;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.nts.NtsKeys;

/**
 * BouncyCastle's low-level TLS 1.3 ({@code TlsClientProtocol} / {@code TlsServerProtocol}), for
 * JDK 17 to 24 where the JDK has no exporter. Only this class names BouncyCastle types, so the
 * library loads without it; {@link TlsStack#select()} uses it only when {@code bctls} is present.
 *
 * <p>The NTS keys of every AEAD this implementation speaks are exported as soon as the handshake
 * completes, while the exporter secret is certainly still there; {@link Connection#exporter()}
 * hands out those.
 */
final class BcTlsStack implements TlsStack {
  /**
   * BouncyCastle's own JCA provider, not registered globally: the JDK's providers lack some TLS 1.3
   * signature names BouncyCastle asks for (SHA256WITHRSAANDMGF1 for rsa_pss_rsae_sha256). Made
   * once: it takes long enough that a peer's handshake timeout (chrony's is short) could pass
   * between connecting and the first TLS message.
   */
  private static final JcaTlsCrypto CRYPTO = new JcaTlsCryptoProvider().setProvider(new BouncyCastleProvider()).create(new SecureRandom());

  private final JcaTlsCrypto crypto = CRYPTO;

  /** NTS-KE is TLS 1.3 only (RFC 8915 section 3): no earlier version may be negotiated. */
  private static final ProtocolVersion[] TLS_13_ONLY = ProtocolVersion.TLSv13.only();

  @Override
  public String name() {
    return "bouncycastle";
  }

  /** The one ALPN protocol both sides offer. */
  private static Vector<ProtocolName> alpn() {
    Vector<ProtocolName> names = new Vector<>();
    names.add(ProtocolName.NTSKE_1);
    return names;
  }

  @Override
  public Connection connect(Socket socket, String host, CertificateVerifier verifier) throws NtsException {
    NtsException[] verification = new NtsException[1];
    Exports exports = new Exports();
    DefaultTlsClient client = new DefaultTlsClient(crypto) {
      @Override
      protected ProtocolVersion[] getSupportedVersions() {
        return TLS_13_ONLY.clone();
      }

      @Override
      protected Vector<ProtocolName> getProtocolNames() {
        return alpn();
      }

      @Override
      protected Vector<ServerName> getSNIServerNames() {
        if (CertificateVerifier.isIpLiteral(host)) {
          return null;
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(org.bouncycastle.tls.NameType.host_name, host.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        return names;
      }

      @Override
      public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
          @Override
          public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
            try {
              verifier.verify(toX509(serverCertificate.getCertificate()), host, new Date());
            } catch (NtsException e) {
              verification[0] = e;
              throw new TlsFatalAlert(AlertDescription.bad_certificate);
            }
          }

          @Override
          public TlsCredentials getClientCredentials(org.bouncycastle.tls.CertificateRequest request) {
            return null;
          }
        };
      }

      @Override
      public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        exports.take(context);
      }
    };
    return exports.handshake(() -> {
      TlsClientProtocol protocol = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
      protocol.connect(client);
      return protocol;
    }, () -> verification[0]);
  }

  @Override
  public Connection accept(Socket socket, NtsCredentials credentials) throws NtsException {
    Exports exports = new Exports();
    DefaultTlsServer server = new DefaultTlsServer(crypto) {
      @Override
      protected ProtocolVersion[] getSupportedVersions() {
        return TLS_13_ONLY.clone();
      }

      @Override
      protected Vector<ProtocolName> getProtocolNames() {
        return alpn();
      }

      @Override
      public TlsCredentials getCredentials() throws IOException {
        List<CertificateEntry> entries = new ArrayList<>();
        try {
          for (X509Certificate c : credentials.chain()) {
            entries.add(new CertificateEntry(crypto.createCertificate(c.getEncoded()), null));
          }
        } catch (GeneralSecurityException e) {
          throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
        Certificate chain = new Certificate(new byte[0], entries.toArray(new CertificateEntry[0]));
        SignatureAndHashAlgorithm scheme = credentials.key() instanceof ECPrivateKey
            ? SignatureAndHashAlgorithm.getInstance(org.bouncycastle.tls.HashAlgorithm.sha256, org.bouncycastle.tls.SignatureAlgorithm.ecdsa)
            : SignatureAndHashAlgorithm.rsa_pss_rsae_sha256;
        return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, credentials.key(), chain, scheme);
      }

      @Override
      public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        exports.take(context);
      }
    };
    return exports.handshake(() -> {
      TlsServerProtocol protocol = new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream());
      protocol.accept(server);
      return protocol;
    }, () -> null);
  }

  private static List<X509Certificate> toX509(Certificate certificate) throws IOException {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (int i = 0; i < certificate.getLength(); i++) {
        chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(certificate.getCertificateAt(i).getEncoded())));
      }
    } catch (GeneralSecurityException e) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, e);
    }
    return chain;
  }

  /** One side's handshake over a socket: returns the protocol once the handshake has completed. */
  @FunctionalInterface
  private interface Handshake {
    TlsProtocol run() throws IOException;
  }

  /** The exported keys of one connection, by exporter context, and the ALPN check. */
  private static final class Exports {
    private final Map<String, byte[]> keys = new HashMap<>();
    private boolean alpn;

    void take(TlsContext context) {
      ProtocolName chosen = context.getSecurityParametersConnection().getApplicationProtocol();
      alpn = ProtocolName.NTSKE_1.equals(chosen);
      for (AeadAlgorithm aead : AeadAlgorithm.values()) {
        for (int direction = 0; direction < 2; direction++) {
          byte[] c = contextBytes(aead, direction);
          keys.put(Arrays.toString(c), context.exportKeyingMaterial(NtsKeys.EXPORTER_LABEL, c, aead.keyLength()));
        }
      }
    }

    /**
     * Runs one side's blocking handshake and makes the connection, refusing it without ALPN.
     *
     * @param handshake makes the protocol over the socket and completes the handshake
     * @param cause the error that made the handshake fail, if the peer found one (certificate
     *     verification), else null: a failure without one is a TLS failure
     */
    Connection handshake(Handshake handshake, Supplier<NtsException> cause) throws NtsException {
      TlsProtocol protocol;
      try {
        protocol = handshake.run();
      } catch (IOException e) {
        NtsException known = cause.get();
        if (known != null) {
          throw known;
        }
        throw new NtsException(NtsException.Reason.TLS_FAILURE, -1, e.toString(), e);
      }
      return connection(protocol);
    }

    private Connection connection(TlsProtocol protocol) throws NtsException {
      if (!alpn) {
        try {
          protocol.close();
        } catch (IOException e) {
          // closing a connection we refuse anyway
        }
        throw new NtsException(NtsException.Reason.TLS_FAILURE, "peer did not agree to ALPN " + ALPN);
      }
      KeyExporter exporter = (label, context, length) -> {
        byte[] k = label.equals(NtsKeys.EXPORTER_LABEL) ? keys.get(Arrays.toString(context)) : null;
        if (k == null || k.length != length) {
          throw new NtsException(NtsException.Reason.TLS_FAILURE, "no exported key for label " + label + " and context " + Arrays.toString(context));
        }
        return k.clone();
      };
      return new Connection() {
        @Override
        public InputStream in() {
          return protocol.getInputStream();
        }

        @Override
        public OutputStream out() {
          return protocol.getOutputStream();
        }

        @Override
        public KeyExporter exporter() {
          return exporter;
        }

        @Override
        public void close() throws IOException {
          protocol.close();
        }
      };
    }

    private static byte[] contextBytes(AeadAlgorithm aead, int direction) {
      return new byte[] {0, 0, (byte) (aead.id() >>> 8), (byte) aead.id(), (byte) direction};
    }
  }
}
