package org.ntpclock.codec.transport;

import org.ntpclock.core.testing.TestCertificates;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.ntpclock.core.testing.ExternalProcess;
import org.ntpclock.core.testing.PortOwnership;
import org.ntpclock.core.testing.Tools;

/**
 * A bounded chronyd test daemon with NTS: its own configuration, pid file, command socket, NTS dump
 * directory and log in a scratch directory, never touching the system clock ({@code -x}), run in
 * the foreground and stopped with SIGTERM (SIGKILL only if it does not go within 5 s).
 *
 * <p>{@link #server} makes it an NTS-KE and NTS-protected NTP server on loopback; {@link #client}
 * makes it an NTS client of a server of ours, read back over its Unix command socket with chronyc.
 */
final class ChronyNts implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int ntpPort;
  private final int ntsKePort;

  private ChronyNts(Process process, Path dir, int ntpPort, int ntsKePort) {
    this.process = process;
    this.dir = dir;
    this.ntpPort = ntpPort;
    this.ntsKePort = ntsKePort;
  }

  /**
   * chronyd serving NTS-KE on a free TCP port and NTS-protected NTP on a free UDP port. The ports
   * are picked free and released, so another process may take one first (chronyd binds with
   * {@code SO_REUSEPORT} and may then share it): once NTS-KE accepts, both ports must be held by
   * this chronyd alone, or it is stopped and started on new ports, at most five times.
   */
  static ChronyNts server(Path dir, TestCertificates cert) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int ntp = freeUdpPort();
      int ke = freeTcpPort();
      String conf = common(dir) + "port " + ntp + "\nbindaddress 127.0.0.1\nallow 127.0.0.1\nlocal stratum 10\n"
          + "ntsserverkey " + cert.key() + "\nntsservercert " + cert.certificate() + "\nntsport " + ke + "\n";
      ChronyNts chrony = start(dir, conf, ntp, ke);
      boolean serving = false;
      try {
        if (chrony.awaitKePort()) {
          ProcessHandle self = chrony.process.toHandle();
          serving = PortOwnership.heldOnlyBy(self, PortOwnership.Protocol.UDP, ntp)
              && PortOwnership.heldOnlyBy(self, PortOwnership.Protocol.TCP, ke);
          last = serving ? null : new IOException("another process shares port " + ntp + " or " + ke + " with chronyd: " + chrony.log());
        } else {
          last = new IOException("chronyd's NTS-KE port did not open: " + chrony.log());
        }
      } finally {
        // Whatever went wrong, no chronyd is left behind.
        if (!serving) {
          chrony.close();
        }
      }
      if (serving) {
        return chrony;
      }
    }
    throw last;
  }

  private boolean awaitKePort() {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ntsKePort), 500);
        return true;
      } catch (IOException e) {
        sleep(100);
      }
    }
    return false;
  }

  /** chronyd as the NTS client of 127.0.0.1 (NTS-KE on keport, NTP on ntpPort), polling every second. */
  static ChronyNts client(Path dir, TestCertificates trusted, int ntpPort, int kePort) throws IOException {
    String conf = common(dir) + "port 0\n"
        + "server 127.0.0.1 port " + ntpPort + " nts ntsport " + kePort + " iburst minpoll 0 maxpoll 0\n"
        + "ntstrustedcerts " + trusted.certificate() + "\n";
    return start(dir, conf, ntpPort, kePort);
  }

  private static String common(Path dir) throws IOException {
    Path dump = Files.createDirectories(dir.resolve("nts-dump"));
    return "pidfile " + dir.resolve("chronyd.pid") + "\ncmdport 0\nbindcmdaddress " + dir.resolve("chronyd.sock")
        + "\nntsdumpdir " + dump + "\ndriftfile " + dir.resolve("drift") + "\n";
  }

  private static ChronyNts start(Path dir, String conf, int ntpPort, int kePort) throws IOException {
    Path confFile = dir.resolve("chronyd.conf");
    Files.writeString(confFile, conf);
    Process p = new ProcessBuilder(List.of(Tools.require("chronyd").toString(), "-f", confFile.toString(), "-d", "-x", "-u", "root"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("chronyd.log").toFile()).start();
    return new ChronyNts(p, dir, ntpPort, kePort);
  }

  int ntpPort() {
    return ntpPort;
  }

  int ntsKePort() {
    return ntsKePort;
  }

  /** Runs chronyc against this daemon's Unix command socket. */
  String chronyc(String... command) {
    List<String> cmd = new java.util.ArrayList<>(List.of(Tools.require("chronyc").toString(), "-n", "-h", dir.resolve("chronyd.sock").toString()));
    cmd.addAll(List.of(command));
    return ExternalProcess.run(Duration.ofSeconds(10), cmd).output();
  }

  /**
   * Asks chronyc until its answer satisfies a condition, at most the given number of times a
   * quarter second apart; returns the last answer either way.
   */
  String awaitChronyc(Predicate<String> done, int attempts, String... command) {
    String out = "";
    for (int i = 0; i < attempts && process.isAlive(); i++) {
      out = chronyc(command);
      if (done.test(out)) {
        return out;
      }
      sleep(250);
    }
    return out;
  }

  String log() {
    try {
      return Files.readString(dir.resolve("chronyd.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL if chronyd has not gone within 5 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        ExternalProcess.kill(process);
      }
    } catch (InterruptedException e) {
      ExternalProcess.kill(process);
      Thread.currentThread().interrupt();
    }
  }

  static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static int freeTcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
