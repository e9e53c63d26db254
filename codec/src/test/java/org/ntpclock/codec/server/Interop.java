package org.ntpclock.codec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ntpclock.core.testing.ExternalProcess;
import org.ntpclock.core.testing.RequiresToolExtension;
import org.ntpclock.core.testing.Tools;
import org.opentest4j.TestAbortedException;

/** Helpers for the interop tests: real NTP clients against a server, parsing what they report. */
public final class Interop {
  private static final Pattern CHRONY_WRONG_BY = Pattern.compile("System clock wrong by (-?[0-9.]+) seconds");
  private static final Pattern NTPDIG_OFFSET = Pattern.compile("\"offset\":(-?[0-9.eE+-]+)");

  private Interop() {}

  /**
   * Sends plain client requests and waits for each reply, so the server's code is compiled before a
   * real client measures it.
   *
   * @param server where to send
   * @param count how many exchanges
   * @throws IOException on socket errors
   */
  public static void warmUp(InetSocketAddress server, int count) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(1000);
      byte[] request = new byte[48];
      request[0] = 0x23;
      byte[] reply = new byte[64];
      for (int i = 0; i < count; i++) {
        request[47] = (byte) i;
        socket.send(new DatagramPacket(request, 48, server));
        // Loopback does not lose packets; a missing reply fails the test with a timeout.
        socket.receive(new DatagramPacket(reply, reply.length));
      }
    }
  }

  /**
   * Runs {@code chronyd -Q} once against a server and returns the offset it reports. Directives
   * given on chronyd's command line replace its configuration file, so every directive goes there.
   *
   * @param dir a scratch directory (chronyd's pid file)
   * @param port the server's loopback port
   * @param extraDirectives further directives, one per element (e.g. {@code keyfile /path})
   * @param serverOptions extra options for the {@code server} directive (e.g. {@code key 1})
   * @return the clock error chronyd reports, seconds
   */
  public static double chronydQuery(Path dir, int port, List<String> extraDirectives, String serverOptions) {
    List<String> command = new ArrayList<>(List.of(Tools.require("chronyd").toString(), "-Q", "-t", "10",
        "pidfile " + dir.resolve("client.pid")));
    command.addAll(extraDirectives);
    command.add("server 127.0.0.1 port " + port + " iburst maxsamples 1 " + serverOptions);
    ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(20), command);
    Matcher m = CHRONY_WRONG_BY.matcher(r.output());
    assertThat(m.find()).as("chronyd -Q output:\n%s", r.output()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /**
   * Queries a server with python3-ntplib a few times in one interpreter.
   *
   * @param port the server's loopback port
   * @param count how many queries
   * @param version the NTP version to send
   * @return the offsets ntplib computed, seconds
   */
  public static List<Double> ntplibOffsets(int port, int count, int version) {
    List<double[]> samples = ntplibSamples(port, count, version);
    List<Double> offsets = new ArrayList<>();
    for (double[] s : samples) {
      offsets.add(s[0]);
    }
    return offsets;
  }

  /**
   * Queries a server with python3-ntplib a few times in one interpreter.
   *
   * @param port the server's loopback port
   * @param count how many queries
   * @param version the NTP version to send
   * @return {offset, delay} pairs as ntplib computed them, seconds
   */
  public static List<double[]> ntplibSamples(int port, int count, int version) {
    String script = String.join("\n",
        "import ntplib, time",
        "c = ntplib.NTPClient()",
        "for i in range(" + count + "):",
        "    r = c.request('127.0.0.1', port=" + port + ", version=" + version + ", timeout=2)",
        "    print('OFFSET %.9f %.9f' % (r.offset, r.delay))",
        "    time.sleep(0.05)");
    ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(30), List.of(Tools.python(), "-c", script));
    assertThat(r.exitCode()).as("ntplib output:\n%s", r.output()).isZero();
    List<double[]> samples = new ArrayList<>();
    for (String line : r.output().split("\n")) {
      if (line.startsWith("OFFSET ")) {
        String[] f = line.substring(7).trim().split(" ");
        samples.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
      }
    }
    assertThat(samples).as("ntplib output:\n%s", r.output()).hasSize(count);
    return samples;
  }

  /**
   * Runs ntpdig against 127.0.0.1 (port 123, which ntpdig cannot change) and returns its offset.
   *
   * @return the offset ntpdig reports, seconds
   */
  public static double ntpdigOffset() {
    ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(20), List.of(
        Tools.require("ntpdig").toString(), "-j", "-t", "3", "127.0.0.1"));
    Matcher m = NTPDIG_OFFSET.matcher(r.output());
    assertThat(r.exitCode()).as("ntpdig output:\n%s", r.output()).isZero();
    assertThat(m.find()).as("ntpdig output:\n%s", r.output()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /**
   * The median of some values.
   *
   * @param values at least one value
   * @return the median (the mean of the middle two for an even count)
   */
  public static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /**
   * The median offset of the {@code keep} samples with the lowest delay: the idea of RFC 5905's
   * clock filter (the least-delayed samples are the least disturbed), which keeps a loaded test
   * machine's scheduling noise out of the comparison.
   *
   * @param samples {offset, delay} pairs
   * @param keep how many of the least-delayed samples to keep
   * @return the median of their offsets
   */
  public static double lowDelayMedian(List<double[]> samples, int keep) {
    List<double[]> sorted = new ArrayList<>(samples);
    sorted.sort((a, b) -> Double.compare(a[1], b[1]));
    List<Double> offsets = new ArrayList<>();
    for (int i = 0; i < Math.min(keep, sorted.size()); i++) {
      offsets.add(sorted.get(i)[0]);
    }
    return median(offsets);
  }

  /**
   * Skips a test loudly, or fails it when {@code -Dinterop.required=true}, the same rule as
   * {@code @RequiresTool}.
   *
   * @param why what is missing
   */
  public static void skipOrFail(String why) {
    String message = "INTEROP " + why;
    if (Boolean.getBoolean(RequiresToolExtension.REQUIRED_PROPERTY)) {
      throw new AssertionError(message + "; failing because -D" + RequiresToolExtension.REQUIRED_PROPERTY + "=true");
    }
    System.err.println("!!!!!!!! SKIPPED " + message);
    throw new TestAbortedException(message);
  }

  /**
   * Formats seconds as microseconds for test output.
   *
   * @param seconds a value in seconds
   * @return e.g. {@code "12.3 µs"}
   */
  public static String micros(double seconds) {
    return String.format(Locale.ROOT, "%.1f µs", seconds * 1e6);
  }
}
