package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.clock.json.Json;

/**
 * The clock's HTTP interface, a time service for devices that speak HTTP GET but not NTP:
 *
 * <ul>
 *   <li>{@code GET /time}: one JSON object (status 503 with null times while the clock does not
 *       know the time) with {@code iso}, {@code unix}, {@code ntp},
 *       {@code gpsWeek}, {@code gpsTimeOfWeek}, {@code micropython}, {@code leap} and
 *       {@code synchronized} (see {@link TimeFields#httpJson});
 *   <li>{@code GET /time.txt}: the same on one line of text;
 *   <li>paths added with {@link #addTextRoute} (such as {@code /metrics});
 *   <li>{@code GET /} or {@code HEAD} of any of them: a short index, so {@code htpdate} can poll
 *       the root.
 * </ul>
 *
 * <p>Every response carries a {@code Date} header in IMF-fixdate form (RFC 9110) read from the same
 * {@link TimeSource} reading as the body, so header and body always agree; while the clock does not
 * know the time the header is left out, as RFC 9110 asks of a server without a reliable clock.
 *
 * <h2>Hostile and careless clients</h2>
 *
 * <p>It runs on Jetty rather than the JDK's {@code com.sun.net.httpserver}: that server reads each
 * request head with a blocking read on a worker thread, so every client that sends half a request
 * and waits holds a thread (two such clients stopped the old two-thread server), and on JDK 17 it
 * has no bound on open connections, no request-line or header limit answered with 414/431, and no
 * way to set the {@code Date} header. Jetty parses request heads without blocking (a slow client
 * holds a buffer, not a thread) and has each of those limits; it is maintained, runs on Java 17,
 * and is only the application's dependency, never a library's. The limits ({@link Limits}):
 *
 * <ul>
 *   <li>an idle timeout: a connection that sends nothing for {@link Limits#idleTimeout()} is closed,
 *       half a request or not;
 *   <li>a bound on open connections: beyond {@link Limits#maxConnections()} the server stops
 *       accepting (new clients wait in the backlog) and shortens the idle timeout of the open ones;
 *   <li>a listen backlog of {@link Limits#backlog()} (the kernel caps it at
 *       {@code net.core.somaxconn}), so a burst of clients waits in the kernel instead of being
 *       refused and retried a second later;
 *   <li>request line and headers together at most {@link Limits#maxRequestHeadBytes()}: a longer
 *       request line gets 414 URI Too Long, longer headers 431 Request Header Fields Too Large;
 *   <li>workers: a bounded pool of platform threads, with handlers run on virtual threads where
 *       the JDK has them (21 and later).
 * </ul>
 */
public final class TimeHttpServer implements AutoCloseable {
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Server server;
  private final ServerConnector connector;
  private final TimeSource source;
  private final TimeFields fields;
  private final Map<String, TextRoute> routes = new ConcurrentHashMap<>();
  private final List<RequestListener> listeners = new CopyOnWriteArrayList<>();

  /** A path served with text computed per request (for example {@code /metrics}). */
  private record TextRoute(String contentType, Supplier<String> body) {}

  /** Told about every request the handler answered, for metrics. */
  @FunctionalInterface
  public interface RequestListener {
    /**
     * One answered request.
     *
     * @param path the request path
     * @param status the response status
     * @param nanos from the handler's start to the response handed to the connection
     */
    void answered(String path, int status, long nanos);
  }

  /**
   * The server's bounds.
   *
   * @param idleTimeout how long a connection may stay silent, mid-request or between requests
   * @param maxConnections the most connections open at once
   * @param backlog the listen backlog asked of the kernel
   * @param maxRequestHeadBytes the longest request line plus headers
   * @param maxThreads the platform worker threads
   */
  public record Limits(Duration idleTimeout, int maxConnections, int backlog, int maxRequestHeadBytes, int maxThreads) {
    /**
     * Checks the bounds.
     *
     * @param idleTimeout how long a connection may stay silent, positive
     * @param maxConnections the most connections open at once, 1 or more
     * @param backlog the listen backlog, 1 or more
     * @param maxRequestHeadBytes the longest request line plus headers, 256 or more
     * @param maxThreads the platform worker threads, 4 or more
     * @throws IllegalArgumentException if one is out of range
     */
    public Limits {
      checkNotNull(idleTimeout, "idleTimeout");
      checkArgument(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idle timeout must be positive: %s", idleTimeout);
      checkArgument(maxConnections >= 1, "maxConnections must be positive: %s", maxConnections);
      checkArgument(backlog >= 1, "backlog must be positive: %s", backlog);
      checkArgument(maxRequestHeadBytes >= 256, "maxRequestHeadBytes must be at least 256: %s", maxRequestHeadBytes);
      checkArgument(maxThreads >= 4, "maxThreads must be at least 4: %s", maxThreads);
    }

    /**
     * The defaults: 10 s idle, 4096 connections, backlog 4096, 8 KiB request head, 32 threads.
     *
     * @return the default limits
     */
    public static Limits defaults() {
      return new Limits(Duration.ofSeconds(10), 4096, 4096, 8 * 1024, 32);
    }

    /**
     * A copy with another idle timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public Limits withIdleTimeout(Duration timeout) {
      return new Limits(timeout, maxConnections, backlog, maxRequestHeadBytes, maxThreads);
    }

    /**
     * A copy with another connection bound.
     *
     * @param connections the bound
     * @return the copy
     */
    public Limits withMaxConnections(int connections) {
      return new Limits(idleTimeout, connections, backlog, maxRequestHeadBytes, maxThreads);
    }
  }

  private TimeHttpServer(Server server, ServerConnector connector, TimeSource source, TimeFields fields) {
    this.server = server;
    this.connector = connector;
    this.source = source;
    this.fields = fields;
  }

  /**
   * Binds and starts the server with the {@link Limits#defaults()}.
   *
   * @param address where to listen; port 0 picks a free port
   * @param source the clock to report
   * @param fields how readings become JSON and text
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static TimeHttpServer start(InetSocketAddress address, TimeSource source, TimeFields fields) throws IOException {
    return start(address, source, fields, Limits.defaults());
  }

  /**
   * Binds and starts the server.
   *
   * @param address where to listen; port 0 picks a free port
   * @param source the clock to report
   * @param fields how readings become JSON and text
   * @param limits the bounds
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static TimeHttpServer start(InetSocketAddress address, TimeSource source, TimeFields fields, Limits limits)
      throws IOException {
    checkNotNull(address, "address");
    checkNotNull(source, "source");
    checkNotNull(fields, "fields");
    checkNotNull(limits, "limits");
    QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(4, limits.maxThreads()));
    threads.setName("ntpclock-http");
    threads.setDaemon(true);
    Executor virtual = VirtualThreads.getNamedVirtualThreadsExecutor("ntpclock-http-v");
    if (virtual != null) {
      threads.setVirtualThreadsExecutor(virtual);
    }
    // Daemon timer thread too: a clock that is never closed must not keep the JVM alive.
    Server server = new Server(threads, new ScheduledExecutorScheduler("ntpclock-http-timer", true), null);
    server.setStopTimeout(1000);
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(limits.maxRequestHeadBytes());
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // The handler writes Date from the clock it serves; Jetty's would come from the system clock.
    http.setSendDateHeader(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    connector.setAcceptQueueSize(limits.backlog());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    server.addConnector(connector);
    NetworkConnectionLimit limit = new NetworkConnectionLimit(limits.maxConnections(), connector);
    limit.setEndPointIdleTimeout(Math.min(1000, limits.idleTimeout().toMillis()));
    server.addBean(limit);
    TimeHttpServer time = new TimeHttpServer(server, connector, source, fields);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        time.handle(request, response, callback);
        return true;
      }
    });
    server.setErrorHandler((request, response, callback) -> {
      // Errors Jetty finds itself (400, 414, 431 ...): a line of text, no server details.
      int status = response.getStatus();
      String reason = HttpStatus.getMessage(status);
      writeText(response, callback, status, status + " " + reason + "\n", false);
      return true;
    });
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly(server);
      throw e;
    } catch (Exception e) {
      stopQuietly(server);
      throw new IOException("cannot start the HTTP server on " + address + ": " + e.getMessage(), e);
    }
    return time;
  }

  /**
   * The bound address, with the actual port.
   *
   * @return the address
   */
  public InetSocketAddress address() {
    String host = connector.getHost();
    return new InetSocketAddress(host, connector.getLocalPort());
  }

  /**
   * Serves {@code GET path} (and {@code HEAD}) with text computed per request, such as metrics in
   * the Prometheus format.
   *
   * @param path the exact path, starting with {@code /}
   * @param contentType the content type of the body
   * @param body computes the body; a failure answers 500
   */
  public void addTextRoute(String path, String contentType, Supplier<String> body) {
    checkArgument(path != null && path.startsWith("/"), "path must start with /: %s", path);
    routes.put(path, new TextRoute(checkNotNull(contentType, "contentType"), checkNotNull(body, "body")));
  }

  /**
   * Adds {@code GET /metrics} in the Prometheus format and times every request into it.
   *
   * @param metrics the clock's metrics
   */
  public void addMetrics(ClockMetrics metrics) {
    checkNotNull(metrics, "metrics");
    addTextRoute("/metrics", ClockMetrics.CONTENT_TYPE, metrics::scrape);
    addRequestListener(metrics::recordRequest);
  }

  /**
   * Adds a listener told about every answered request (metrics); called on the serving thread, so
   * it must be quick and must not throw.
   *
   * @param listener the listener
   */
  public void addRequestListener(RequestListener listener) {
    listeners.add(checkNotNull(listener, "listener"));
  }

  private void handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    try {
      respond(request, response, callback);
    } catch (RuntimeException e) {
      // A bug (or an unreadable clock) must not drop the connection without an answer.
      response.getHeaders().remove(HttpHeader.DATE);
      writeText(response, callback, 500, "internal error\n", false);
    }
    if (!listeners.isEmpty()) {
      String path = request.getHttpURI().getPath();
      for (RequestListener l : listeners) {
        l.answered(path == null ? "" : path, response.getStatus(), System.nanoTime() - start);
      }
    }
  }

  private void respond(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    boolean head = method.equals("HEAD");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (!head && !method.equals("GET")) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      writeText(response, callback, 405, "method not allowed\n", false);
      return;
    }
    // Read the clock once per request, as late as possible before answering; the Date header and
    // the body come from that one reading.
    long bits = source.nowBits();
    TimeSourceStatus status = source.status();
    if (bits != 0) {
      response.getHeaders().put(HttpHeader.DATE, HttpDates.format(NtpTimestamp.ofBits(bits).toInstant()));
    }
    String path = request.getHttpURI().getPath();
    TextRoute route = path == null ? null : routes.get(path);
    if (route != null) {
      write(response, callback, 200, route.contentType(), route.body().get(), head);
      return;
    }
    switch (path == null ? "" : path) {
      case "/time" -> write(response, callback, code(bits), "application/json",
          Json.write(fields.httpJson(bits, status), false) + "\n", head);
      case "/time.txt" -> writeText(response, callback, code(bits), fields.httpLine(bits, status) + "\n", head);
      case "/", "/index.html" -> writeText(response, callback, 200,
          "ntpclock: GET /time (JSON) or /time.txt (one line); the Date header carries the time\n", head);
      default -> writeText(response, callback, 404, "not found: try /time or /time.txt\n", head);
    }
  }

  /** 200, or 503 Service Unavailable while the clock does not know the time. */
  private static int code(long bits) {
    return bits == 0 ? 503 : 200;
  }

  private static void writeText(Response response, Callback callback, int code, String body, boolean head) {
    write(response, callback, code, TEXT, body, head);
  }

  private static void write(Response response, Callback callback, int code, String type, String body, boolean head) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, head ? null : ByteBuffer.wrap(bytes), callback);
  }

  /** Stops accepting requests, gives running ones a moment, and ends the worker threads. */
  @Override
  public void close() {
    stopQuietly(server);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping on shutdown: the threads are daemons and the port is released with the channel.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
