package org.ntpclock.core.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who holds a port, read from the kernel's socket tables: this JVM's sockets against a child's. */
class PortOwnershipTest {
  @BeforeEach
  void linuxOnly() {
    assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "needs Linux /proc/net");
  }

  @Test
  void aUdpPortBoundHereIsHeldOnlyByThisProcessAndNotByAnother() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      assertTrue(PortOwnership.heldOnlyBy(ProcessHandle.current(), PortOwnership.Protocol.UDP, s.getLocalPort()));
      Process other = new ProcessBuilder("sleep", "30").start();
      try {
        // The child holds no socket on it: a server told to bind it would have failed.
        assertFalse(PortOwnership.heldOnlyBy(other.toHandle(), PortOwnership.Protocol.UDP, s.getLocalPort()));
      } finally {
        other.destroy();
        other.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aListeningTcpPortIsHeldHereAndAClosedOneByNoOne() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertTrue(PortOwnership.heldOnlyBy(ProcessHandle.current(), PortOwnership.Protocol.TCP, s.getLocalPort()));
      closed = s.getLocalPort();
    }
    assertFalse(PortOwnership.heldOnlyBy(ProcessHandle.current(), PortOwnership.Protocol.TCP, closed));
  }
}
