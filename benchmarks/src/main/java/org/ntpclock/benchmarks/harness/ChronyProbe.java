package org.ntpclock.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Time quality as chrony sees it: {@code chronyd -Q} (measure once, never touch the clock) against
 * a loopback server, with a fast poll ({@code minpoll/maxpoll -6}, iburst) so a run takes well
 * under a second. Each run's accepted samples are read from chronyd's {@code measurements.log}
 * (only samples passing RFC 5905 tests 1-7 are logged there): θ in RFC 5905's sign, positive when
 * the server is ahead of the local clock, and the round-trip delay δ, both in seconds with four
 * significant digits (the "System clock wrong by" line has only 1 µs resolution).
 */
final class ChronyProbe {
  private final String chronyd;
  private final Processes processes;
  private final Path dir;
  private int runs;

  ChronyProbe(String chronyd, Processes processes, Path dir) {
    this.chronyd = chronyd;
    this.processes = processes;
    this.dir = dir;
  }

  /** One {@code chronyd -Q} run (hard timeout 20 s); returns its samples. */
  List<Sample> run(int port) throws IOException, InterruptedException {
    Path runDir = dir.resolve("q" + (runs++));
    Files.createDirectories(runDir);
    processes.run(List.of(chronyd, "-Q", "-u", System.getProperty("user.name"),
        "pidfile " + runDir.resolve("chronyd.pid"),
        "cmdport 0",
        "port 0",
        "logdir " + runDir,
        "log measurements",
        "server 127.0.0.1 port " + port + " iburst minpoll -6 maxpoll -6"),
        runDir.resolve("chronyd.log"), 20);
    Path measurements = runDir.resolve("measurements.log");
    List<Sample> samples = new ArrayList<>();
    if (!Files.exists(measurements)) {
      return samples;
    }
    for (String line : Files.readAllLines(measurements, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      // Data lines start with a date; banner and header lines do not.
      if (f.length >= 13 && f[0].matches("\\d{4}-\\d\\d-\\d\\d")) {
        samples.add(new Sample(Double.parseDouble(f[11]), Double.parseDouble(f[12])));
      }
    }
    return samples;
  }

  /**
   * One accepted measurement.
   *
   * @param offsetSeconds θ, positive when the server is ahead
   * @param delaySeconds δ, the round trip minus the server's processing time
   */
  record Sample(double offsetSeconds, double delaySeconds) {}
}
