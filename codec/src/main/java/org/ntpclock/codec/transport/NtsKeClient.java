package org.ntpclock.codec.transport;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.ntpclock.codec.nts.AeadAlgorithm;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.nts.NtsKeClientProtocol;
import org.ntpclock.codec.nts.NtsKeMessage;
import org.ntpclock.codec.nts.NtsKeResponse;
import org.ntpclock.codec.nts.NtsKeys;

/**
 * Runs NTS-KE (RFC 8915 section 4) against a server: TCP, TLS 1.3 with ALPN {@code ntske/1}, the
 * server's certificate checked against the JDK trust store or a PEM file of CAs (host name or IP
 * address included), one request, one response, the keys exported. The TLS stack is the JDK's on
 * 25 and later and BouncyCastle's ({@code org.bouncycastle:bctls-jdk18on}, optional) before; with
 * neither, {@link #exchange} fails with {@link NtsException.Reason#EXPORTER_UNAVAILABLE}.
 *
 * <p>Immutable and thread-safe; every exchange is its own connection, bounded by the timeout.
 */
public final class NtsKeClient {
  /** The NTS-KE port IANA assigned: 4460. */
  public static final int DEFAULT_PORT = 4460;
  /** The NTP port when the server names none. */
  public static final int DEFAULT_NTP_PORT = 123;

  private final Path trustedCertificates;
  private final Duration timeout;
  private final List<AeadAlgorithm> aeads;
  private final String tlsStack;

  private NtsKeClient(Builder b) {
    this.trustedCertificates = b.trustedCertificates;
    this.timeout = b.timeout;
    this.aeads = b.aeads;
    this.tlsStack = b.tlsStack;
  }

  /**
   * A builder.
   *
   * @param timeout the bound on connecting, the handshake and each read
   * @return the builder
   */
  public static Builder builder(Duration timeout) {
    return new Builder(timeout);
  }

  /**
   * Runs one key exchange.
   *
   * @param host the server's host name or IP address, as its certificate must name it
   * @param port its NTS-KE port
   * @return the keys, cookies and NTP endpoint
   * @throws NtsException a typed failure: certificate, TLS, negotiation, or no exporter
   */
  public NtsKeResult exchange(String host, int port) throws NtsException {
    checkNotNull(host, "host");
    checkArgument(port > 0 && port <= 0xFFFF, "port out of range: %s", port);
    TlsStack stack = tlsStack == null ? TlsStack.select() : TlsStack.named(tlsStack);
    CertificateVerifier verifier = trustedCertificates == null
        ? CertificateVerifier.jdkDefault()
        : CertificateVerifier.of(NtsCredentials.readCertificates(trustedCertificates));
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      try (TlsStack.Connection tls = stack.connect(socket, host, verifier)) {
        OutputStream out = tls.out();
        out.write(NtsKeClientProtocol.request(aeads));
        out.flush();
        byte[] message = readMessage(tls.in());
        NtsKeResponse response = NtsKeClientProtocol.parseResponse(message, aeads);
        NtsKeys keys = NtsKeys.derive(tls.exporter(), response.aead());
        return new NtsKeResult(response, keys, response.server().orElse(host), response.port().orElse(DEFAULT_NTP_PORT), stack.name());
      }
    } catch (IOException e) {
      throw new NtsException(NtsException.Reason.TLS_FAILURE, -1, host + ":" + port + ": " + e, e);
    }
  }

  /** Reads until one whole message has arrived; bounded by {@link NtsKeMessage#MAX_LENGTH}. */
  static byte[] readMessage(InputStream in) throws IOException, NtsException {
    byte[] buffer = new byte[NtsKeMessage.MAX_LENGTH];
    int length = 0;
    while (true) {
      int complete = NtsKeMessage.completeLength(buffer, length);
      if (complete >= 0) {
        return Arrays.copyOf(buffer, complete);
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        throw new NtsException(NtsException.Reason.RECORD_TRUNCATED, length, "connection closed inside an NTS-KE message");
      }
      length += n;
    }
  }

  /** Builds an {@link NtsKeClient}. */
  public static final class Builder {
    private final Duration timeout;
    private Path trustedCertificates;
    private List<AeadAlgorithm> aeads = List.of(AeadAlgorithm.AES_SIV_CMAC_512, AeadAlgorithm.AES_SIV_CMAC_256);
    private String tlsStack;

    private Builder(Duration timeout) {
      checkArgument(timeout.compareTo(Duration.ZERO) > 0, "timeout must be positive: %s", timeout);
      this.timeout = timeout;
    }

    /**
     * Trusts exactly the CAs of a PEM file instead of the JDK's trust store.
     *
     * @param pemFile {@code CERTIFICATE} blocks
     * @return this builder
     */
    public Builder trustedCertificates(Path pemFile) {
      this.trustedCertificates = checkNotNull(pemFile, "pemFile");
      return this;
    }

    /**
     * The AEADs to offer, most preferred first (default: 512, then 256).
     *
     * @param preference at least one
     * @return this builder
     */
    public Builder aeads(List<AeadAlgorithm> preference) {
      checkArgument(!preference.isEmpty(), "offer at least one AEAD");
      this.aeads = List.copyOf(preference);
      return this;
    }

    /**
     * Forces a TLS stack instead of choosing at run time.
     *
     * @param name {@code jdk} (JDK 25+) or {@code bouncycastle}
     * @return this builder
     */
    public Builder tlsStack(String name) {
      checkArgument(name.equals("jdk") || name.equals("bouncycastle"), "TLS stack must be jdk or bouncycastle: %s", name);
      this.tlsStack = name;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     */
    public NtsKeClient build() {
      return new NtsKeClient(this);
    }
  }
}
