package org.ntpclock.codec.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ntpclock.core.testing.Tools;

/**
 * A bounded tshark capture of one UDP port on the loopback interface, written as classic pcap.
 *
 * <p>Waits for events, not for time: tshark also prints each packet's UDP ports as it captures it
 * ({@code -P -T fields}), so {@link #start} returns once a probe datagram to a port of the
 * capture's own has been seen (the capture is live, not just announced), and {@link #stop()}
 * returns once the expected number of packets on the port has been seen (or the limit passed),
 * then lets tshark flush and close the file. The probes are left out of what {@link #stop()}
 * returns. tshark stops by itself after {@code limit}; always closed by the tests that start it.
 */
final class TsharkCapture implements AutoCloseable {
  private final Process process;
  private final Path file;
  private final int port;
  private final int expected;
  private final Duration limit;
  private final DatagramSocket probe;
  private final StringBuilder log = new StringBuilder();
  private final Object counts = new Object();
  private int onPort;
  private int probes;

  private TsharkCapture(Process process, Path file, int port, int expected, Duration limit, DatagramSocket probe) {
    this.process = process;
    this.file = file;
    this.port = port;
    this.expected = expected;
    this.limit = limit;
    this.probe = probe;
  }

  /**
   * Starts capturing and returns once the capture is live.
   *
   * @param port the UDP port to capture
   * @param expected how many packets on the port {@link #stop()} waits for
   * @param limit the longest the capture runs
   * @param dir where the pcap file goes
   */
  static TsharkCapture start(int port, int expected, Duration limit, Path dir) throws IOException, InterruptedException {
    Path file = dir.resolve("capture-" + port + ".pcap");
    DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    Process p;
    try {
      p = new ProcessBuilder(Tools.require("tshark").toString(), "-i", "lo", "-l", "-P", "-T", "fields",
          "-e", "udp.srcport", "-e", "udp.dstport",
          "-f", "udp port " + port + " or udp port " + probe.getLocalPort(),
          "-F", "pcap", "-w", file.toString(), "-a", "duration:" + limit.toSeconds())
          .start();
    } catch (IOException | RuntimeException e) {
      probe.close();
      throw e;
    }
    TsharkCapture capture = new TsharkCapture(p, file, port, expected, limit, probe);
    CountDownLatch announced = new CountDownLatch(1);
    Thread errors = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (capture.log) {
            capture.log.append(line).append('\n');
          }
          if (line.contains("Capturing on")) {
            announced.countDown();
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "tshark-stderr");
    errors.setDaemon(true);
    errors.start();
    Thread packets = new Thread(() -> capture.countPackets(p), "tshark-stdout");
    packets.setDaemon(true);
    packets.start();
    try {
      if (!announced.await(20, TimeUnit.SECONDS)) {
        throw new AssertionError("tshark did not start capturing: " + capture.log());
      }
      // The announcement comes once the filter is installed; the first probe seen proves it.
      byte[] marker = {0x50};
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (capture.probesSeen() == 0) {
        if (System.nanoTime() - deadline > 0 || !p.isAlive()) {
          throw new AssertionError("tshark captured none of its probes: " + capture.log());
        }
        probe.send(new DatagramPacket(marker, 1, probe.getLocalSocketAddress()));
        capture.awaitChange(50);
      }
    } catch (IOException | RuntimeException | Error | InterruptedException e) {
      capture.close();
      throw e;
    }
    return capture;
  }

  private void countPackets(Process p) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String own = Integer.toString(port);
      for (String line; (line = r.readLine()) != null; ) {
        String[] ports = line.trim().split("\\s+");
        synchronized (counts) {
          if (List.of(ports).contains(own)) {
            onPort++;
          } else {
            probes++;
          }
          counts.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private int probesSeen() {
    synchronized (counts) {
      return probes;
    }
  }

  private void awaitChange(long millis) throws InterruptedException {
    synchronized (counts) {
      counts.wait(millis);
    }
  }

  Path file() {
    return file;
  }

  String log() {
    synchronized (log) {
      return log.toString();
    }
  }

  /**
   * Waits until the expected packets on the port have been captured (or the limit passed), ends
   * the capture, and returns the UDP datagrams on the port it holds.
   */
  List<Pcap.Datagram> stop() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (counts) {
      while (onPort < expected && System.nanoTime() - deadline < 0 && process.isAlive()) {
        counts.wait(100);
      }
    }
    process.destroy(); // SIGTERM: tshark flushes and closes the file
    if (!process.waitFor(limit.toSeconds() + 10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    probe.close();
    List<Pcap.Datagram> datagrams = new ArrayList<>();
    for (Pcap.Datagram d : Pcap.udpDatagrams(file)) {
      if (d.sourcePort() == port || d.destinationPort() == port) {
        datagrams.add(d);
      }
    }
    return datagrams;
  }

  @Override
  public void close() {
    probe.close();
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
