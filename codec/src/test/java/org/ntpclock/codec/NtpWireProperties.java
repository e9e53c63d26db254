package org.ntpclock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

/**
 * The header writers against a field-by-field oracle: {@link NtpWire#putHeader} writes, in either
 * buffer byte order and at any index, exactly the RFC 5905 layout, as does the value API's encode,
 * and rejects every out-of-range field without writing.
 */
class NtpWireProperties {
  @Provide
  Arbitrary<Long> u32() {
    return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
  }

  @Property(tries = 500)
  void putHeaderWritesWhatTheBuilderEncodes(@ForAll @IntRange(max = 3) int leap, @ForAll @IntRange(min = 1, max = 4) int version,
      @ForAll @IntRange(max = 7) int mode, @ForAll @IntRange(max = 255) int stratum,
      @ForAll @IntRange(min = -128, max = 127) int poll, @ForAll @IntRange(min = -128, max = 127) int precision,
      @ForAll("u32") long rootDelay, @ForAll("u32") long rootDispersion, @ForAll int referenceId,
      @ForAll long reference, @ForAll long origin, @ForAll long receive, @ForAll long transmit,
      @ForAll boolean littleEndian, @ForAll @IntRange(max = 9) int index) {
    // The oracle writes field by field, big-endian, as RFC 5905 figure 8 lays them out.
    ByteBuffer oracle = ByteBuffer.allocate(NtpWire.HEADER_LENGTH);
    oracle.put((byte) (leap << 6 | version << 3 | mode)).put((byte) stratum).put((byte) poll).put((byte) precision)
        .putInt((int) rootDelay).putInt((int) rootDispersion).putInt(referenceId)
        .putLong(reference).putLong(origin).putLong(receive).putLong(transmit);
    byte[] expected = oracle.array();
    assertThat(NtpPacket.builder().leap(LeapIndicator.ofCode(leap)).version(version).mode(Mode.ofCode(mode))
        .stratum(stratum).poll(poll).precision(precision).rootDelay(NtpShort.ofBits(rootDelay))
        .rootDispersion(NtpShort.ofBits(rootDispersion)).referenceId(ReferenceId.ofBits(referenceId))
        .referenceTimestamp(NtpTimestamp.ofBits(reference)).originTimestamp(NtpTimestamp.ofBits(origin))
        .receiveTimestamp(NtpTimestamp.ofBits(receive)).transmitTimestamp(NtpTimestamp.ofBits(transmit))
        .build().toByteArray()).isEqualTo(expected);
    ByteBuffer buffer = ByteBuffer.allocate(index + NtpWire.HEADER_LENGTH + 3)
        .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    NtpWire.putHeader(buffer, index, leap, version, mode, stratum, poll, precision, rootDelay, rootDispersion,
        referenceId, reference, origin, receive, transmit);
    assertThat(Arrays.copyOfRange(buffer.array(), index, index + NtpWire.HEADER_LENGTH)).isEqualTo(expected);
    assertThat(Arrays.copyOf(buffer.array(), index)).isEqualTo(new byte[index]);
    assertThat(Arrays.copyOfRange(buffer.array(), index + NtpWire.HEADER_LENGTH, buffer.capacity())).isEqualTo(new byte[3]);
  }

  @Property(tries = 300)
  void putHeaderRejectsAnyOutOfRangeFieldWithoutWriting(@ForAll @IntRange(max = 7) int which, @ForAll int junk) {
    int[] fields = {0, 4, 4, 2, 6, -20}; // leap, version, mode, stratum, poll, precision
    long rootDelay = 0;
    switch (which) {
      case 0 -> fields[0] = (junk & ~3) != 0 ? junk : junk | 4;
      case 1 -> fields[1] = junk >= 1 && junk <= 4 ? 0 : junk;
      case 2 -> fields[2] = (junk & ~7) != 0 ? junk : junk | 8;
      case 3 -> fields[3] = junk >= 0 && junk <= 255 ? 256 : junk;
      case 4 -> fields[4] = junk == (byte) junk ? 128 : junk;
      case 5 -> fields[5] = junk == (byte) junk ? -129 : junk;
      default -> rootDelay = 1L << 32 | (junk & 0xFFFF_FFFFL);
    }
    ByteBuffer buffer = ByteBuffer.allocate(NtpWire.HEADER_LENGTH);
    long rd = rootDelay;
    assertThatThrownBy(() -> NtpWire.putHeader(buffer, 0, fields[0], fields[1], fields[2], fields[3], fields[4],
        fields[5], rd, 0, 0, 1, 2, 3, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThat(buffer.array()).containsOnly(0);
  }
}
