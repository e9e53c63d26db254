package org.ntpclock.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The harness's handle on a {@link ServerProcess} child JVM. */
final class ChildServer {
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final int port;

  private ChildServer(Process process, BufferedReader out, Writer in, int port) {
    this.process = process;
    this.out = out;
    this.in = in;
    this.port = port;
  }

  /**
   * Starts a child JVM on this JVM's class path serving the given configuration; {@code extra}
   * arguments follow the lifetime (see {@link ServerProcess}).
   */
  static ChildServer start(String config, long maxSeconds, Path log, Processes processes, String... extra) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        ServerProcess.class.getName(), config, Long.toString(maxSeconds)));
    command.addAll(List.of(extra));
    Process p = processes.startPiped(command, log);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
    String first = out.readLine();
    if (first == null || !first.startsWith("PORT ")) {
      throw new IOException("server child did not start (" + first + "); see " + log);
    }
    return new ChildServer(p, out, in, Integer.parseInt(first.substring(5).trim()));
  }

  int port() {
    return port;
  }

  /** The child's counters: answered, rateLimited, kodRate, dropped, workers. */
  Map<String, Long> stats() throws IOException {
    in.write("STATS\n");
    in.flush();
    String line = out.readLine();
    if (line == null || !line.startsWith("STATS ")) {
      throw new IOException("server child gave no stats: " + line);
    }
    Map<String, Long> m = new LinkedHashMap<>();
    for (String kv : line.substring(6).trim().split(" ")) {
      String[] pair = kv.split("=");
      m.put(pair[0], Long.parseLong(pair[1]));
    }
    return m;
  }

  /** Asks the child to stop; {@link Processes} kills it if it does not. */
  void quit() {
    try {
      in.write("QUIT\n");
      in.flush();
      process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS);
    } catch (IOException e) {
      // Already gone.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Processes.stop(process);
  }
}
