package org.ntpclock.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ClosedPort}: closed to clients, and reserved. */
class ClosedPortTest {
  @Test
  @Timeout(30)
  void aRequestGetsPortUnreachableAndNobodyElseCanBindThePort() throws Exception {
    try (ClosedPort closed = ClosedPort.open(); DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET)) {
      assertThat(closed.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      client.connect(closed.address());
      client.write(ByteBuffer.allocate(48));
      // The ICMP error arrives asynchronously; the blocking read reports it (a reply would be data).
      assertThatThrownBy(() -> client.read(ByteBuffer.allocate(64))).isInstanceOf(PortUnreachableException.class);
      try (DatagramChannel other = DatagramChannel.open(StandardProtocolFamily.INET)) {
        assertThatThrownBy(() -> other.bind(closed.address())).isInstanceOf(BindException.class);
      }
    }
  }
}
