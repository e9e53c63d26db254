package org.ntpclock.benchmarks.harness;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The peer for the robustness harness's burst figures: the JDK's own HTTP server with a backlog
 * of 4096 and 32 threads, answering {@code GET /time} with the system clock in a one-line JSON
 * object, and nothing else. It prints {@code HTTP server on http://127.0.0.1:PORT/time} as
 * {@code ntpclock serve} does, and runs until it is stopped.
 */
public final class BareJdkHttpServer {
  private BareJdkHttpServer() {}

  /**
   * Serves until killed.
   *
   * @param args ignored
   * @throws IOException if the loopback port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    server.setExecutor(Executors.newFixedThreadPool(32));
    server.createContext("/time", exchange -> {
      byte[] body = ("{\"unix\":\"" + System.currentTimeMillis() / 1000.0 + "\"}\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    System.out.println("NTP server on udp 127.0.0.1:0");
    System.out.println("HTTP server on http://127.0.0.1:" + server.getAddress().getPort() + "/time");
    System.out.flush();
  }
}
