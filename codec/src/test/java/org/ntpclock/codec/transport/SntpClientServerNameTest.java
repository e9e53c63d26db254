package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.core.SystemTimeSource;

/** Servers are named as people write them: host, host:port, IPv6 literals, [v6]:port. */
class SntpClientServerNameTest {

  @Test
  void serverTextIsSplitIntoHostAndPort() {
    assertThat(SntpClient.parseServer("pool.ntp.org")).isEqualTo(InetSocketAddress.createUnresolved("pool.ntp.org", 123));
    assertThat(SntpClient.parseServer("127.0.0.1:12321")).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 12321));
    assertThat(SntpClient.parseServer("::1")).isEqualTo(InetSocketAddress.createUnresolved("::1", 123));
    assertThat(SntpClient.parseServer("fe80::1:2")).isEqualTo(InetSocketAddress.createUnresolved("fe80::1:2", 123));
    assertThat(SntpClient.parseServer("[::1]:12300")).isEqualTo(InetSocketAddress.createUnresolved("::1", 12300));
    assertThat(SntpClient.parseServer("[::1]")).isEqualTo(InetSocketAddress.createUnresolved("::1", 123));
  }

  @Test
  void malformedServerTextIsRejectedWithTheText() {
    for (String bad : new String[] {"", ":123", "host:", "host:0", "host:65536", "host:12a", "[::1", "[]:1", "[::1]x", "host:99999999999"}) {
      assertThatThrownBy(() -> SntpClient.parseServer(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void hostColonPortAndHostWithPortBothReachTheServer() throws Exception {
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).start()) {
      int port = server.localAddress().getPort();
      SntpClient client = SntpClient.builder(Duration.ofSeconds(5)).retries(2).build();
      assertThat(client.query("127.0.0.1:" + port)).isInstanceOf(TimeSample.class);
      SntpClient other = SntpClient.builder(Duration.ofSeconds(5)).retries(2).build();
      assertThat(other.query("127.0.0.1", port)).isInstanceOf(TimeSample.class);
      assertThatThrownBy(() -> other.query("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
