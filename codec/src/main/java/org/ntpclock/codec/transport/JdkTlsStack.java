package org.ntpclock.codec.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.ntpclock.codec.nts.KeyExporter;
import org.ntpclock.codec.nts.NtsException;

/**
 * The JDK's own TLS 1.3 with the exporter JDK 25 added ({@code
 * ExtendedSSLSession.exportKeyingMaterialData}, JDK-8341346). The library compiles for Java 17,
 * so the method is looked up once at run time; on older JDKs {@link #available()} is false.
 */
final class JdkTlsStack implements TlsStack {
  private static final MethodHandle EXPORT = findExporter();

  static boolean available() {
    return EXPORT != null;
  }

  private static MethodHandle findExporter() {
    try {
      return MethodHandles.publicLookup().findVirtual(ExtendedSSLSession.class, "exportKeyingMaterialData",
          MethodType.methodType(byte[].class, String.class, byte[].class, int.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public Connection connect(Socket socket, String host, CertificateVerifier verifier) throws NtsException {
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(null, new TrustManager[] {new VerifyingTrustManager(verifier, host)}, null);
      SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
      SSLParameters params = ssl.getSSLParameters();
      params.setProtocols(new String[] {"TLSv1.3"});
      params.setApplicationProtocols(new String[] {ALPN});
      if (!CertificateVerifier.isIpLiteral(host)) {
        params.setServerNames(List.of(new SNIHostName(host)));
      }
      ssl.setSSLParameters(params);
      ssl.setUseClientMode(true);
      return handshake(ssl);
    } catch (GeneralSecurityException | IOException e) {
      throw failure(e);
    }
  }

  @Override
  public Connection accept(Socket socket, NtsCredentials credentials) throws NtsException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] password = new char[0];
      ks.setKeyEntry("nts", credentials.key(), password, credentials.chain().toArray(new X509Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(kmf.getKeyManagers(), null, null);
      SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
      SSLParameters params = ssl.getSSLParameters();
      params.setProtocols(new String[] {"TLSv1.3"});
      params.setApplicationProtocols(new String[] {ALPN});
      ssl.setSSLParameters(params);
      ssl.setUseClientMode(false);
      return handshake(ssl);
    } catch (GeneralSecurityException | IOException e) {
      throw failure(e);
    }
  }

  private static Connection handshake(SSLSocket ssl) throws IOException, NtsException {
    ssl.startHandshake();
    if (!ALPN.equals(ssl.getApplicationProtocol())) {
      ssl.close();
      throw new NtsException(NtsException.Reason.TLS_FAILURE, "peer did not agree to ALPN " + ALPN);
    }
    ExtendedSSLSession session = (ExtendedSSLSession) ssl.getSession();
    KeyExporter exporter = (label, context, length) -> {
      try {
        return (byte[]) EXPORT.invoke(session, label, context, length);
      } catch (Throwable t) { // the handle's signature is Throwable; SSLKeyException is the real one
        throw new NtsException(NtsException.Reason.TLS_FAILURE, -1, "TLS exporter failed: " + t, t);
      }
    };
    return new Connection() {
      @Override
      public InputStream in() throws IOException {
        return ssl.getInputStream();
      }

      @Override
      public OutputStream out() throws IOException {
        return ssl.getOutputStream();
      }

      @Override
      public KeyExporter exporter() {
        return exporter;
      }

      @Override
      public void close() throws IOException {
        ssl.close();
      }
    };
  }

  /** The typed reason hidden in a handshake failure's causes, else a TLS failure. */
  static NtsException failure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NtsException) {
        return (NtsException) t;
      }
      if (t instanceof VerificationFailure) {
        return ((VerificationFailure) t).nts;
      }
    }
    return new NtsException(NtsException.Reason.TLS_FAILURE, -1, e.toString(), e);
  }

  /** Carries a typed failure through the JDK's CertificateException-only trust manager API. */
  static final class VerificationFailure extends CertificateException {
    private static final long serialVersionUID = 1L;
    final transient NtsException nts;

    VerificationFailure(NtsException nts) {
      super(nts.getMessage(), nts);
      this.nts = nts;
    }
  }

  /** Server checks only, by {@link CertificateVerifier}; a client certificate is never asked for. */
  private static final class VerifyingTrustManager extends X509ExtendedTrustManager {
    private final CertificateVerifier verifier;
    private final String host;

    VerifyingTrustManager(CertificateVerifier verifier, String host) {
      this.verifier = verifier;
      this.host = host;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        verifier.verify(List.of(chain), host, new Date());
      } catch (NtsException e) {
        throw new VerificationFailure(e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("NTS-KE clients are not authenticated by certificate");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
