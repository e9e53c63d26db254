package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkNotNull;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.clock.json.Json;

/**
 * The clock's HTTP interface on the JDK's {@code com.sun.net.httpserver}, a time
 * service for devices that speak HTTP GET but not NTP:
 *
 * <ul>
 *   <li>{@code GET /time}: one JSON object (status 503 with null times while the clock does not
 *       know the time) with {@code iso}, {@code unix}, {@code ntp},
 *       {@code gpsWeek}, {@code gpsTimeOfWeek}, {@code micropython}, {@code leap} and
 *       {@code synchronized} (see {@link TimeFields#httpJson});
 *   <li>{@code GET /time.txt}: the same on one line of text;
 *   <li>{@code GET /metrics} once {@link #addMetrics} was called: {@link ClockMetrics} in the
 *       Prometheus text format;
 *   <li>{@code GET /} or {@code HEAD} of any of them: a short index, so {@code htpdate} can poll
 *       the root.
 * </ul>
 *
 * <p>Every response carries a {@code Date} header in IMF-fixdate form (RFC 9110). The JDK server
 * writes that header itself from the system clock and overrides any value a handler sets, so the
 * header is right whenever the system clock is; {@code serve} warns at start when the RTC and the
 * system clock disagree by a second or more. The bodies come from the {@link TimeSource}.
 *
 * <p>Requests are served on a small pool of daemon threads of their own, so a slow or failing
 * client never stops the display.
 */
public final class TimeHttpServer implements AutoCloseable {
  private static final int THREADS = 2;

  private final HttpServer server;
  private final ExecutorService executor;
  private final TimeSource source;
  private final TimeFields fields;
  private HttpContext root;

  private TimeHttpServer(HttpServer server, ExecutorService executor, TimeSource source, TimeFields fields) {
    this.server = server;
    this.executor = executor;
    this.source = source;
    this.fields = fields;
  }

  /**
   * Binds and starts the server.
   *
   * @param address where to listen; port 0 picks a free port
   * @param source the clock to report
   * @param fields how readings become JSON and text
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static TimeHttpServer start(InetSocketAddress address, TimeSource source, TimeFields fields) throws IOException {
    checkNotNull(address, "address");
    checkNotNull(source, "source");
    checkNotNull(fields, "fields");
    HttpServer server = HttpServer.create(address, 16);
    AtomicInteger count = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "ntpclock-http-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    TimeHttpServer http = new TimeHttpServer(server, executor, source, fields);
    http.root = server.createContext("/", http::handle);
    server.setExecutor(executor);
    server.start();
    return http;
  }

  /**
   * The bound address, with the actual port.
   *
   * @return the address
   */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Adds {@code GET /metrics} in the Prometheus format and times every request into it.
   *
   * @param metrics the clock's metrics
   */
  public void addMetrics(ClockMetrics metrics) {
    checkNotNull(metrics, "metrics");
    root.getFilters().add(metrics.latencyFilter());
    server.createContext("/metrics", metrics.handler()).getFilters().add(metrics.latencyFilter());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        respond(exchange);
      } catch (RuntimeException e) {
        // A bug must not drop the connection without an answer; the server thread keeps serving.
        send(exchange, 500, "text/plain; charset=utf-8", "internal error: " + e.getClass().getSimpleName() + "\n", false);
      }
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    boolean head = method.equals("HEAD");
    Headers headers = exchange.getResponseHeaders();
    headers.set("Cache-Control", "no-store");
    if (!head && !method.equals("GET")) {
      headers.set("Allow", "GET, HEAD");
      send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n", false);
      return;
    }
    // Read the clock once per request, as late as possible before answering.
    String path = exchange.getRequestURI().getPath();
    switch (path) {
      case "/time" -> {
        long bits = source.nowBits();
        TimeSourceStatus status = source.status();
        send(exchange, code(bits), "application/json", Json.write(fields.httpJson(bits, status), false) + "\n", head);
      }
      case "/time.txt" -> {
        long bits = source.nowBits();
        TimeSourceStatus status = source.status();
        send(exchange, code(bits), "text/plain; charset=utf-8", fields.httpLine(bits, status) + "\n", head);
      }
      case "/", "/index.html" ->
          send(exchange, 200, "text/plain; charset=utf-8",
              "ntpclock: GET /time (JSON) or /time.txt (one line); the Date header carries the time\n", head);
      default -> send(exchange, 404, "text/plain; charset=utf-8", "not found: try /time or /time.txt\n", head);
    }
  }

  /** 200, or 503 Service Unavailable while the clock does not know the time. */
  private static int code(long bits) {
    return bits == 0 ? 503 : 200;
  }

  private static void send(HttpExchange exchange, int code, String type, String body, boolean head) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if (head) {
      exchange.sendResponseHeaders(code, -1);
      return;
    }
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops accepting requests, gives running ones a moment, and ends the worker threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
