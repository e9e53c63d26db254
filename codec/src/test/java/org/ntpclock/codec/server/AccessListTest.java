package org.ntpclock.codec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class AccessListTest {
  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  @Test
  void longestPrefixWinsWhateverTheOrder() throws Exception {
    AccessList list = AccessList.defaultDeny().allow("10.1.0.0/16").deny("10.0.0.0/8").allow("10.1.2.3").build();
    assertThat(list.isAllowed(ip("10.1.9.9"))).isTrue();
    assertThat(list.isAllowed(ip("10.2.0.1"))).isFalse();
    assertThat(list.isAllowed(ip("10.1.2.3"))).isTrue();
    assertThat(list.isAllowed(ip("192.0.2.1"))).isFalse();
  }

  @Test
  void laterRuleForTheSameRangeOverrides() throws Exception {
    AccessList list = AccessList.defaultAllow().deny("192.0.2.0/24").allow("192.0.2.0/24").build();
    assertThat(list.isAllowed(ip("192.0.2.7"))).isTrue();
  }

  @Test
  void ipv6RangesAndDefault() throws Exception {
    AccessList list = AccessList.defaultAllow().deny("2001:db8::/32").allow("2001:db8:1::/48").build();
    assertThat(list.isAllowed(ip("2001:db8::1"))).isFalse();
    assertThat(list.isAllowed(ip("2001:db8:1::1"))).isTrue();
    assertThat(list.isAllowed(ip("2001:db9::1"))).isTrue();
    assertThat(list.isAllowed(ip("::1"))).isTrue();
  }

  @Test
  void ipv4RulesDoNotMatchIpv6AddressesWithTheSameBits() throws Exception {
    AccessList list = AccessList.defaultAllow().deny("0.0.0.0/0").build();
    assertThat(list.isAllowed(ip("192.0.2.1"))).isFalse();
    assertThat(list.isAllowed(ip("2001:db8::1"))).isTrue();
    AccessList v6 = AccessList.defaultAllow().deny("::/0").build();
    assertThat(v6.isAllowed(ip("192.0.2.1"))).isFalse(); // ::/0 contains the IPv4-mapped space
  }

  @Test
  void zeroAllocationFormAgreesWithInetAddressForm() throws Exception {
    AccessList list = AccessList.defaultDeny().allow("172.16.0.0/12").build();
    InetAddress a = ip("172.31.255.255");
    assertThat(list.isAllowed(AddressBits.high(a), AddressBits.low(a))).isTrue();
    assertThat(list.isAllowed(0, AddressBits.ofIpv4(0xAC20_0000))).isFalse(); // 172.32.0.0
  }

  @Test
  void rejectsBadRules() {
    assertThatIllegalArgumentException().isThrownBy(() -> AccessList.defaultAllow().allow("example.com"));
    assertThatIllegalArgumentException().isThrownBy(() -> AccessList.defaultAllow().allow("10.0.0.0/33"));
    assertThatIllegalArgumentException().isThrownBy(() -> AccessList.defaultAllow().allow("10.0.0.1/8"));
    assertThatIllegalArgumentException().isThrownBy(() -> AccessList.defaultAllow().allow("::/129"));
    assertThatIllegalArgumentException().isThrownBy(() -> AccessList.defaultAllow().allow("10.0.0.0/"));
    assertThatIllegalArgumentException().isThrownBy(() -> AccessList.defaultAllow().allow("10.0.0.0/-1"));
  }

  @Test
  void addressBitsRoundTripAndInet4HashCodeIsTheAddress() throws Exception {
    for (String literal : new String[] {"0.0.0.0", "192.0.2.1", "255.255.255.255", "2001:db8::1", "::1", "fe80::1:2"}) {
      InetAddress a = ip(literal);
      assertThat(AddressBits.toInetAddress(AddressBits.high(a), AddressBits.low(a))).isEqualTo(a);
    }
    // The allocation-free IPv4 path relies on this.
    assertThat(ip("192.0.2.1").hashCode()).isEqualTo(0xC000_0201);
  }
}
