package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.testing.ExternalProcess;
import org.ntpclock.clock.app.HttpDates;

/**
 * {@code ntpclock serve} as its own process ({@code java ... Main serve}, the jar's entry point):
 * it comes up on the simulated hardware, answers, and Ctrl-C (SIGINT) stops it cleanly through the
 * shutdown hook, releasing its ports.
 */
class ServeProcessTest {
  private static final Pattern HTTP = Pattern.compile("HTTP server on http://127\\.0\\.0\\.1:([0-9]+)/time");

  @Test
  void ctrlCStopsTheClockCleanly() throws Exception {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
        "org.ntpclock.clock.cli.Main", "serve", "--ntp-port", "0", "--http-port", "0", "--display", "none"))
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      CompletableFuture<Integer> httpPort = new CompletableFuture<>();
      Thread reader = new Thread(() -> {
        try {
          for (String line; (line = out.readLine()) != null; ) {
            synchronized (lines) {
              lines.add(line);
            }
            Matcher m = HTTP.matcher(line);
            if (m.find()) {
              httpPort.complete(Integer.parseInt(m.group(1)));
            }
          }
        } catch (java.io.IOException e) {
          // the process ended
        }
        httpPort.completeExceptionally(new AssertionError("serve printed no HTTP port: " + lines));
      });
      reader.setDaemon(true);
      reader.start();
      int port = httpPort.get(60, TimeUnit.SECONDS);

      ServeInteropTest.Response r = ServeInteropTest.get("http://127.0.0.1:" + port + "/time");
      assertThat(r.status()).isEqualTo(200);
      HttpDates.parse(r.header("date").orElseThrow());

      // Ctrl-C is SIGINT to the process.
      ExternalProcess.Result kill = ExternalProcess.run(Duration.ofSeconds(10), List.of("kill", "-INT", Long.toString(p.pid())));
      assertThat(kill.exitCode()).as(kill.output()).isZero();
      assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("serve stops within 15 s of SIGINT").isTrue();
      reader.join(5000);
      synchronized (lines) {
        assertThat(lines).contains("ntpclock stopped");
      }
      // Its port is free again.
      try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        assertThat(again.getLocalPort()).isEqualTo(port);
      }
    } finally {
      ExternalProcess.kill(p);
    }
  }
}
