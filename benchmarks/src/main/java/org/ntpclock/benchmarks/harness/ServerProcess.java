package org.ntpclock.benchmarks.harness;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.transport.NtpServer;
import org.ntpclock.codec.server.RateLimiter;
import org.ntpclock.codec.transport.ServerStats;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;

/**
 * One ntpclock {@link NtpServer} in a JVM of its own, driven by {@link ServerLoadHarness} over
 * stdin/stdout, so that each configuration is measured the way it would be deployed (its own JIT
 * profile, heap and threads) and not in the harness's JVM.
 *
 * <p>Starts on 127.0.0.1 with an ephemeral port and prints {@code PORT <n>}; then answers each
 * {@code STATS} line with {@code STATS answered=<n> rateLimited=<n> kodRate=<n> dropped=<n>}, and
 * stops on {@code QUIT}, end of input, or after {@code maxSeconds}.
 *
 * <p>Usage: {@code ServerProcess defaults|ratelimit|busypoll maxSeconds [spin]}, where
 * {@code busypoll} is the defaults with {@link NtpServer.Builder#busyPoll(Duration)} receive,
 * {@code spin} its ISO-8601 duration (default {@code PT0.05S}), and one worker: busy-polling is
 * meant for few workers, and one loopback client is served by one worker anyway. With two workers
 * (each {@code chronyd -Q} run then comes from a new port that {@code SO_REUSEPORT} hashes to
 * either) the gain in offset was inconsistent on this 2-core VM, with one worker it was
 * consistent; the cause was not established.
 */
public final class ServerProcess {
  private ServerProcess() {}

  /**
   * Runs the server.
   *
   * @param args the configuration ({@code defaults}, {@code ratelimit} or {@code busypoll}), the
   *     longest lifetime in seconds, and for {@code busypoll} optionally the spin
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    String config = args[0];
    long maxSeconds = Long.parseLong(args[1]);
    TimeSource clock = SystemTimeSource.create();
    NtpResponder.Builder responder = NtpResponder.builder(clock);
    if ("ratelimit".equals(config)) {
      // Interval 2^-19 s and burst 255: about 524 000 requests/s per client, more than one
      // loopback client reaches, so every request goes through the table and none is limited.
      responder.rateLimiter(RateLimiter.builder().interval(RateLimiter.MIN_INTERVAL).burst(255).build());
    } else if (!"defaults".equals(config) && !"busypoll".equals(config)) {
      throw new IllegalArgumentException("configuration must be defaults, ratelimit or busypoll: " + config);
    }
    NtpServer.Builder builder = NtpServer.builder(responder.build()).port(0);
    if ("busypoll".equals(config)) {
      builder.busyPoll(Duration.parse(args.length > 2 ? args[2] : "PT0.05S")).workers(1);
    }
    Thread deadline = new Thread(() -> {
      try {
        Thread.sleep(maxSeconds * 1000);
        Runtime.getRuntime().halt(4);
      } catch (InterruptedException e) {
        // Stopped normally.
      }
    }, "server-deadline");
    deadline.setDaemon(true);
    deadline.start();
    try (NtpServer server = builder.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("PORT " + server.localAddress().getPort());
      System.out.flush();
      for (String line = in.readLine(); line != null && !"QUIT".equals(line.trim()); line = in.readLine()) {
        if ("STATS".equals(line.trim())) {
          ServerStats s = server.stats();
          System.out.printf(Locale.ROOT, "STATS answered=%d rateLimited=%d kodRate=%d dropped=%d workers=%d%n",
              s.answered(), s.rateLimited(), s.count(Verdict.KOD_RATE), s.dropped(), server.workerCount());
          System.out.flush();
        }
      }
    }
  }
}
