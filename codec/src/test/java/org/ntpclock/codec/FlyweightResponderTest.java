package org.ntpclock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.client.Exchange;
import org.ntpclock.codec.client.ResponseValidator;
import org.ntpclock.codec.client.ValidationResult;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

/**
 * How the flyweight pieces compose into a server reply without objects (the pattern the server
 * engine follows): read the request with {@link NtpPacketView}, write the reply with
 * {@link NtpWire}, transmit timestamp last.
 */
class FlyweightResponderTest {
  @Test
  void replyWrittenWithNtpWireDecodesAsTheAnswerToTheRequest() throws NtpDecodeException {
    byte[] request = GoldenPacketTest.hex(GoldenPacketTest.CLIENT_V4);
    NtpPacketView view = new NtpPacketView().wrap(ByteBuffer.wrap(request));
    assertThat(view.checkHeader(ParsePolicy.server())).isNull();
    assertThat(view.mode()).isEqualTo(Mode.CLIENT.code());

    ByteBuffer reply = ByteBuffer.allocateDirect(NtpWire.HEADER_LENGTH);
    long t2 = 0xe5f663a8_7619ef40L;
    NtpWire.putHeader(reply, 0, LeapIndicator.NO_WARNING.code(), view.version(), Mode.SERVER.code(), 1,
        Math.max(view.poll(), 4), -20, 0, 0x10, ReferenceId.ofAscii("GPS").toBits(), t2 - (16L << 32),
        view.transmitTimestampBits(), t2, 0);
    NtpWire.putTimestamp(reply, NtpWire.OFFSET_TRANSMIT_TIMESTAMP, t2 + 1000); // as late as possible

    NtpPacket decoded = NtpPacket.decode(reply.duplicate().clear(), ParsePolicy.client());
    assertThat(decoded.mode()).isEqualTo(Mode.SERVER);
    assertThat(decoded.version()).isEqualTo(4);
    assertThat(decoded.poll()).isEqualTo(6);
    assertThat(decoded.rootDispersion()).isEqualTo(NtpShort.ofBits(0x10));
    assertThat(decoded.originTimestamp().toBits()).isEqualTo(view.transmitTimestampBits());
    assertThat(decoded.transmitTimestamp()).isEqualTo(NtpTimestamp.ofBits(t2 + 1000));
    ValidationResult r = ResponseValidator.validate(decoded,
        Exchange.of(view.transmitTimestampBits(), view.transmitTimestampBits() + (1L << 24)));
    assertThat(r.isValid()).as(r.toString()).isTrue();
  }

  @Test
  void writerRejectsOutOfRangeFieldsBeforeWriting() {
    ByteBuffer reply = ByteBuffer.allocate(NtpWire.HEADER_LENGTH);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NtpWire.putHeader(reply, 0, 0, 4, 4, 256, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NtpWire.putHeader(reply, 0, 0, 5, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NtpWire.putHeader(reply, 0, 0, 4, 4, 1, 0, 0, -1, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NtpWire.putHeader(reply, 1, 0, 4, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(reply.array()).containsOnly(0);
  }
}
