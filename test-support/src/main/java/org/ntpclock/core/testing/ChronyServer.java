package org.ntpclock.core.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway chronyd NTP server on a loopback port ({@code chronyd -f conf -d -x}: foreground,
 * no clock control, serving its local clock at stratum 10 unless told another). Closing stops it
 * with SIGTERM. Used by the interop tests of every module.
 *
 * <p>The port is picked free and released before chronyd binds it, so another process can take
 * it meanwhile: chronyd then either cannot bind it or, binding with {@code SO_REUSEPORT}, shares
 * it with another chronyd. Starting checks that this chronyd alone holds the port ({@link
 * PortOwnership}) and otherwise stops it and tries a new port, a bounded number of times.
 */
public final class ChronyServer implements AutoCloseable {
  /** What chronyd logs, and then goes on without serving, when it cannot bind its NTP port. */
  private static final String BIND_FAILED = "Could not open NTP socket";

  private final Process process;
  private final int port;
  private final Path dir;

  private ChronyServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /**
   * Starts chronyd and waits until it answers.
   *
   * @param dir a scratch directory for its configuration, pid file and log
   * @param keyFileText the key file's content, or null for none
   * @return the running server
   * @throws IOException if it cannot be started or does not answer within 10 s
   */
  public static ChronyServer start(Path dir, String keyFileText) throws IOException {
    return start(dir, 10, keyFileText);
  }

  /**
   * Starts chronyd serving its local clock at the given stratum and waits until it answers, alone,
   * on its port.
   *
   * @param dir a scratch directory for its configuration, pid file and log
   * @param stratum the stratum it serves at ({@code local stratum}), 1 to 15
   * @param keyFileText the key file's content, or null for none
   * @return the running server
   * @throws IOException if it cannot be started or does not answer within 10 s, on five ports
   */
  public static ChronyServer start(Path dir, int stratum, String keyFileText) throws IOException {
    if (stratum < 1 || stratum > 15) {
      throw new IllegalArgumentException("stratum must be 1 to 15: " + stratum);
    }
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort();
      StringBuilder conf = new StringBuilder()
          .append("pidfile ").append(dir.resolve("chronyd-" + port + ".pid")).append('\n')
          .append("port ").append(port).append('\n')
          .append("bindaddress 127.0.0.1\n")
          .append("allow 127.0.0.1\n")
          .append("local stratum ").append(stratum).append('\n')
          .append("cmdport 0\n");
      if (keyFileText != null) {
        Path keys = dir.resolve("chrony.keys");
        Files.writeString(keys, keyFileText);
        conf.append("keyfile ").append(keys).append('\n');
      }
      Path confFile = dir.resolve("chronyd-" + port + ".conf");
      Files.writeString(confFile, conf.toString());
      Process p = new ProcessBuilder(List.of(Tools.require("chronyd").toString(), "-f", confFile.toString(), "-d", "-x",
          "-u", "root")).redirectErrorStream(true).redirectOutput(dir.resolve("chronyd-" + port + ".log").toFile()).start();
      ChronyServer server = new ChronyServer(p, port, dir);
      boolean serving = false;
      try {
        if (server.awaitAnswer(10_000)) {
          serving = PortOwnership.heldOnlyBy(p.toHandle(), PortOwnership.Protocol.UDP, port);
          last = serving ? null : new IOException("another process shares port " + port + " with chronyd: " + server.log());
        } else {
          last = new IOException("chronyd did not answer on port " + port + ": " + server.log());
        }
      } finally {
        // Whatever went wrong, no chronyd is left behind.
        if (!serving) {
          server.close();
        }
      }
      if (serving) {
        return server;
      }
    }
    throw last;
  }

  /**
   * The server's address.
   *
   * @return 127.0.0.1 and its port
   */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * The server's port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * What chronyd logged so far.
   *
   * @return the log
   */
  public String log() {
    try {
      return Files.readString(dir.resolve("chronyd-" + port + ".log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private boolean awaitAnswer(long millis) throws IOException {
    long deadline = System.currentTimeMillis() + millis;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(200);
      byte[] req = new byte[48];
      req[0] = 0x23;
      req[47] = 1;
      while (System.currentTimeMillis() < deadline && process.isAlive()) {
        if (log().contains(BIND_FAILED)) {
          return false; // the port was taken before chronyd could bind it
        }
        socket.send(new DatagramPacket(req, 48, address()));
        try {
          byte[] buf = new byte[128];
          DatagramPacket reply = new DatagramPacket(buf, buf.length);
          socket.receive(reply);
          // Wait until chronyd serves as synchronized (its local reference), not LI 3.
          if (reply.getLength() >= 48 && (buf[0] & 0xC0) != 0xC0 && buf[1] != 0) {
            return true;
          }
          Thread.sleep(100);
        } catch (SocketTimeoutException e) {
          // not up yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops chronyd with SIGTERM, and kills it if it has not gone within 5 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (process.waitFor(5, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ExternalProcess.kill(process);
  }
}
