package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.server.Verdict;
import org.junit.jupiter.api.Timeout;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.testing.NtpProbe;

/** {@link ServerStatsMBean}: a running server's counters, read through the platform MBean server. */
class ServerStatsMBeanTest {
  @Test
  @Timeout(30)
  void countersAreVisibleThroughManagementFactory() throws Exception {
    MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(1).start();
        DatagramSocket socket = new DatagramSocket()) {
      ServerStatsMBean mbean = ServerStatsMBean.register(server.localAddress(), server::stats);
      ObjectName name = new ObjectName("org.ntpclock:type=NtpServer,port=" + server.localAddress().getPort());
      assertThat(mbean.name()).isEqualTo(name);
      assertThat(platform.isRegistered(name)).isTrue();
      assertThat(platform.getAttribute(name, "Received")).isEqualTo(0L);

      socket.setSoTimeout(5000);
      for (int i = 0; i < 3; i++) {
        NtpProbe.exchange(socket, server.localAddress(), 0x1234_5678L);
      }
      // A mode 6 (control) request: dropped, and counted as such.
      NtpProbe.send(socket, server.localAddress(), (byte) 0x26, 0);
      // The drop is counted after the datagram: wait for that event, bounded by the test timeout.
      while ((Long) platform.getAttribute(name, "Dropped") < 1) {
        Thread.sleep(10);
      }
      assertThat(platform.getAttribute(name, "Answered")).isEqualTo(3L);
      assertThat(platform.getAttribute(name, "Received")).isEqualTo(4L);
      assertThat(platform.getAttribute(name, "InternalErrors")).isEqualTo(0L);
      assertThat(platform.getAttribute(name, "LocalAddress")).isEqualTo("127.0.0.1:" + server.localAddress().getPort());
      TabularData verdicts = (TabularData) platform.getAttribute(name, "Verdicts");
      CompositeData answered = verdicts.get(new Object[] {"ANSWERED"});
      assertThat(answered.get("value")).isEqualTo(3L);
      CompositeData dropped = verdicts.get(new Object[] {"DROPPED_CONTROL_OR_PRIVATE"});
      assertThat(dropped.get("value")).isEqualTo(1L);
      assertThat(verdicts.size()).isEqualTo(Verdict.values().length);

      assertThatIllegalStateException()
          .isThrownBy(() -> ServerStatsMBean.register(server.localAddress(), server::stats))
          .withMessageContaining("already registered");
      mbean.close();
      assertThat(platform.isRegistered(name)).isFalse();
      mbean.close();
    }
  }
}
