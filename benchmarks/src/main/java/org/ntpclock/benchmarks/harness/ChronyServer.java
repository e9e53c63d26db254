package org.ntpclock.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A chronyd NTP server on a loopback port with a throwaway configuration in a temporary directory:
 * no clock control ({@code -x}), foreground ({@code -d}), no command port, local stratum 8, rate
 * limiting off (chrony's default). Stopped by {@link Processes#close()}.
 */
final class ChronyServer {
  private final Process process;
  private final int port;

  private ChronyServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Writes the configuration and starts chronyd on {@code port}. */
  static ChronyServer start(String chronyd, Path dir, int port, Processes processes) throws IOException {
    Files.createDirectories(dir);
    Path conf = dir.resolve("chrony.conf");
    Files.writeString(conf, String.join("\n",
        "port " + port,
        "bindaddress 127.0.0.1",
        "allow 127.0.0.1",
        "local stratum 8",
        "cmdport 0",
        "pidfile " + dir.resolve("chronyd.pid"),
        "driftfile " + dir.resolve("drift"),
        ""), StandardCharsets.UTF_8);
    // -u <us>: chronyd stays the user we are instead of dropping to its own, so it can write its
    // pid and drift files in our temp dir.
    Process p = processes.start(List.of(chronyd, "-x", "-d", "-u", System.getProperty("user.name"), "-f", conf.toString()),
        dir.resolve("chronyd.log"));
    return new ChronyServer(p, port);
  }

  int port() {
    return port;
  }

  boolean isAlive() {
    return process.isAlive();
  }
}
