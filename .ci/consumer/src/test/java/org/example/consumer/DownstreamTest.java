package org.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.core.NtpDate;
import org.ntpclock.testing.FakeNtpServer;
import org.ntpclock.testing.FakeNtpServerExtension;
import org.ntpclock.testing.FakeReply;
import org.ntpclock.testing.NtpArbitraries;
import org.ntpclock.testing.PacketArbitraries;

/** What a downstream suite does with ntpclock-testing: properties over its arbitraries, a client against the fake server. */
@ExtendWith(FakeNtpServerExtension.class)
class DownstreamTest {

  @Provide
  Arbitrary<java.time.Instant> instants() {
    return NtpArbitraries.instants1900To2200();
  }

  @Provide
  Arbitrary<NtpPacket> packets() {
    return PacketArbitraries.packets();
  }

  @Property(tries = 200)
  void anInstantSurvivesTheNtpDate(@ForAll("instants") java.time.Instant instant) {
    // nanosecond instants are exact through the 2^-32 s fraction, and the date keeps the era
    assertThat(NtpDate.fromInstant(instant).toInstant()).isEqualTo(instant);
  }

  @Property(tries = 200)
  void packetsSurviveTheWire(@ForAll("packets") NtpPacket p) throws Exception {
    assertThat(NtpPacket.decode(p.toByteArray())).isEqualTo(p);
  }

  @Test
  void aClientSeesTheFakeServersOffset(FakeNtpServer server) throws Exception {
    server.answerAlways(FakeReply.correct().withOffset(Duration.ofMillis(2500)));
    Duration measured = ClientUnderTest.offsetOf(server.address());
    assertThat(measured).isBetween(Duration.ofMillis(2400), Duration.ofMillis(2600));
    assertThat(server.requests()).hasSize(1);
  }
}
