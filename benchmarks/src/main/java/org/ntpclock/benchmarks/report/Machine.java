package org.ntpclock.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/** The machine a result came from: processors, CPU model, JDK, kernel. */
public final class Machine {
  private Machine() {}

  /**
   * The CPU model from {@code /proc/cpuinfo}, or {@code os.arch} elsewhere.
   *
   * @return the model name
   */
  public static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux: fall through.
    }
    return System.getProperty("os.arch");
  }

  /**
   * The JDK in one line.
   *
   * @return vendor, runtime version and VM name
   */
  public static String jdk() {
    return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " ("
        + System.getProperty("java.vm.name") + ")";
  }

  /**
   * The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "n/a".
   *
   * @return the three figures separated by spaces
   */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Paths.get("/proc/loadavg"), StandardCharsets.UTF_8).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /**
   * A one-line description.
   *
   * @return processors, CPU, JDK and kernel
   */
  public static String describe() {
    return String.format(Locale.ROOT, "machine: nproc=%d, CPU %s, JDK %s, %s %s, load average %s",
        Runtime.getRuntime().availableProcessors(), cpuModel(), jdk(), System.getProperty("os.name"),
        System.getProperty("os.version"), loadAverage());
  }

  /**
   * The same as a JSON object.
   *
   * @return the JSON text
   */
  public static String json() {
    return String.format(Locale.ROOT,
        "{\"nproc\": %d, \"cpu\": \"%s\", \"jdk\": \"%s\", \"os\": \"%s %s\", \"loadAverage\": \"%s\"}",
        Runtime.getRuntime().availableProcessors(), esc(cpuModel()), esc(jdk()), esc(System.getProperty("os.name")),
        esc(System.getProperty("os.version")), loadAverage());
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
