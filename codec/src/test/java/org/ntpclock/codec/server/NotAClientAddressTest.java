package org.ntpclock.codec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Network, broadcast, multicast and unspecified sources never get a reply. */
class NotAClientAddressTest {
  private static final AccessList CONFIGURED = AccessList.defaultAllow()
      .allow("192.168.1.0/24")
      .deny("10.0.0.0/8")
      .allow("198.51.100.8/31")
      .allow("203.0.113.7")
      .allow("2001:db8:1::/48")
      .subnet("172.16.4.0/22")
      .build();

  private static boolean never(AccessList list, String address) {
    return list.isNeverAClient(InetAddresses.forString(address));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "127.0.0.0", "127.255.255.255", "224.0.0.1", "239.255.255.250",
      "240.0.0.1", "255.255.255.255", "::", "ff02::1", "ff05::101"})
  void builtInNeverClientsEvenWithNoRules(String address) {
    assertThat(never(AccessList.allowAll(), address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "127.255.255.254", "192.0.2.1", "1.0.0.0", "223.255.255.255",
      "::1", "2001:db8::1", "fe80::1"})
  void ordinaryAddressesAreClients(String address) {
    assertThat(never(AccessList.allowAll(), address)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.168.1.0", "192.168.1.255", "10.0.0.0", "10.255.255.255", "172.16.4.0",
      "172.16.7.255", "2001:db8:1::"})
  void networkAndBroadcastOfEveryConfiguredPrefix(String address) {
    assertThat(never(CONFIGURED, address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.168.1.1", "192.168.1.254", "10.1.0.0", "172.16.5.255", "172.16.8.0",
      "198.51.100.8", "198.51.100.9", "203.0.113.7", "2001:db8:1::1", "2001:db8:1:ffff:ffff:ffff:ffff:ffff"})
  void hostsInsideConfiguredPrefixesAndPointToPointPrefixesAreClients(String address) {
    // A /31 has no network or broadcast address (RFC 3021); IPv6 has no broadcast.
    assertThat(never(CONFIGURED, address)).isFalse();
  }

  @Test
  void theResponderDropsThemBeforeAnythingElseAndSaysWhy() {
    NtpResponder responder = NtpResponder.builder(new FakeTimeSource(0xE5F6_63A8_7619_EF40L, 1, FakeTimeSource.STRATUM_2))
        .accessList(AccessList.defaultDeny().allow("127.0.0.0/8").denyAction(AccessList.DenyAction.KOD_DENY).build())
        .rateLimiter(RateLimiter.builder().kod(true).build())
        .build();
    ByteBuffer out = ByteBuffer.allocate(48);
    ByteBuffer request = NtpResponderTest.request(0x23, 0, 1, 48);
    assertThat(responder.respond(request, 1, InetAddresses.forString("127.0.0.0"), out))
        .isEqualTo(Verdict.DROPPED_NOT_A_CLIENT_ADDRESS);
    assertThat(responder.respond(request, 1, InetAddresses.forString("127.255.255.255"), out.clear()))
        .isEqualTo(Verdict.DROPPED_NOT_A_CLIENT_ADDRESS);
    assertThat(responder.respond(request, 1, InetAddresses.forString("127.0.0.1"), out.clear()))
        .isEqualTo(Verdict.ANSWERED);
    assertThat(Verdict.DROPPED_NOT_A_CLIENT_ADDRESS.isAnswered()).isFalse();
  }
}
