package org.ntpclock.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.ntpclock.testing.PacketArbitraries;

/** The round-trip laws of the codec (issue 4 "Must show"; wire-rules section 5.9). */
class PacketRoundTripProperties {
  /** Limits wide enough for anything the arbitraries make. */
  static final ParsePolicy LENIENT = ParsePolicy.lenient();

  @Provide
  Arbitrary<ParsePolicy> policies() {
    return Arbitraries.of(ParsePolicy.server(), ParsePolicy.client(), ParsePolicy.lenient(),
        ParsePolicy.server().withLimits(2, 64, 200));
  }

  @Property(tries = 1000)
  void decodeOfEncodeIsIdentityForStrictPackets(@ForAll("strict") NtpPacket p) throws NtpDecodeException {
    byte[] bytes = p.toByteArray();
    assertThat(bytes).hasSize(p.encodedLength());
    NtpPacket decoded = NtpPacket.decode(bytes, ParsePolicy.server());
    assertThat(decoded).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(decoded.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(NtpPacket.decode(bytes, LENIENT)).isEqualTo(p);
  }

  @Property(tries = 300)
  void packetsThatDifferOnTheWireAreNotEqual(@ForAll("strict") NtpPacket p, @ForAll("strict") NtpPacket q) {
    assertThat(p.equals(q)).isEqualTo(java.util.Arrays.equals(p.toByteArray(), q.toByteArray()));
  }

  @Property(tries = 1000)
  void decodeOfEncodeIsIdentityForLenientPackets(@ForAll("lenient") NtpPacket p) throws NtpDecodeException {
    assertThat(NtpPacket.decode(p.toByteArray(), LENIENT)).isEqualTo(p);
  }

  @Property(tries = 300)
  void encodingIgnoresBufferOrderAndPosition(@ForAll("strict") NtpPacket p) throws NtpDecodeException {
    ByteBuffer little = ByteBuffer.allocate(p.encodedLength() + 7).order(ByteOrder.LITTLE_ENDIAN);
    little.position(3);
    p.encode(little);
    assertThat(little.position()).isEqualTo(3 + p.encodedLength());
    byte[] written = Arrays.copyOfRange(little.array(), 3, 3 + p.encodedLength());
    assertThat(written).isEqualTo(p.toByteArray());
    little.position(3).limit(3 + p.encodedLength());
    assertThat(NtpPacket.decode(little, ParsePolicy.server())).isEqualTo(p);
    assertThat(little.position()).isEqualTo(3);
  }

  /** Whatever decodes re-encodes to exactly the same octets, and so decodes again to the same packet. */
  @Property(tries = 3000)
  @StatisticsReport(onFailureOnly = true)
  void anythingThatDecodesReencodesIdentically(@ForAll("datagrams") byte[] x, @ForAll("policies") ParsePolicy policy) {
    NtpPacket p;
    try {
      p = NtpPacket.decode(x, policy);
      Statistics.label("decodes").collect(true);
    } catch (NtpDecodeException e) {
      Statistics.label("decodes").collect(false);
      assertThat(e.offset()).isBetween(0, Math.max(x.length, policy.maxPacketLength()));
      return;
    }
    byte[] again = p.toByteArray();
    assertThat(again).isEqualTo(x);
    assertThat(p.toByteArray()).isEqualTo(again); // deterministic
    try {
      assertThat(NtpPacket.decode(again, policy)).isEqualTo(p);
    } catch (NtpDecodeException e) {
      throw new AssertionError("re-encoding no longer decodes: " + e, e);
    }
  }

  /** The datagram generator is not vacuous: a good share decodes and a good share does not. */
  @Property(tries = 2000)
  @StatisticsReport(onFailureOnly = true)
  void datagramsCoverBothOutcomes(@ForAll("datagrams") byte[] x) {
    boolean decodes;
    try {
      NtpPacket.decode(x, ParsePolicy.server());
      decodes = true;
    } catch (NtpDecodeException e) {
      decodes = false;
      Statistics.label("reason").collect(e.reason());
    }
    Statistics.label("decodes").collect(decodes);
    Statistics.label("decodes").coverage(c -> {
      c.check(true).percentage(pc -> pc > 20);
      c.check(false).percentage(pc -> pc > 20);
    });
  }

  /** The flyweight view and the decoder apply the same framing and read the same fields. */
  @Property(tries = 3000)
  void viewAgreesWithDecoder(@ForAll("datagrams") byte[] x, @ForAll("policies") ParsePolicy policy) {
    NtpPacketView view = new NtpPacketView().wrap(ByteBuffer.wrap(x));
    NtpDecodeException.Reason viewReason = view.check(policy);
    try {
      NtpPacket p = NtpPacket.decode(x, policy);
      assertThat(viewReason).isNull();
      assertThat(view.leap()).isEqualTo(p.leap().code());
      assertThat(view.version()).isEqualTo(p.version());
      assertThat(view.mode()).isEqualTo(p.mode().code());
      assertThat(view.stratum()).isEqualTo(p.stratum());
      assertThat(view.poll()).isEqualTo(p.poll());
      assertThat(view.precision()).isEqualTo(p.precision());
      assertThat(view.rootDelayBits()).isEqualTo(p.rootDelay().toBits());
      assertThat(view.rootDispersionBits()).isEqualTo(p.rootDispersion().toBits());
      assertThat(view.referenceIdBits()).isEqualTo(p.referenceId().toBits());
      assertThat(view.referenceTimestampBits()).isEqualTo(p.referenceTimestamp().toBits());
      assertThat(view.originTimestampBits()).isEqualTo(p.originTimestamp().toBits());
      assertThat(view.receiveTimestampBits()).isEqualTo(p.receiveTimestamp().toBits());
      assertThat(view.transmitTimestampBits()).isEqualTo(p.transmitTimestamp().toBits());
      assertThat(view.macOffset()).isEqualTo(p.macOffset());
      assertThat(view.isCryptoNak()).isEqualTo(p.isCryptoNak());
      assertThat(view.hasMac()).isEqualTo(p.mac().isPresent() && !p.isCryptoNak());
      if (view.hasMac()) {
        assertThat(view.keyId()).isEqualTo(p.mac().orElseThrow().keyId());
      }
    } catch (NtpDecodeException e) {
      assertThat(viewReason).isEqualTo(e.reason());
      assertThat(view.problemOffset()).isEqualTo(e.offset());
    }
  }

  /** A header check that passes never contradicts the full check on the header rules. */
  @Property(tries = 1000)
  void headerCheckIsImpliedByFullCheck(@ForAll("datagrams") byte[] x, @ForAll("policies") ParsePolicy policy) {
    NtpPacketView view = new NtpPacketView().wrap(ByteBuffer.wrap(x));
    if (view.check(policy) == null) {
      assertThat(view.checkHeader(policy)).isNull();
    }
  }

  @Provide
  Arbitrary<NtpPacket> strict() {
    return PacketArbitraries.packets();
  }

  @Provide
  Arbitrary<NtpPacket> lenient() {
    return PacketArbitraries.lenientPackets();
  }

  @Provide
  Arbitrary<byte[]> datagrams() {
    return PacketArbitraries.datagrams();
  }
}
