package org.ntpclock.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a child process, and no one else, holds a port it was told to bind. A port picked free
 * and released can be taken by another process before the child binds it; chronyd then either
 * fails to bind it (and keeps running without serving) or, since it binds with {@code
 * SO_REUSEPORT}, shares it with another chronyd, which then answers some of the requests. Both
 * show in the kernel's socket tables ({@code /proc/net/udp}, {@code tcp}, and their IPv6 twins)
 * compared with the child's open sockets ({@code /proc/PID/fd}): a test that starts a server on a
 * picked port checks this and, if it does not hold, stops the server and tries a new port.
 */
public final class PortOwnership {
  private PortOwnership() {}

  /** The socket table to look in. */
  public enum Protocol {
    /** UDP: every socket bound to the port. */
    UDP("udp", null),
    /** TCP: listening sockets on the port. */
    TCP("tcp", "0A");

    private final String table;
    private final String state;

    Protocol(String table, String state) {
      this.table = table;
      this.state = state;
    }
  }

  /**
   * Tells whether the port is bound by at least one socket of the process and by no socket of
   * anyone else. Where the kernel tables cannot be read (not Linux), nothing can be checked and
   * this answers true, so the caller's own checks (does it answer at all) decide.
   *
   * @param process the child that was told to bind the port
   * @param protocol UDP or TCP
   * @param port the port
   * @return true if the process alone holds it
   */
  public static boolean heldOnlyBy(ProcessHandle process, Protocol protocol, int port) {
    Set<String> onPort = new HashSet<>();
    boolean readable = false;
    for (String table : List.of(protocol.table, protocol.table + "6")) {
      Path path = Path.of("/proc/net", table);
      List<String> lines;
      try {
        lines = Files.readAllLines(path);
      } catch (IOException e) {
        continue;
      }
      readable = true;
      onPort.addAll(inodesOnPort(lines, protocol, port));
    }
    if (!readable) {
      return true;
    }
    Set<String> own = socketInodes(process);
    return !onPort.isEmpty() && own.containsAll(onPort);
  }

  /** The inodes of the sockets bound to the port in one table (header line first). */
  private static Set<String> inodesOnPort(List<String> lines, Protocol protocol, int port) {
    Set<String> inodes = new HashSet<>();
    String portHex = String.format(Locale.ROOT, ":%04X", port);
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !f[1].toUpperCase(Locale.ROOT).endsWith(portHex)) {
        continue;
      }
      if (protocol.state == null || protocol.state.equalsIgnoreCase(f[3])) {
        inodes.add(f[9]);
      }
    }
    return inodes;
  }

  /** The inodes of the process's open sockets ({@code socket:[inode]} links in its fd directory). */
  private static Set<String> socketInodes(ProcessHandle process) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
      fds.forEach(fd -> {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[") && target.endsWith("]")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      });
    } catch (IOException e) {
      // the process is gone: it holds nothing
    }
    return inodes;
  }
}
