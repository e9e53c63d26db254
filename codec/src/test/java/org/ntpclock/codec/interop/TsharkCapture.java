package org.ntpclock.codec.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ntpclock.core.testing.Tools;

/**
 * A bounded tshark capture of one UDP port on the loopback interface, written as classic pcap.
 * tshark stops by itself after {@code maxPackets} packets or {@code limit}; {@link #stop()} ends it
 * earlier. Always closed by the tests that start it.
 */
final class TsharkCapture implements AutoCloseable {
  private final Process process;
  private final Path file;
  private final Duration limit;
  private final StringBuilder log = new StringBuilder();

  private TsharkCapture(Process process, Path file, Duration limit) {
    this.process = process;
    this.file = file;
    this.limit = limit;
  }

  static TsharkCapture start(int port, int maxPackets, Duration limit, Path dir)
      throws IOException, InterruptedException {
    Path file = dir.resolve("capture-" + port + ".pcap");
    Process p = new ProcessBuilder(Tools.require("tshark").toString(), "-i", "lo", "-f", "udp port " + port,
        "-F", "pcap", "-w", file.toString(), "-a", "duration:" + limit.toSeconds(), "-c", String.valueOf(maxPackets))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    TsharkCapture capture = new TsharkCapture(p, file, limit);
    CountDownLatch capturing = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (capture.log) {
            capture.log.append(line).append('\n');
          }
          if (line.contains("Capturing on")) {
            capturing.countDown();
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "tshark-stderr");
    reader.setDaemon(true);
    reader.start();
    if (!capturing.await(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("tshark did not start capturing: " + capture.log());
    }
    // The message is printed once the capture filter is installed; give the kernel a moment.
    Thread.sleep(300);
    return capture;
  }

  Path file() {
    return file;
  }

  String log() {
    synchronized (log) {
      return log.toString();
    }
  }

  /** Lets in-flight packets land, ends the capture, and returns the UDP datagrams it holds. */
  List<Pcap.Datagram> stop() throws IOException, InterruptedException {
    if (!process.waitFor(700, TimeUnit.MILLISECONDS)) {
      process.destroy(); // SIGTERM: tshark flushes and closes the file
    }
    if (!process.waitFor(limit.toSeconds() + 10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    return Pcap.udpDatagrams(file);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
