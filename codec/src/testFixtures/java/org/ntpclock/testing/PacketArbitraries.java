package org.ntpclock.testing;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.ntpclock.codec.ExtensionField;
import org.ntpclock.codec.Mac;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.ReferenceId;

/**
 * jqwik arbitraries for NTP packets, published in the codec test-jar.
 *
 * <ul>
 *   <li>{@link #packets()}: every packet the builder makes with {@link ExtensionField#of} fields,
 *       versions 1..4, any header values, with or without MAC or crypto-NAK; each decodes under
 *       {@link ParsePolicy#server()} as long as it stays within its limits (at most 6 fields here).
 *   <li>{@link #lenientPackets()}: also extension fields of 4..12 octets (decode under
 *       {@link ParsePolicy#lenient()}).
 *   <li>{@link #headerOnlyPackets()}: 48-octet packets, every header field over its wire range.
 *   <li>{@link #datagrams()}: raw byte arrays, half of them mutated encodings of valid packets,
 *       for decoder robustness laws.
 * </ul>
 */
public final class PacketArbitraries {
  private PacketArbitraries() {}

  /**
   * Header-only packets (48 octets) with every field drawn from its full wire range (version
   * 1..4).
   *
   * @return packets
   */
  public static Arbitrary<NtpPacket> headerOnlyPackets() {
    Arbitrary<NtpPacket> first = Combinators.combine(
            Arbitraries.of(LeapIndicator.class),
            Arbitraries.integers().between(1, 4),
            Arbitraries.of(Mode.class),
            Arbitraries.integers().between(0, 255),
            Arbitraries.integers().between(-128, 127),
            Arbitraries.integers().between(-128, 127))
        .as((leap, version, mode, stratum, poll, precision) -> NtpPacket.builder()
            .leap(leap).version(version).mode(mode).stratum(stratum).poll(poll).precision(precision).build());
    return Combinators.combine(
            first,
            NtpArbitraries.shorts(),
            NtpArbitraries.shorts(),
            Arbitraries.integers().map(ReferenceId::ofBits),
            NtpArbitraries.timestamps(),
            NtpArbitraries.timestamps(),
            NtpArbitraries.timestamps(),
            NtpArbitraries.timestamps())
        .as((p, delay, disp, refid, ref, org, rec, xmt) -> p.toBuilder().rootDelay(delay).rootDispersion(disp)
            .referenceId(refid).referenceTimestamp(ref).originTimestamp(org).receiveTimestamp(rec)
            .transmitTimestamp(xmt).build());
  }

  /**
   * Extension fields of 16 octets and more, any type, values up to 64 octets.
   *
   * @return fields
   */
  public static Arbitrary<ExtensionField> extensionFields() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 0xFFFF)
                .edgeCases(c -> c.add(ExtensionField.NTS_UNIQUE_IDENTIFIER).add(ExtensionField.NTS_COOKIE)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
        .as(ExtensionField::of);
  }

  /**
   * Extension fields of any length down to the 4-octet header alone (lenient framing).
   *
   * @return fields
   */
  public static Arbitrary<ExtensionField> shortExtensionFields() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 0xFFFF),
            Arbitraries.integers().between(0, 10).flatMap(words -> Arbitraries.bytes().array(byte[].class)
                .ofSize(4 * words)))
        .as(ExtensionField::ofBody);
  }

  /**
   * MACs that fit version 4 (16- or 20-octet digests) and the crypto-NAK.
   *
   * @return MACs
   */
  public static Arbitrary<Mac> v4Macs() {
    return Arbitraries.oneOf(
        Arbitraries.just(Mac.CRYPTO_NAK),
        Combinators.combine(
                Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                Arbitraries.of(16, 20).flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n)))
            .as(Mac::of));
  }

  /**
   * MACs that fit versions 1..3: digests of 16..68 octets, and the crypto-NAK.
   *
   * @return MACs
   */
  public static Arbitrary<Mac> v3Macs() {
    return Arbitraries.oneOf(
        Arbitraries.just(Mac.CRYPTO_NAK),
        Combinators.combine(
                Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                Arbitraries.integers().between(4, 17).flatMap(w -> Arbitraries.bytes().array(byte[].class)
                    .ofSize(4 * w)))
            .as(Mac::of));
  }

  /**
   * Packets the builder makes, strict framing: versions 1..4, up to 6 extension fields of 16
   * octets or more (version 4 only), and maybe a MAC or crypto-NAK.
   *
   * @return packets that decode under {@link ParsePolicy#server()}
   */
  public static Arbitrary<NtpPacket> packets() {
    return packets(extensionFields());
  }

  /**
   * Packets with extension fields of any length from 4 octets, which decode under
   * {@link ParsePolicy#lenient()}.
   *
   * @return packets
   */
  public static Arbitrary<NtpPacket> lenientPackets() {
    return packets(Arbitraries.oneOf(extensionFields(), shortExtensionFields()));
  }

  private static Arbitrary<NtpPacket> packets(Arbitrary<ExtensionField> fields) {
    return Combinators.combine(
            headerOnlyPackets(),
            fields.list().ofMaxSize(6),
            Arbitraries.oneOf(v4Macs(), v3Macs()).injectNull(0.3))
        .as(PacketArbitraries::assemble);
  }

  private static NtpPacket assemble(NtpPacket header, List<ExtensionField> fields, Mac mac) {
    NtpPacket.Builder b = header.toBuilder();
    int version = header.version();
    if (version == 4 && !fields.isEmpty()) {
      for (int i = 0; i < fields.size(); i++) {
        ExtensionField f = fields.get(i);
        // A short field before a MAC would read as part of the MAC: keep the builder's rule.
        b.addExtensionField(i == fields.size() - 1 && mac != null ? f.paddedTo(8) : f);
      }
    }
    if (mac != null && (version < 4 || mac.digestLength() <= Mac.MAX_V4_DIGEST_LENGTH)) {
      b.mac(mac);
    }
    return b.build();
  }

  /**
   * Raw datagrams for robustness laws: random arrays of 0..200 octets and mutated encodings of
   * {@link #lenientPackets()} (one octet changed, truncated or extended).
   *
   * @return byte arrays
   */
  public static Arbitrary<byte[]> datagrams() {
    Arbitrary<byte[]> random = Arbitraries.integers().between(0, 50)
        .flatMap(words -> Arbitraries.bytes().array(byte[].class).ofSize(4 * words));
    Arbitrary<byte[]> mutated = Combinators.combine(
            lenientPackets(),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.bytes())
        .as((p, how, where, value) -> mutate(p.toByteArray(), how, where, value));
    return Arbitraries.oneOf(random, mutated, lenientPackets().map(NtpPacket::toByteArray));
  }

  private static byte[] mutate(byte[] bytes, int how, int where, byte value) {
    switch (how) {
      case 0: // change one octet
        bytes[where % bytes.length] = value;
        return bytes;
      case 1: // truncate
        return java.util.Arrays.copyOf(bytes, where % (bytes.length + 1));
      case 2: // truncate to a word boundary
        return java.util.Arrays.copyOf(bytes, (where % (bytes.length + 1)) & ~3);
      case 3: // append a word
        ByteBuffer out = ByteBuffer.allocate(bytes.length + 4).put(bytes).putInt(where);
        return out.array();
      default: // change an extension-field length octet, if any
        if (bytes.length > 52) {
          bytes[50 + 4 * (where % ((bytes.length - 52) / 4 + 1)) % (bytes.length - 50)] = value;
        }
        return bytes;
    }
  }
}
