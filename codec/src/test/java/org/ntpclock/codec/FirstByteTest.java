package org.ntpclock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntpclock.codec.NtpDecodeException.Reason;

/**
 * Every one of the 256 values of the first octet decodes or fails with a typed reason (issue 4
 * "Must show"; wire-rules section 13), on a bare header and on a packet with an extension field
 * and a MAC.
 */
class FirstByteTest {
  static IntStream allFirstBytes() {
    return IntStream.range(0, 256);
  }

  static final byte[] WITH_EF_AND_MAC = NtpPacket.builder()
      .mode(Mode.SERVER).stratum(1).referenceId(org.ntpclock.core.ReferenceId.ofAscii("GPS"))
      .addExtensionField(ExtensionField.of(0x1234, new byte[] {1, 2, 3}))
      .mac(Mac.of(42, new byte[20]))
      .build().toByteArray();

  @ParameterizedTest(name = "first byte 0x{0}")
  @MethodSource("allFirstBytes")
  void headerDecodesOrFailsTyped(int firstByte) throws NtpDecodeException {
    check(GoldenPacketTest.hex(GoldenPacketTest.SERVER_V4), firstByte);
  }

  @ParameterizedTest(name = "first byte 0x{0}")
  @MethodSource("allFirstBytes")
  void packetWithExtensionFieldAndMacDecodesOrFailsTyped(int firstByte) throws NtpDecodeException {
    check(WITH_EF_AND_MAC.clone(), firstByte);
  }

  private static void check(byte[] bytes, int firstByte) throws NtpDecodeException {
    bytes[0] = (byte) firstByte;
    int version = (firstByte >> 3) & 7;
    for (ParsePolicy policy : new ParsePolicy[] {ParsePolicy.server(), ParsePolicy.client(), ParsePolicy.lenient()}) {
      if (policy.acceptsVersion(version)) {
        NtpPacket p = NtpPacket.decode(bytes, policy);
        assertThat(p.leap().code()).isEqualTo(firstByte >> 6);
        assertThat(p.version()).isEqualTo(version);
        assertThat(p.mode().code()).isEqualTo(firstByte & 7);
        assertThat(p.toByteArray()).isEqualTo(bytes);
        if (bytes.length > 48) {
          // Before version 4 the whole tail is one MAC; in version 4 it is an extension field and a MAC.
          assertThat(p.extensionFields()).hasSize(version == 4 ? 1 : 0);
          assertThat(p.mac()).isPresent();
        }
      } else {
        assertThatThrownBy(() -> NtpPacket.decode(bytes, policy))
            .isInstanceOfSatisfying(NtpDecodeException.class, e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
              assertThat(e.offset()).isZero();
            });
        assertThat(version == 0 || version > 4 || policy == ParsePolicy.client()).isTrue();
      }
    }
  }
}
