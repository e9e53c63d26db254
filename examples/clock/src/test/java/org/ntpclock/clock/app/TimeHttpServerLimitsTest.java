package org.ntpclock.clock.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;

/** The HTTP server's bounds: slow, idle, oversized and odd requests get a clean answer or a close. */
class TimeHttpServerLimitsTest {
  private static final Instant AT = Instant.parse("2026-11-21T09:38:16.684830539Z");

  private static TimeHttpServer start(TimeSource source, TimeHttpServer.Limits limits) throws IOException {
    return TimeHttpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), source, TimeFields.create(),
        limits);
  }

  private static TimeHttpServer start() throws IOException {
    return start(SystemTimeSource.create(Clock.fixed(AT, ZoneOffset.UTC)), TimeHttpServer.Limits.defaults());
  }

  /** Sends raw bytes and returns the whole response (the server closes or the 10 s read timeout ends it). */
  private static String exchange(TimeHttpServer server, String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return readHead(s.getInputStream());
    }
  }

  /** The status line and headers of the first response. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }

  @Test
  void aRequestLineBeyondTheLimitGets414() throws IOException {
    try (TimeHttpServer server = start()) {
      String response = exchange(server, "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(response).startsWith("HTTP/1.1 414 ");
    }
  }

  @Test
  void headersBeyondTheLimitGet431() throws IOException {
    try (TimeHttpServer server = start()) {
      String response = exchange(server, "GET /time HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
      assertThat(response).startsWith("HTTP/1.1 431 ");
    }
  }

  @Test
  void theDateHeaderComesFromTheServedClock() throws IOException {
    try (TimeHttpServer server = start()) {
      String response = exchange(server, "GET /time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(response).startsWith("HTTP/1.1 200 ").contains("Date: Sat, 21 Nov 2026 09:38:16 GMT\r\n")
          .contains("Cache-Control: no-store").doesNotContain("Server:");
    }
  }

  @Test
  void aClockThatDoesNotKnowTheTimeSends503WithoutADate() throws IOException {
    TimeSource unknown = new TimeSource() {
      @Override
      public long nowBits() {
        return 0;
      }

      @Override
      public TimeSourceStatus status() {
        return SystemTimeSource.create().status();
      }
    };
    try (TimeHttpServer server = start(unknown, TimeHttpServer.Limits.defaults())) {
      String response = exchange(server, "GET /time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(response).startsWith("HTTP/1.1 503 ").doesNotContain("Date:");
    }
  }

  @Test
  void otherMethodsGet405WithAllow() throws IOException {
    try (TimeHttpServer server = start()) {
      String response = exchange(server, "POST /time HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      assertThat(response).startsWith("HTTP/1.1 405 ").contains("Allow: GET, HEAD");
    }
  }

  @Test
  void garbageGets400() throws IOException {
    try (TimeHttpServer server = start()) {
      assertThat(exchange(server, "\u0001\u0002\u0003 nonsense\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }
  }

  @Test
  void slowClientsHoldingHalfARequestDoNotStopTime() throws IOException {
    try (TimeHttpServer server = start()) {
      List<Socket> slow = new ArrayList<>();
      try {
        // More half-sent requests than the server has worker threads (the old server had two).
        for (int i = 0; i < 100; i++) {
          Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
          s.getOutputStream().write("GET /ti".getBytes(StandardCharsets.ISO_8859_1));
          slow.add(s);
        }
        assertThat(exchange(server, "GET /time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            .startsWith("HTTP/1.1 200 ");
      } finally {
        for (Socket s : slow) {
          s.close();
        }
      }
    }
  }

  @Test
  void anIdleHalfRequestIsClosedByTheServer() throws IOException {
    try (TimeHttpServer server = start(SystemTimeSource.create(), TimeHttpServer.Limits.defaults()
        .withIdleTimeout(Duration.ofMillis(300)))) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
        s.getOutputStream().write("GET /ti".getBytes(StandardCharsets.ISO_8859_1));
        s.setSoTimeout(30_000);
        // The server closes the connection (end of stream, possibly after an error response).
        InputStream in = s.getInputStream();
        int c;
        try {
          do {
            c = in.read();
          } while (c >= 0);
        } catch (SocketTimeoutException e) {
          throw new AssertionError("the server kept an idle half request open for 30 s", e);
        } catch (IOException e) {
          // A reset is a close too.
          c = -1;
        }
        assertThat(c).isEqualTo(-1);
      }
    }
  }

  @Test
  void limitsRejectNonsense() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TimeHttpServer.Limits.defaults().withMaxConnections(0))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TimeHttpServer.Limits.defaults().withIdleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addedTextRoutesAndRequestListeners() throws IOException {
    try (TimeHttpServer server = start()) {
      server.addTextRoute("/metrics", "text/plain; version=0.0.4", () -> "up 1\n");
      List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      server.addRequestListener((path, status, nanos) -> seen.add(path + " " + status));
      String response = exchange(server, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(response).startsWith("HTTP/1.1 200 ").contains("Content-Type: text/plain; version=0.0.4");
      exchange(server, "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      // The listener runs after the response is handed over: wait for it (bounded), not for time.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (seen.size() < 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(seen).containsExactly("/metrics 200", "/nothing 404");
    }
  }
}
