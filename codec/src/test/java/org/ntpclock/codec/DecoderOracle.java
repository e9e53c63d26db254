package org.ntpclock.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The laws every input must satisfy, shared by the Jazzer fuzz target and the plain JUnit corpus
 * replay: the decoder either returns a packet that re-encodes to exactly the input and decodes
 * again to an equal packet, or throws {@link NtpDecodeException} with an offset inside the input
 * (or at the policy's length cap); the flyweight view agrees. Anything else thrown, or any law
 * broken, is an {@link AssertionError}.
 */
final class DecoderOracle {
  static final ParsePolicy[] POLICIES = {
      ParsePolicy.server(), ParsePolicy.client(), ParsePolicy.lenient(), ParsePolicy.server().withLimits(2, 64, 160)};

  private DecoderOracle() {}

  static void check(byte[] input) {
    for (ParsePolicy policy : POLICIES) {
      check(input, policy);
    }
  }

  private static void check(byte[] input, ParsePolicy policy) {
    byte[] copy = input.clone();
    NtpPacketView view = new NtpPacketView().wrap(ByteBuffer.wrap(copy));
    NtpDecodeException.Reason viewReason = view.check(policy);
    NtpPacket packet;
    try {
      packet = NtpPacket.decode(copy, policy);
    } catch (NtpDecodeException e) {
      require(e.offset() >= 0 && e.offset() <= Math.max(input.length, policy.maxPacketLength()), "offset", e);
      require(viewReason == e.reason() && view.problemOffset() == e.offset(), "view disagrees", e);
      return;
    }
    require(Arrays.equals(copy, input), "decoder changed its input", packet);
    require(viewReason == null, "view rejects what decodes: " + viewReason, packet);
    byte[] encoded = packet.toByteArray();
    require(Arrays.equals(encoded, input), "re-encoding differs", packet);
    require(packet.encodedLength() == input.length, "encodedLength", packet);
    try {
      require(NtpPacket.decode(encoded, policy).equals(packet), "decode(encode(p)) != p", packet);
    } catch (NtpDecodeException e) {
      throw new AssertionError("re-encoding no longer decodes: " + e, e);
    }
    require(view.macOffset() == packet.macOffset() && view.transmitTimestampBits() == packet.transmitTimestamp().toBits()
        && view.stratum() == packet.stratum() && view.isCryptoNak() == packet.isCryptoNak(), "view fields", packet);
    // Exercise the typed accessors: none may throw on a decoded packet.
    packet.referenceIdMeaning();
    packet.kissCode();
    packet.toString();
    packet.toBuilder();
    packet.hashCode();
  }

  private static void require(boolean ok, String what, Object context) {
    if (!ok) {
      throw new AssertionError(what + ": " + context);
    }
  }
}
