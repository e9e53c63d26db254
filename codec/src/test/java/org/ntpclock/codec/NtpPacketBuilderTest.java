package org.ntpclock.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.TimeSourceStatus;

class NtpPacketBuilderTest {
  @Test
  void outOfRangeValuesAreRejectedNotMasked() { // CN-11: setStratum(300) -> 44, setVersion(9) -> 1
    NtpPacket.Builder b = NtpPacket.builder();
    assertThatThrownBy(() -> b.stratum(300)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.stratum(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.version(9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.version(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.version(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mode.ofCode(11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.poll(128)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.precision(-129)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.systemStratum(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mac.of(1L << 32, new byte[16])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mac.of(1, new byte[18])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mac.of(1, new byte[12])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExtensionField.ofBody(0x10000, new byte[12])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExtensionField.ofBody(1, new byte[13])).isInstanceOf(IllegalArgumentException.class);
    NtpPacket p = b.build();
    assertThat(p.stratum()).isZero();
    assertThat(p.version()).isEqualTo(4);
  }

  @Test
  void systemStratum16GoesOutAs0() { // RFC 5905 s7.3
    assertThat(NtpPacket.builder().systemStratum(16).build().stratum()).isZero();
    assertThat(NtpPacket.builder().systemStratum(15).build().stratum()).isEqualTo(15);
    assertThat(NtpPacket.builder().stratum(16).build().stratum()).isEqualTo(16);
    assertThat(NtpPacket.builder().stratum(0).build().effectiveStratum()).isEqualTo(16);
    NtpPacket unsynced = NtpPacket.builder().status(TimeSourceStatus.unsynchronized(-20)).build();
    assertThat(unsynced.stratum()).isZero();
    assertThat(unsynced.leap()).isEqualTo(LeapIndicator.UNSYNCHRONIZED);
    assertThat(unsynced.precision()).isEqualTo(-20);
  }

  @Test
  void statusFillsTheServerFields() {
    TimeSourceStatus s = new TimeSourceStatus(LeapIndicator.LAST_MINUTE_61, 1, -23, NtpShort.ofBits(3),
        NtpShort.ofBits(5), ReferenceId.ofAscii("PPS"), NtpTimestamp.ofBits(0xe5f661fd6f165f03L));
    NtpPacket p = NtpPacket.builder().mode(Mode.SERVER).status(s).build();
    assertThat(p.leap()).isEqualTo(LeapIndicator.LAST_MINUTE_61);
    assertThat(p.stratum()).isEqualTo(1);
    assertThat(p.referenceIdMeaning()).isEqualTo(new ReferenceIdMeaning.ReferenceClock(ReferenceId.ofAscii("PPS")));
    assertThat(p.rootDispersion()).isEqualTo(NtpShort.ofBits(5));
    assertThat(p.referenceTimestamp().toBits()).isEqualTo(0xe5f661fd6f165f03L);
  }

  @Test
  void extensionFieldsArePaddedAsRfc7822Requires() {
    ExtensionField f = ExtensionField.of(0x0104, new byte[] {1, 2, 3, 4, 5});
    assertThat(f.length()).isEqualTo(16);
    assertThat(f.body()).startsWith(1, 2, 3, 4, 5, 0, 0, 0);
    assertThat(ExtensionField.of(1, new byte[13]).length()).isEqualTo(20);
    NtpPacket noMac = NtpPacket.builder().addExtensionField(f).build();
    assertThat(noMac.extensionFields().get(0).length()).isEqualTo(28);
    assertThat(noMac.encodedLength()).isEqualTo(76);
    NtpPacket nak = NtpPacket.builder().addExtensionField(f).cryptoNak().build();
    assertThat(nak.extensionFields().get(0).length()).isEqualTo(28);
    assertThat(nak.encodedLength()).isEqualTo(80);
    NtpPacket withMac = NtpPacket.builder().addExtensionField(f).addExtensionField(f).mac(Mac.of(1, new byte[20])).build();
    assertThat(withMac.extensionFields()).extracting(ExtensionField::length).containsExactly(16, 16);
    assertThat(withMac.macOffset()).isEqualTo(80);
    assertThat(withMac.encodedLength()).isEqualTo(104);
  }

  @Test
  void ambiguousOrIllegalTailsAreRejected() {
    ExtensionField tiny = ExtensionField.ofBody(9, new byte[0]);
    assertThatThrownBy(() -> NtpPacket.builder().addExtensionField(tiny).mac(Mac.of(1, new byte[16])).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read as one MAC");
    assertThatThrownBy(() -> NtpPacket.builder().version(3).addExtensionField(ExtensionField.of(1, new byte[0])).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 4");
    assertThatThrownBy(() -> NtpPacket.builder().mac(Mac.of(1, new byte[32])).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 octets");
    assertThat(NtpPacket.builder().version(3).mac(Mac.of(1, new byte[32])).build().encodedLength()).isEqualTo(84);
  }

  @Test
  void withMacAndMacOffsetServeASigner() throws NtpDecodeException {
    NtpPacket unsigned = NtpPacket.builder().addExtensionField(ExtensionField.of(0x2005, new byte[40])).build();
    Mac mac = Mac.of(77, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    NtpPacket signed = unsigned.withMac(mac);
    assertThat(signed.macOffset()).isEqualTo(unsigned.encodedLength());
    byte[] bytes = signed.toByteArray();
    assertThat(java.util.Arrays.copyOf(bytes, signed.macOffset())).isEqualTo(unsigned.toByteArray());
    assertThat(NtpPacket.decode(bytes).mac()).contains(mac);
    assertThat(signed.withoutMac()).isEqualTo(unsigned);
  }

  @Test
  void encodeChecksRoomBeforeWriting() {
    NtpPacket p = NtpPacket.builder().transmitTimestamp(NtpTimestamp.ofBits(-1)).build();
    ByteBuffer small = ByteBuffer.allocate(47);
    assertThatThrownBy(() -> p.encode(small)).isInstanceOf(BufferOverflowException.class);
    assertThat(small.position()).isZero();
    assertThat(small.array()).containsOnly(0);
  }

  @Test
  void macAndFieldsCopyTheirBytes() {
    byte[] digest = new byte[16];
    Mac mac = Mac.of(1, digest);
    digest[0] = 9;
    assertThat(mac.digest()[0]).isZero();
    mac.digest()[1] = 9;
    assertThat(mac.digest()[1]).isZero();
    assertThat(Mac.CRYPTO_NAK.toString()).isEqualTo("crypto-NAK");
    assertThat(mac.toString()).isEqualTo("Mac[1:" + "00".repeat(16) + "]");
  }

  @Test
  void kissCodeBuilderMakesAKissOfDeath() {
    NtpPacket kod = NtpPacket.builder().mode(Mode.SERVER).stratum(3).kissCode(KissCode.RATE).build();
    assertThat(kod.isKissOfDeath()).isTrue();
    assertThat(kod.kissCode()).contains(KissCode.RATE);
    assertThat(kod.referenceIdMeaning()).isInstanceOfSatisfying(ReferenceIdMeaning.Kiss.class, k -> {
      assertThat(k.text()).isEqualTo("RATE");
      assertThat(k.reaction()).isEqualTo(KissCode.Reaction.REDUCE_RATE);
    });
    assertThat(kod.toString()).contains("refid=RATE");
  }

  @Test
  void equalityCoversEveryField() {
    NtpPacket a = NtpPacket.builder().build();
    assertThat(a).isEqualTo(NtpPacket.builder().build()).hasSameHashCodeAs(NtpPacket.builder().build());
    assertThat(a).isNotEqualTo(a.toBuilder().poll(1).build());
    assertThat(a).isNotEqualTo(a.toBuilder().rootDispersion(NtpShort.ofBits(1)).build());
    assertThat(a).isNotEqualTo(a.toBuilder().receiveTimestamp(NtpTimestamp.ofBits(1)).build());
    assertThat(a).isNotEqualTo(a.toBuilder().cryptoNak().build());
    assertThat(a).isNotEqualTo(a.toBuilder().addExtensionField(ExtensionField.of(1, new byte[0])).build());
  }
}
