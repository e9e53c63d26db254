package org.ntpclock.benchmarks.harness;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.ntpclock.benchmarks.report.Machine;

/**
 * Server throughput and time quality on loopback, ntpclock's {@code NtpServer} side by side with a
 * chronyd server.
 *
 * <p>Four targets, all on 127.0.0.1: chronyd (its defaults: rate limiting off), {@code NtpServer}
 * with its defaults (full request validation, rate limiting off), {@code NtpServer} with rate
 * limiting on at limits the load cannot trip (interval 2<sup>-19</sup> s, burst 255: about 524 000
 * requests/s per client, several times what one loopback client reaches here; the run checks that
 * the rate-limited counter stays 0), and {@code NtpServer} with its defaults but the busy-poll
 * receive ({@code NtpServer.Builder.busyPoll}, spin {@code --busy-poll-ms}, default 50 ms: longer
 * than the 1/64 s poll of the {@code chronyd -Q} probe, so its worker keeps spinning between the
 * probe's requests, and short enough that it parks while the other targets are measured; one
 * worker, see {@link ServerProcess}). Each
 * ntpclock server runs in a JVM of its own ({@link ServerProcess}, default JVM options) serving the
 * system clock, as it would be deployed.
 *
 * <p>Each target gets a warm-up run (JIT, caches), then {@code --rounds} measured runs of
 * {@code --seconds} each, targets interleaved and their order rotated per round; the median run
 * is reported. Then {@code chronyd -Q} measures the offset of chronyd, the default {@code NtpServer}
 * and the busy-poll one {@code --quality-runs} times each, interleaved.
 * Every run is bounded (at most 20 s, enforced), every process started is killed at the end, and a
 * watchdog ends the whole harness if it overruns.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * org.ntpclock.benchmarks.harness.ServerLoadHarness [--seconds 6] [--warmup 3] [--rounds 5]
 * [--window 64] [--quality-runs 10] [--busy-poll-ms 50] [--ntpload-source ../shared/tools/ntpload.c]
 * [--out benchmarks/results/server-load.json] [--chronyd /usr/sbin/chronyd]}
 */
public final class ServerLoadHarness {
  private ServerLoadHarness() {}

  /**
   * Runs the harness.
   *
   * @param args options, see the class comment
   * @throws Exception if a step fails; started processes are stopped first
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    int seconds = clamp(Integer.parseInt(opts.getOrDefault("seconds", "6")), 1, 20);
    int warmup = clamp(Integer.parseInt(opts.getOrDefault("warmup", "3")), 0, 20);
    int rounds = clamp(Integer.parseInt(opts.getOrDefault("rounds", "5")), 1, 9);
    int window = clamp(Integer.parseInt(opts.getOrDefault("window", "64")), 1, 4096);
    int qualityRuns = clamp(Integer.parseInt(opts.getOrDefault("quality-runs", "10")), 0, 50);
    int busyPollMillis = clamp(Integer.parseInt(opts.getOrDefault("busy-poll-ms", "50")), 1, 60_000);
    String chronyd = opts.getOrDefault("chronyd", Files.isExecutable(Paths.get("/usr/sbin/chronyd")) ? "/usr/sbin/chronyd" : "chronyd");
    Path source = Paths.get(opts.getOrDefault("ntpload-source", defaultSource()));
    Path out = Paths.get(opts.getOrDefault("out", Files.isDirectory(Paths.get("benchmarks")) ? "benchmarks/results/server-load.json" : "server-load.json"));

    Path work = Files.createTempDirectory("ntpclock-load-");
    int targetCount = 4;
    int qualityTargets = 3;
    long budgetSeconds = 60L + targetCount * warmup + targetCount * rounds * (seconds + 2L) + qualityTargets * qualityRuns * 20L;
    long started = System.nanoTime();
    try (Processes processes = new Processes()) {
      Thread watchdog = new Thread(() -> {
        try {
          Thread.sleep(budgetSeconds * 1000);
          System.err.println("harness overran its " + budgetSeconds + " s budget; stopping");
          processes.stopAll();
          Runtime.getRuntime().halt(3);
        } catch (InterruptedException e) {
          // Finished in time.
        }
      }, "harness-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      Runtime.getRuntime().addShutdownHook(new Thread(processes::stopAll, "harness-cleanup"));

      LoadGenerator load = LoadGenerator.compile(source, work, processes);
      ChronyServer chrony = ChronyServer.start(chronyd, work.resolve("chrony"), freeUdpPort(), processes);
      ChildServer plain = ChildServer.start("defaults", budgetSeconds, work.resolve("ntpclock.log"), processes);
      ChildServer limited = ChildServer.start("ratelimit", budgetSeconds, work.resolve("ntpclock-ratelimit.log"), processes);
      Duration spin = Duration.ofMillis(busyPollMillis);
      ChildServer busyPoll = ChildServer.start("busypoll", budgetSeconds, work.resolve("ntpclock-busypoll.log"), processes,
          spin.toString());
      try {
        List<Target> targets = List.of(
            new Target("chrony", "chronyd (defaults)", chrony.port(), null, true, ""),
            new Target("ntpclock", "ntpclock NtpServer (defaults)", plain.port(), plain, true, ""),
            new Target("ntpclock-ratelimit", "ntpclock NtpServer (rate limiting on, not tripped)", limited.port(), limited,
                false, ""),
            new Target("ntpclock-busypoll", "ntpclock NtpServer (busy-poll receive, " + busyPollMillis + " ms spin, 1 worker)",
                busyPoll.port(), busyPoll, true, ", \"busyPollSpin\": \"" + spin + "\""));
        if (targets.size() != targetCount) {
          throw new IllegalStateException("the watchdog budget counts " + targetCount + " targets");
        }
        for (Target t : targets) {
          awaitReady(t);
        }
        System.out.printf(Locale.ROOT, "%s%nload: ntpload.c (gcc -O2), 1 client socket, window %d, %d s runs, %d rounds%n",
            Machine.describe(), window, seconds, rounds);
        for (Target t : targets) {
          if (warmup > 0) {
            LoadGenerator.Result r = load.run(t.port, warmup, window);
            System.out.printf(Locale.ROOT, "warm-up %-20s %,10d valid/s%n", t.key, r.validPerSecond());
          }
        }
        Map<Target, List<LoadGenerator.Result>> results = new LinkedHashMap<>();
        for (Target t : targets) {
          results.put(t, new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
          for (int k = 0; k < targets.size(); k++) {
            Target t = targets.get((k + round) % targets.size());
            if (!chrony.isAlive()) {
              throw new IOException("chronyd exited; see " + work.resolve("chrony/chronyd.log"));
            }
            LoadGenerator.Result r = load.run(t.port, seconds, window);
            results.get(t).add(r);
            System.out.printf(Locale.ROOT, "round %d %-20s %,10d valid/s  loss %.2f%%%n", round + 1, t.key,
                r.validPerSecond(), r.lossPercent());
          }
        }
        System.out.printf(Locale.ROOT, "throughput done after %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        Map<Target, List<ChronyProbe.Sample>> quality = new LinkedHashMap<>();
        ChronyProbe probe = new ChronyProbe(chronyd, processes, work.resolve("quality"));
        for (int i = 0; i < qualityRuns; i++) {
          for (Target t : targets) {
            if (t.quality) {
              quality.computeIfAbsent(t, x -> new ArrayList<>()).addAll(probe.run(t.port));
            }
          }
        }
        System.out.printf(Locale.ROOT, "time quality done after %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        String json = report(targets, results, quality, seconds, warmup, rounds, window, qualityRuns, busyPollMillis);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json, StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
      } finally {
        plain.quit();
        limited.quit();
        busyPoll.quit();
        watchdog.interrupt();
      }
    }
  }

  private static String report(List<Target> targets, Map<Target, List<LoadGenerator.Result>> results,
      Map<Target, List<ChronyProbe.Sample>> quality, int seconds, int warmup, int rounds, int window, int qualityRuns,
      int busyPollMillis) throws IOException {
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"machine\": ").append(Machine.json()).append(",\n");
    json.append(String.format(Locale.ROOT,
        "  \"settings\": {\"seconds\": %d, \"warmupSeconds\": %d, \"rounds\": %d, \"window\": %d, \"qualityRuns\": %d,"
            + " \"busyPollSpinMillis\": %d, \"generator\": \"ntpload.c gcc -O2\"},%n",
        seconds, warmup, rounds, window, qualityRuns, busyPollMillis));
    json.append("  \"throughput\": [\n");
    double chronyRate = median(results.get(targets.get(0)), r -> r.validPerSecond());
    System.out.println();
    System.out.println("| server | valid replies/s (median) | runs | vs chrony |");
    System.out.println("|---|---:|---|---:|");
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      List<LoadGenerator.Result> runs = results.get(t);
      double rate = median(runs, r -> r.validPerSecond());
      long[] all = runs.stream().mapToLong(LoadGenerator.Result::validPerSecond).toArray();
      String counters = "";
      if (t.server != null) {
        Map<String, Long> s = t.server.stats();
        counters = String.format(Locale.ROOT,
            ", \"answered\": %d, \"rateLimited\": %d, \"kodRate\": %d, \"dropped\": %d, \"workers\": %d%s",
            s.get("answered"), s.get("rateLimited"), s.get("kodRate"), s.get("dropped"), s.get("workers"), t.extraJson);
        System.out.printf(Locale.ROOT, "%s counters: %s%s%n", t.key, s,
            t.key.endsWith("ratelimit") ? (s.get("rateLimited") == 0 && s.get("kodRate") == 0
                ? " (limit not tripped, as intended)" : " (LIMIT TRIPPED: figure invalid)") : "");
      }
      json.append(String.format(Locale.ROOT,
          "    {\"key\": \"%s\", \"label\": \"%s\", \"medianValidPerSecond\": %.0f, \"runs\": %s, \"ratioToChrony\": %.3f,"
              + " \"meanLossPercent\": %.3f%s}%s%n",
          t.key, t.label, rate, Arrays.toString(all), rate / chronyRate,
          runs.stream().mapToDouble(LoadGenerator.Result::lossPercent).average().orElse(0), counters,
          i + 1 < targets.size() ? "," : ""));
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %s | %.2fx |%n", t.label, rate, Arrays.toString(all), rate / chronyRate);
    }
    json.append("  ],\n  \"quality\": [\n");
    System.out.println();
    System.out.println("| server | samples | median θ (µs) | θ p10..p90 (µs) | θ min..max (µs) | median δ (µs) |");
    System.out.println("|---|---:|---:|---|---|---:|");
    int n = 0;
    for (Map.Entry<Target, List<ChronyProbe.Sample>> e : quality.entrySet()) {
      List<ChronyProbe.Sample> s = e.getValue();
      double[] theta = s.stream().mapToDouble(x -> x.offsetSeconds() * 1e6).sorted().toArray();
      double[] delta = s.stream().mapToDouble(x -> x.delaySeconds() * 1e6).sorted().toArray();
      json.append(String.format(Locale.ROOT,
          "    {\"key\": \"%s\", \"samples\": %d, \"medianOffsetMicros\": %.3f, \"p10OffsetMicros\": %.3f,"
              + " \"p90OffsetMicros\": %.3f, \"minOffsetMicros\": %.3f, \"maxOffsetMicros\": %.3f, \"medianDelayMicros\": %.3f}%s%n",
          e.getKey().key, theta.length, pct(theta, 50), pct(theta, 10), pct(theta, 90), pct(theta, 0), pct(theta, 100),
          pct(delta, 50), ++n < quality.size() ? "," : ""));
      System.out.printf(Locale.ROOT, "| %s | %d | %+.2f | %+.2f .. %+.2f | %+.2f .. %+.2f | %.2f |%n", e.getKey().label,
          theta.length, pct(theta, 50), pct(theta, 10), pct(theta, 90), pct(theta, 0), pct(theta, 100), pct(delta, 50));
    }
    json.append("  ]\n}\n");
    return json.toString();
  }

  /** Sends client requests until a mode-4 reply comes back, for at most 5 s. */
  private static void awaitReady(Target t) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.configureBlocking(false);
      ch.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), t.port));
      ByteBuffer req = ByteBuffer.allocate(48);
      ByteBuffer resp = ByteBuffer.allocate(128);
      while (System.nanoTime() < deadline) {
        req.clear();
        req.put(0, (byte) 0x23).putLong(40, System.nanoTime() | 1);
        try {
          ch.write(req);
          for (int i = 0; i < 40; i++) {
            resp.clear();
            if (ch.read(resp) >= 48 && (resp.get(0) & 7) == 4) {
              return;
            }
            Thread.sleep(5);
          }
        } catch (IOException e) {
          // ICMP port unreachable while the server is still binding: try again.
        }
      }
    }
    throw new IOException(t.label + " did not answer on port " + t.port + " within 5 s");
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String defaultSource() {
    for (String candidate : List.of("../shared/tools/ntpload.c", "../../shared/tools/ntpload.c", "/work/shared/tools/ntpload.c")) {
      if (Files.isRegularFile(Paths.get(candidate))) {
        return candidate;
      }
    }
    return "../shared/tools/ntpload.c";
  }

  private static <T> double median(List<T> values, ToDoubleFunction<T> f) {
    return pct(values.stream().mapToDouble(f).sorted().toArray(), 50);
  }

  /** Percentile with linear interpolation between closest ranks; NaN when empty. */
  static double pct(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double rank = p / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: --name value ...; got " + Arrays.toString(args));
      }
      m.put(args[i].substring(2), args[++i]);
    }
    return m;
  }

  /** One server under load. */
  private static final class Target {
    final String key;
    final String label;
    final int port;
    final ChildServer server;
    /** Whether {@code chronyd -Q} measures its time quality. */
    final boolean quality;
    /** Further JSON members of its throughput entry, each starting with ", ". */
    final String extraJson;

    Target(String key, String label, int port, ChildServer server, boolean quality, String extraJson) {
      this.key = key;
      this.label = label;
      this.port = port;
      this.server = server;
      this.quality = quality;
      this.extraJson = extraJson;
    }
  }
}
