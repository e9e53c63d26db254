package org.ntpclock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.BaseEncoding;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

/** The golden packets of wire-rules section 13 (from ntpd-rs's packet tests). */
public class GoldenPacketTest {
  /** For JUnit; the sample packets are also read by the validator tests in the client package. */
  public GoldenPacketTest() {}

  static final String CLIENT_V4 =
      "230206e8000003ff0000037d5ec69f0fe5f662987b61b9afe5f663667b64995de5f6636681405590e5f663a8761dde48";
  public static final String SERVER_V4 =
      "240206e900000236000003b7c035676ce5f661fd6f165f03e5f663a87619ef40e5f663a8798c6581e5f663a8798eae2b";

  public static byte[] hex(String s) {
    return BaseEncoding.base16().lowerCase().decode(s);
  }

  @Test
  void clientV4DecodesToTheStatedFields() throws Exception {
    NtpPacket p = NtpPacket.decode(hex(CLIENT_V4));
    assertThat(p.leap()).isEqualTo(LeapIndicator.NO_WARNING);
    assertThat(p.version()).isEqualTo(4);
    assertThat(p.mode()).isEqualTo(Mode.CLIENT);
    assertThat(p.stratum()).isEqualTo(2);
    assertThat(p.poll()).isEqualTo(6);
    assertThat(p.precision()).isEqualTo(-24);
    assertThat(p.rootDelay().toBits()).isEqualTo(0x3ff);
    assertThat(p.rootDispersion().toBits()).isEqualTo(0x37d);
    assertThat(p.referenceId().toDottedQuad()).isEqualTo("94.198.159.15");
    assertThat(p.referenceIdMeaning()).isInstanceOf(ReferenceIdMeaning.Upstream.class);
    assertThat(((ReferenceIdMeaning.Upstream) p.referenceIdMeaning()).matches(InetAddress.getByName("94.198.159.15")))
        .isTrue();
    assertThat(p.referenceTimestamp()).isEqualTo(NtpTimestamp.parse("e5f66298.7b61b9af"));
    assertThat(p.originTimestamp()).isEqualTo(NtpTimestamp.parse("e5f66366.7b64995d"));
    assertThat(p.receiveTimestamp()).isEqualTo(NtpTimestamp.parse("e5f66366.81405590"));
    assertThat(p.transmitTimestamp().toInstant().toString()).startsWith("2022-04-05T06:43:52.461393");
    assertThat(p.extensionFields()).isEmpty();
    assertThat(p.mac()).isEmpty();
    assertThat(p.toByteArray()).isEqualTo(hex(CLIENT_V4));
  }

  @Test
  void clientWithFirstByte1bIsVersion3() throws Exception {
    byte[] b = hex(CLIENT_V4);
    b[0] = 0x1B;
    NtpPacket p = NtpPacket.decode(b);
    assertThat(p.version()).isEqualTo(3);
    assertThat(p.mode()).isEqualTo(Mode.CLIENT);
    assertThat(p.toByteArray()).isEqualTo(b);
  }

  @Test
  void serverV4DecodesToTheStatedFields() throws Exception {
    NtpPacket p = NtpPacket.decode(hex(SERVER_V4));
    assertThat(p.version()).isEqualTo(4);
    assertThat(p.mode()).isEqualTo(Mode.SERVER);
    assertThat(p.stratum()).isEqualTo(2);
    assertThat(p.precision()).isEqualTo(-23);
    assertThat(p.rootDelay().toSeconds()).isEqualByComparingTo(new BigDecimal(566).divide(new BigDecimal(65536)));
    assertThat(p.referenceId()).isEqualTo(ReferenceId.ofIpv4(
        (java.net.Inet4Address) InetAddress.getByName("192.53.103.108")));
    NtpDuration processing = NtpDuration.between(p.receiveTimestamp(), p.transmitTimestamp());
    // T3 - T2 = 0x798eae2b - 0x798c6581 = 0x248aa = 149 674 units of 2^-32 s = 34.849 us
    assertThat(p.originTimestamp()).isEqualTo(NtpTimestamp.parse("e5f663a8.7619ef40"));
    assertThat(processing.toBits()).isEqualTo(0x248aaL);
    assertThat(processing.toNanos()).isBetween(34_848L, 34_850L);
    assertThat(p.toByteArray()).isEqualTo(hex(SERVER_V4));
    assertThat(p.transmitTimestamp().toInstant()).isAfter(Instant.parse("2022-04-05T06:43:00Z"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x04, 0x0B, 0x14, 0x34, 0x3B})
  void versionsOtherThan3And4FailInAClientDecoder(int firstByte) {
    byte[] b = hex(SERVER_V4);
    b[0] = (byte) firstByte;
    assertThatThrownBy(() -> NtpPacket.decode(b, ParsePolicy.client()))
        .isInstanceOfSatisfying(NtpDecodeException.class, e -> {
          assertThat(e.reason()).isEqualTo(NtpDecodeException.Reason.UNSUPPORTED_VERSION);
          assertThat(e.offset()).isZero();
        });
  }

  @Test
  void viewReadsTheSameFieldsWithoutDecoding() {
    NtpPacketView v = new NtpPacketView().wrap(ByteBuffer.wrap(hex(SERVER_V4)));
    assertThat(v.check(ParsePolicy.client())).isNull();
    assertThat(v.version()).isEqualTo(4);
    assertThat(v.mode()).isEqualTo(4);
    assertThat(v.precision()).isEqualTo(-23);
    assertThat(v.rootDelayBits()).isEqualTo(0x236);
    assertThat(v.referenceIdBits()).isEqualTo(0xc035676c);
    assertThat(v.transmitTimestampBits()).isEqualTo(0xe5f663a8798eae2bL);
    assertThat(v.macOffset()).isEqualTo(48);
    assertThat(v.hasMac()).isFalse();
  }
}
