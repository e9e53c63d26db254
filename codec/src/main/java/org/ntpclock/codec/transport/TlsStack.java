package org.ntpclock.codec.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.ntpclock.codec.nts.KeyExporter;
import org.ntpclock.codec.nts.NtsException;

/**
 * A TLS 1.3 implementation that can export keys (RFC 8446 section 7.5), which is what NTS-KE needs
 * and what the JDK lacks before version 25. {@link #select} picks one at run time.
 */
interface TlsStack {
  /** ALPN protocol id of NTS-KE. */
  String ALPN = "ntske/1";

  /** A finished handshake: the streams and the exporter. */
  interface Connection extends Closeable {
    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    KeyExporter exporter();
  }

  /** The stack's name for messages and JSON: {@code jdk} or {@code bouncycastle}. */
  String name();

  /**
   * Runs a client handshake over a connected socket: TLS 1.3 only, ALPN {@value #ALPN}, the
   * server's chain checked by the verifier for the host.
   */
  Connection connect(Socket socket, String host, CertificateVerifier verifier) throws NtsException;

  /** Runs a server handshake over an accepted socket. */
  Connection accept(Socket socket, NtsCredentials credentials) throws NtsException;

  /**
   * The stack to use: the JDK's when it exports keys (25 and later), else BouncyCastle's when
   * {@code bctls} is on the class or module path.
   *
   * @throws NtsException {@link NtsException.Reason#EXPORTER_UNAVAILABLE} naming what to add
   */
  static TlsStack select() throws NtsException {
    if (JdkTlsStack.available()) {
      return new JdkTlsStack();
    }
    if (bouncyCastleAvailable()) {
      return new BcTlsStack();
    }
    throw new NtsException(NtsException.Reason.EXPORTER_UNAVAILABLE,
        "NTS needs a TLS exporter: run on JDK 25 or later, or add org.bouncycastle:bctls-jdk18on to the class path (JDK "
            + Runtime.version().feature() + " has no ExtendedSSLSession.exportKeyingMaterialData)");
  }

  /**
   * A stack by name, for tests and for users who want one.
   *
   * @param name {@code jdk} or {@code bouncycastle}
   * @throws NtsException {@link NtsException.Reason#EXPORTER_UNAVAILABLE} if it is not there
   */
  static TlsStack named(String name) throws NtsException {
    if (name.equals("jdk") && JdkTlsStack.available()) {
      return new JdkTlsStack();
    }
    if (name.equals("bouncycastle") && bouncyCastleAvailable()) {
      return new BcTlsStack();
    }
    throw new NtsException(NtsException.Reason.EXPORTER_UNAVAILABLE, "TLS stack " + name + " is not available on JDK " + Runtime.version().feature());
  }

  private static boolean bouncyCastleAvailable() {
    try {
      Class.forName("org.bouncycastle.tls.TlsClientProtocol", false, TlsStack.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
