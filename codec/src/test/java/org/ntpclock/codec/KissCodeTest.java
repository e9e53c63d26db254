package org.ntpclock.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.KissCode.Reaction;
import org.ntpclock.core.ReferenceId;

class KissCodeTest {
  @Test
  void theIanaRegistryIsComplete() {
    assertThat(Arrays.stream(KissCode.values()).map(Enum::name)).containsExactlyInAnyOrder(
        "ACST", "AUTH", "AUTO", "BCST", "CRYP", "DENY", "DROP", "RSTR", "INIT", "MCST", "NKEY", "NTSN",
        "RATE", "RMOT", "STEP");
  }

  @Test
  void reactionsFollowRfc5905Section74() {
    assertThat(KissCode.DENY.reaction()).isEqualTo(Reaction.DEMOBILIZE);
    assertThat(KissCode.RSTR.reaction()).isEqualTo(Reaction.DEMOBILIZE);
    assertThat(KissCode.RATE.reaction()).isEqualTo(Reaction.REDUCE_RATE);
    assertThat(KissCode.NTSN.reaction()).isEqualTo(Reaction.REKEY_NTS);
    for (KissCode c : KissCode.values()) {
      if (!c.name().matches("DENY|RSTR|RATE|NTSN")) {
        assertThat(c.reaction()).as(c.name()).isEqualTo(Reaction.DISCARD);
      }
      assertThat(KissCode.of(ReferenceId.ofAscii(c.name()))).contains(c);
      assertThat(KissCode.reactionTo(c.toBits())).isEqualTo(c.reaction());
      assertThat(c.toReferenceId().toAscii()).isEqualTo(c.name());
    }
  }

  @Test
  void unknownCodes() {
    assertThat(KissCode.of(ReferenceId.ofAscii("XFOO"))).isEmpty();
    assertThat(KissCode.reactionTo(ReferenceId.ofAscii("XFOO").toBits())).isEqualTo(Reaction.IGNORE);
    assertThat(KissCode.reactionTo(ReferenceId.ofAscii("X").toBits())).isEqualTo(Reaction.IGNORE);
    assertThat(KissCode.reactionTo(ReferenceId.ofAscii("ABCD").toBits())).isEqualTo(Reaction.DISCARD);
    assertThat(KissCode.reactionTo(0)).isEqualTo(Reaction.DISCARD);
    assertThat(KissCode.of(ReferenceId.ofAscii("rate"))).isEmpty();
  }

  @Test
  void referenceIdMeaningFollowsTheStratum() throws Exception {
    ReferenceId gps = ReferenceId.ofAscii("GPS");
    assertThat(ReferenceIdMeaning.of(0, gps)).isInstanceOf(ReferenceIdMeaning.Kiss.class);
    assertThat(ReferenceIdMeaning.of(0, ReferenceId.ZERO)).isInstanceOf(ReferenceIdMeaning.Unidentified.class);
    assertThat(ReferenceIdMeaning.of(1, gps)).isEqualTo(new ReferenceIdMeaning.ReferenceClock(gps));
    assertThat(((ReferenceIdMeaning.ReferenceClock) ReferenceIdMeaning.of(1, gps)).name()).isEqualTo("GPS");
    assertThat(ReferenceIdMeaning.of(1, ReferenceId.ofBits(0x01020304)))
        .isInstanceOf(ReferenceIdMeaning.Unidentified.class);
    assertThat(ReferenceIdMeaning.of(16, gps)).isInstanceOf(ReferenceIdMeaning.Unidentified.class);
    assertThat(ReferenceIdMeaning.of(200, gps)).isInstanceOf(ReferenceIdMeaning.Unidentified.class);
    InetAddress v6 = InetAddress.getByName("2001:db8::1");
    ReferenceIdMeaning.Upstream up6 = (ReferenceIdMeaning.Upstream) ReferenceIdMeaning.of(3,
        ReferenceId.ofIpv6((java.net.Inet6Address) v6));
    assertThat(up6.matches(v6)).isTrue();
    assertThat(up6.matches(InetAddress.getByName("2001:db8::2"))).isFalse();
    ReferenceIdMeaning.Upstream up4 = (ReferenceIdMeaning.Upstream) ReferenceIdMeaning.of(2, ReferenceId.ofBits(0xc035676c));
    assertThat(up4.toInet4Address().getHostAddress()).isEqualTo("192.53.103.108"); // CN-13: dotted, never hex
    assertThat(up4.matches(InetAddress.getByName("192.53.103.108"))).isTrue();
  }
}
