package org.ntpclock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.NtpDecodeException.Reason;

/** Decode rules of wire-rules section 5, one case each, with the reported offset. */
class FramingTest {
  private static byte[] header(int firstByte) {
    byte[] b = new byte[48];
    b[0] = (byte) firstByte;
    return b;
  }

  /** A v4 header followed by the given tail octets. */
  private static byte[] v4(byte[]... parts) {
    int len = 48;
    for (byte[] p : parts) {
      len += p.length;
    }
    ByteBuffer out = ByteBuffer.allocate(len).put(header(0x24));
    for (byte[] p : parts) {
      out.put(p);
    }
    return out.array();
  }

  private static byte[] ef(int type, int length) {
    byte[] b = new byte[length];
    b[0] = (byte) (type >> 8);
    b[1] = (byte) type;
    b[2] = (byte) (length >> 8);
    b[3] = (byte) length;
    Arrays.fill(b, 4, length, (byte) 0x5A);
    return b;
  }

  private static byte[] mac(int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) 0xA5);
    return b;
  }

  private static void fails(byte[] datagram, ParsePolicy policy, Reason reason, int offset) {
    assertThatThrownBy(() -> NtpPacket.decode(datagram, policy))
        .isInstanceOfSatisfying(NtpDecodeException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.offset()).isEqualTo(offset);
          assertThat(e.getMessage()).isEqualTo(reason + " at offset " + offset);
        });
    NtpPacketView view = new NtpPacketView().wrap(ByteBuffer.wrap(datagram));
    assertThat(view.check(policy)).isEqualTo(reason);
    assertThat(view.problemOffset()).isEqualTo(offset);
  }

  @Test
  void shortDatagramsFailAtTheirEnd() { // GJT-3, CN-14: the received length is always checked
    for (int len = 0; len < 48; len++) {
      byte[] b = Arrays.copyOf(GoldenPacketTest.hex(GoldenPacketTest.CLIENT_V4), len);
      fails(b, ParsePolicy.server(), Reason.TOO_SHORT, len);
    }
  }

  @Test
  void misalignedLengthFails() {
    fails(Arrays.copyOf(header(0x23), 50), ParsePolicy.server(), Reason.MISALIGNED_LENGTH, 48);
  }

  @Test
  void overlongDatagramFails() {
    ParsePolicy small = ParsePolicy.server().withLimits(4, 64, 100);
    fails(v4(ef(1, 28), ef(2, 28)), small, Reason.TOO_LONG, 100);
  }

  @Test
  void cryptoNakIsFourZeroOctets() throws NtpDecodeException {
    NtpPacket p = NtpPacket.decode(v4(new byte[4]));
    assertThat(p.isCryptoNak()).isTrue();
    assertThat(p.mac()).contains(Mac.CRYPTO_NAK);
    assertThat(p.macOffset()).isEqualTo(48);
    fails(v4(new byte[] {0, 0, 0, 1}), ParsePolicy.server(), Reason.MALFORMED_MAC, 48);
  }

  @Test
  void macOf20To24OctetsAfterTheHeader() throws NtpDecodeException {
    NtpPacket p20 = NtpPacket.decode(v4(mac(20)));
    assertThat(p20.mac().orElseThrow().keyId()).isEqualTo(0xA5A5A5A5L);
    assertThat(p20.mac().orElseThrow().digestLength()).isEqualTo(16);
    NtpPacket p24 = NtpPacket.decode(v4(mac(24)));
    assertThat(p24.mac().orElseThrow().digestLength()).isEqualTo(20);
    fails(v4(mac(8)), ParsePolicy.server(), Reason.MALFORMED_MAC, 48);
    fails(v4(mac(16)), ParsePolicy.server(), Reason.MALFORMED_MAC, 48);
  }

  @Test
  void version3TailIsOneMacUpTo72Octets() throws NtpDecodeException {
    byte[] b = Arrays.copyOf(header(0x1C), 48 + 72);
    NtpPacket p = NtpPacket.decode(b);
    assertThat(p.mac().orElseThrow().digestLength()).isEqualTo(68);
    assertThat(p.extensionFields()).isEmpty();
    fails(Arrays.copyOf(header(0x1C), 48 + 76), ParsePolicy.server(), Reason.MALFORMED_MAC, 48);
    fails(Arrays.copyOf(header(0x1C), 48 + 12), ParsePolicy.server(), Reason.MALFORMED_MAC, 48);
  }

  @Test
  void extensionFieldThenMac() throws NtpDecodeException {
    NtpPacket p = NtpPacket.decode(v4(ef(0x0104, 16), mac(24)));
    assertThat(p.extensionFields()).hasSize(1);
    assertThat(p.extensionFields().get(0).type()).isEqualTo(0x0104);
    assertThat(p.extensionFields().get(0).length()).isEqualTo(16);
    assertThat(p.macOffset()).isEqualTo(64);
    assertThat(p.mac().orElseThrow().digestLength()).isEqualTo(20);
  }

  @Test
  void strictNeeds16OctetFieldsLenientTakes4() throws NtpDecodeException { // RS-4
    byte[] b = v4(ef(7, 12), ef(8, 28));
    fails(b, ParsePolicy.server(), Reason.EXTENSION_FIELD_TOO_SHORT, 50);
    NtpPacket p = NtpPacket.decode(b, ParsePolicy.lenient());
    assertThat(p.extensionFields()).extracting(ExtensionField::length).containsExactly(12, 28);
    assertThat(p.toByteArray()).isEqualTo(b);
  }

  @Test
  void shortLastFieldWithoutMacIsReadAsAMacLikeChrony() throws NtpDecodeException { // RFC 7822 s7.5
    // Where 24 octets or fewer remain there is no extension field: a 20- or 24-octet last field
    // without MAC is a MAC, a 16-octet one a malformed MAC. Senders pad the last field to 28.
    for (ParsePolicy policy : new ParsePolicy[] {ParsePolicy.server(), ParsePolicy.lenient()}) {
      NtpPacket p20 = NtpPacket.decode(v4(ef(1, 28), ef(2, 20)), policy);
      assertThat(p20.extensionFields()).hasSize(1);
      assertThat(p20.mac().orElseThrow().keyId()).isEqualTo(0x00020014L);
      assertThat(NtpPacket.decode(v4(ef(1, 28), ef(2, 24)), policy).mac().orElseThrow().digestLength()).isEqualTo(20);
      fails(v4(ef(1, 28), ef(2, 16)), policy, Reason.MALFORMED_MAC, 76);
      assertThat(NtpPacket.decode(v4(ef(1, 28), ef(2, 28)), policy).extensionFields()).hasSize(2);
      assertThat(NtpPacket.decode(v4(ef(1, 16), ef(2, 16), mac(20)), policy).extensionFields()).hasSize(2);
    }
  }

  @Test
  void fieldLengthErrorsPointAtTheLengthOctets() {
    byte[] misaligned = v4(ef(1, 28), ef(2, 32));
    misaligned[79] = 30;
    fails(misaligned, ParsePolicy.lenient(), Reason.EXTENSION_FIELD_MISALIGNED, 78);
    byte[] overrun = v4(ef(1, 28));
    overrun[51] = 32;
    fails(overrun, ParsePolicy.server(), Reason.EXTENSION_FIELD_OVERRUN, 50);
    byte[] zero = v4(ef(1, 28));
    zero[51] = 0;
    fails(zero, ParsePolicy.lenient(), Reason.EXTENSION_FIELD_TOO_SHORT, 50);
  }

  @Test
  void fieldCountAndBytesAreCapped() throws NtpDecodeException {
    byte[] three = v4(ef(1, 28), ef(2, 28), ef(3, 28));
    assertThat(NtpPacket.decode(three).extensionFields()).hasSize(3);
    fails(three, ParsePolicy.server().withLimits(2, 1024, 1200), Reason.TOO_MANY_EXTENSION_FIELDS, 104);
    fails(three, ParsePolicy.server().withLimits(8, 60, 1200), Reason.EXTENSION_FIELDS_TOO_LONG, 104);
  }

  @Test
  void shortTailAfterFieldsFails() {
    fails(v4(ef(1, 28), mac(8)), ParsePolicy.server(), Reason.MALFORMED_MAC, 76);
    fails(v4(ef(1, 28), mac(4)), ParsePolicy.server(), Reason.MALFORMED_MAC, 76);
  }

  @Test
  void decodingReadsOnlyTheBuffersRemainingOctets() throws NtpDecodeException {
    byte[] golden = GoldenPacketTest.hex(GoldenPacketTest.SERVER_V4);
    ByteBuffer big = ByteBuffer.allocate(200);
    big.position(10);
    big.put(golden);
    // Garbage after the packet and before it must not be seen.
    big.put(new byte[] {1, 2, 3, 4});
    big.position(10).limit(58);
    assertThat(NtpPacket.decode(big).toByteArray()).isEqualTo(golden);
    assertThat(big.position()).isEqualTo(10);
    big.limit(57);
    assertThatThrownBy(() -> NtpPacket.decode(big)).isInstanceOf(NtpDecodeException.class);
  }

  @Test
  void rootDelayAndDispersionAreUnsigned() throws NtpDecodeException { // CN-12, GJT-2, T4J-6
    byte[] b = header(0x24);
    b[4] = (byte) 0x80;
    b[8] = (byte) 0xFF;
    b[9] = (byte) 0xFF;
    NtpPacket p = NtpPacket.decode(b);
    assertThat(p.rootDelay().seconds()).isEqualTo(32768);
    assertThat(p.rootDispersion().seconds()).isEqualTo(65535);
    assertThat(new NtpPacketView().wrap(ByteBuffer.wrap(b)).rootDelayBits()).isEqualTo(0x8000_0000L);
  }

  @Test
  void viewStateQueriesNeedAPassedCheck() {
    NtpPacketView view = new NtpPacketView().wrap(ByteBuffer.wrap(header(0x24)));
    assertThatThrownBy(view::macOffset).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(view::problemOffset).isInstanceOf(IllegalStateException.class);
    assertThat(view.checkHeader(ParsePolicy.client())).isNull();
    assertThat(view.isValid(ParsePolicy.client())).isTrue();
    assertThatThrownBy(view::keyId).isInstanceOf(IllegalStateException.class);
    view.wrap(ByteBuffer.wrap(new byte[10]));
    assertThat(view.checkHeader(ParsePolicy.client())).isEqualTo(Reason.TOO_SHORT);
    assertThatThrownBy(view::transmitTimestampBits).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
