package org.ntpclock.codec.transport;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ntpclock.codec.nts.AeadAlgorithm;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.nts.NtsKeServerProtocol;
import org.ntpclock.codec.nts.NtsMasterKeys;

/**
 * An NTS-KE server (RFC 8915 section 4): accepts TCP connections, runs TLS 1.3 with ALPN
 * {@code ntske/1} on the given certificate, answers one request per connection with eight cookies
 * sealed under the {@link NtsMasterKeys} the NTP responder opens them with, and closes.
 *
 * <p>Bounded: a few handler threads, at most {@value #MAX_CONNECTIONS} connections at once (more
 * are closed at once), a read timeout per connection, and a bounded message size.
 */
public final class NtsKeServer implements AutoCloseable {
  /** Connections served at once. */
  public static final int MAX_CONNECTIONS = 16;

  private final ServerSocket socket;
  private final NtsKeServerProtocol protocol;
  private final NtsCredentials credentials;
  private final TlsStack stack;
  private final int timeoutMillis;
  private final ExecutorService handlers;
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
  private final Thread acceptor;
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean closed;

  private NtsKeServer(Builder b, TlsStack stack) throws IOException {
    this.protocol = new NtsKeServerProtocol(b.masterKeys, b.aeads, b.ntpServer, b.ntpPort);
    this.credentials = b.credentials;
    this.stack = stack;
    this.timeoutMillis = (int) b.timeout.toMillis();
    this.socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(b.address, b.port), 64);
    this.handlers = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "nts-ke-handler");
      t.setDaemon(true);
      return t;
    });
    this.acceptor = new Thread(this::acceptLoop, "nts-ke-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A builder.
   *
   * @param credentials the certificate chain and key
   * @param masterKeys the cookie keys, shared with the NTP responder
   * @return the builder
   */
  public static Builder builder(NtsCredentials credentials, NtsMasterKeys masterKeys) {
    return new Builder(credentials, masterKeys);
  }

  /**
   * The bound port.
   *
   * @return the local port
   */
  public int port() {
    return socket.getLocalPort();
  }

  /**
   * The TLS stack in use.
   *
   * @return {@code jdk} or {@code bouncycastle}
   */
  public String tlsStack() {
    return stack.name();
  }

  /**
   * Key exchanges answered with cookies.
   *
   * @return the count
   */
  public long served() {
    return served.get();
  }

  /**
   * Connections that failed or were refused.
   *
   * @return the count
   */
  public long failed() {
    return failed.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        failed.incrementAndGet();
        continue;
      }
      if (!slots.tryAcquire()) {
        failed.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      try {
        handlers.execute(() -> {
          try {
            handle(client);
          } finally {
            slots.release();
          }
        });
      } catch (RejectedExecutionException e) {
        slots.release();
        closeQuietly(client);
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      client.setSoTimeout(timeoutMillis);
      try (TlsStack.Connection tls = stack.accept(client, credentials)) {
        byte[] request = NtsKeClient.readMessage(tls.in());
        NtsKeServerProtocol.Outcome outcome = protocol.respond(request, tls.exporter());
        // Counted before the client can see the answer, so a count read after an exchange is exact.
        (outcome.aead().isPresent() ? served : failed).incrementAndGet();
        OutputStream out = tls.out();
        out.write(outcome.message());
        out.flush();
      }
    } catch (IOException | NtsException | RuntimeException e) {
      failed.incrementAndGet();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing more to do for a connection we drop
    }
  }

  /** Stops accepting, closes the socket and waits briefly for handlers. */
  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    handlers.shutdownNow();
    try {
      acceptor.join(2000);
      handlers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builds an {@link NtsKeServer}. */
  public static final class Builder {
    private final NtsCredentials credentials;
    private final NtsMasterKeys masterKeys;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port = NtsKeClient.DEFAULT_PORT;
    private List<AeadAlgorithm> aeads = List.of(AeadAlgorithm.AES_SIV_CMAC_256, AeadAlgorithm.AES_SIV_CMAC_512);
    private Optional<String> ntpServer = Optional.empty();
    private OptionalInt ntpPort = OptionalInt.empty();
    private Duration timeout = Duration.ofSeconds(5);
    private String tlsStack;

    private Builder(NtsCredentials credentials, NtsMasterKeys masterKeys) {
      this.credentials = checkNotNull(credentials, "credentials");
      this.masterKeys = checkNotNull(masterKeys, "masterKeys");
    }

    /**
     * The address to bind (default: loopback).
     *
     * @param value the address
     * @return this builder
     */
    public Builder address(InetAddress value) {
      this.address = checkNotNull(value, "address");
      return this;
    }

    /**
     * The TCP port (default 4460; 0 for any free port).
     *
     * @param value 0..65535
     * @return this builder
     */
    public Builder port(int value) {
      checkArgument(value >= 0 && value <= 0xFFFF, "port out of range: %s", value);
      this.port = value;
      return this;
    }

    /**
     * The NTP port to announce in Port Negotiation records, when not 123.
     *
     * @param value 1..65535
     * @return this builder
     */
    public Builder ntpPort(int value) {
      checkArgument(value > 0 && value <= 0xFFFF, "port out of range: %s", value);
      this.ntpPort = value == NtsKeClient.DEFAULT_NTP_PORT ? OptionalInt.empty() : OptionalInt.of(value);
      return this;
    }

    /**
     * The NTP server to announce in Server Negotiation records, when not this host.
     *
     * @param value a host name or address
     * @return this builder
     */
    public Builder ntpServer(String value) {
      this.ntpServer = Optional.of(value);
      return this;
    }

    /**
     * The AEADs accepted, in this server's order (default: 256, then 512; the client's order wins).
     *
     * @param value at least one
     * @return this builder
     */
    public Builder aeads(List<AeadAlgorithm> value) {
      checkArgument(!value.isEmpty(), "accept at least one AEAD");
      this.aeads = List.copyOf(value);
      return this;
    }

    /**
     * The per-connection read timeout (default 5 s).
     *
     * @param value positive
     * @return this builder
     */
    public Builder timeout(Duration value) {
      checkArgument(value.compareTo(Duration.ZERO) > 0, "timeout must be positive: %s", value);
      this.timeout = value;
      return this;
    }

    /**
     * Forces a TLS stack instead of choosing at run time.
     *
     * @param name {@code jdk} or {@code bouncycastle}
     * @return this builder
     */
    public Builder tlsStack(String name) {
      this.tlsStack = checkNotNull(name, "name");
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @return the running server
     * @throws NtsException {@link NtsException.Reason#EXPORTER_UNAVAILABLE} without a TLS exporter
     * @throws IOException if the port cannot be bound
     */
    public NtsKeServer start() throws NtsException, IOException {
      TlsStack stack = tlsStack == null ? TlsStack.select() : TlsStack.named(tlsStack);
      return new NtsKeServer(this, stack);
    }
  }
}
