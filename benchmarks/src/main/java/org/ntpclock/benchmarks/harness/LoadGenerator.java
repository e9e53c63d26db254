package org.ntpclock.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator: the project's C flood tool {@code ntpload.c}, compiled with {@code gcc -O2}
 * into the harness's temporary directory at run time (it is not part of this module). It sends
 * 48-byte mode-3 requests from one UDP socket with a window of outstanding requests, batches with
 * {@code sendmmsg}/{@code recvmmsg}, and counts a reply as valid when it is at least 48 bytes,
 * mode 4, and echoes one of its transmit timestamps as origin.
 */
final class LoadGenerator {
  private static final Pattern RESULT =
      Pattern.compile("sent=(\\d+) replies=(\\d+) valid=(\\d+) rate=(\\d+)/s loss=([0-9.]+)%");

  private final Path binary;
  private final Processes processes;
  private final Path logDir;
  private int runs;

  private LoadGenerator(Path binary, Processes processes, Path logDir) {
    this.binary = binary;
    this.processes = processes;
    this.logDir = logDir;
  }

  /** Compiles {@code source} with {@code gcc -O2} into {@code workDir}. */
  static LoadGenerator compile(Path source, Path workDir, Processes processes)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(source)) {
      throw new IOException("load generator source not found: " + source.toAbsolutePath()
          + " (pass --ntpload-source PATH)");
    }
    Path binary = workDir.resolve("ntpload");
    processes.run(List.of("gcc", "-O2", "-o", binary.toString(), source.toString()), workDir.resolve("gcc.log"), 60);
    return new LoadGenerator(binary, processes, workDir);
  }

  /** One bounded run against a loopback port. */
  Result run(int port, int seconds, int window) throws IOException, InterruptedException {
    Path log = logDir.resolve("ntpload-" + (runs++) + ".log");
    String out = processes.run(
        List.of(binary.toString(), Integer.toString(port), Integer.toString(seconds), Integer.toString(window), "127.0.0.1"),
        log, seconds + 10L);
    Matcher m = RESULT.matcher(out);
    if (!m.find()) {
      throw new IOException("unexpected ntpload output: " + out);
    }
    return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
        Long.parseLong(m.group(4)), Double.parseDouble(m.group(5)));
  }

  /**
   * What one run printed.
   *
   * @param sent requests sent
   * @param replies datagrams received
   * @param valid replies that passed the generator's checks
   * @param validPerSecond valid replies per second of the run
   * @param lossPercent requests without a reply
   */
  record Result(long sent, long replies, long valid, long validPerSecond, double lossPercent) {}
}
