package org.ntpclock.codec;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.codec.auth.MacAlgorithm;
import org.ntpclock.codec.auth.NtpAuthenticator;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.codec.client.ValidationPolicy;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

/**
 * Every public static method of the codec's wire and authentication types rejects null with a
 * NullPointerException, and the values obey the equals/hashCode laws. Guava's testers reach each
 * public method, so a new one is covered without a new test.
 */
class ValueTypeLawsTest {
  private static final SymmetricKey KEY =
      SymmetricKey.of(1, MacAlgorithm.AES128_CMAC, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

  private static final NtpPacket PACKET =
      NtpPacket.builder().version(4).mode(Mode.CLIENT).transmitTimestamp(NtpTimestamp.ofBits(1L << 40)).build();

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(NtpPacket.class, PACKET)
        .setDefault(NtpTimestamp.class, NtpTimestamp.ofBits(1L << 40))
        .setDefault(NtpShort.class, NtpShort.ZERO)
        .setDefault(ReferenceId.class, ReferenceId.ofAscii("GPS"))
        .setDefault(ByteBuffer.class, ByteBuffer.wrap(PACKET.toByteArray()))
        .setDefault(byte[].class, PACKET.toByteArray())
        .setDefault(SymmetricKey.class, KEY)
        .setDefault(ParsePolicy.class, ParsePolicy.lenient())
        .setDefault(String.class, "RATE");
  }

  @Test
  void everyPublicStaticMethodRejectsNull() {
    for (Class<?> type :
        // NtpWire is left out: its raw hot-path helpers read only what the lengths ask for, by design
        List.of(NtpPacket.class, ExtensionField.class, Mac.class, KissCode.class,
            ReferenceIdMeaning.class, ParsePolicy.class, SymmetricKey.class, KeyStore.class,
            NtpAuthenticator.class, ValidationPolicy.class)) {
      tester().testAllPublicStaticMethods(type);
    }
  }

  @Test
  void everyPublicInstanceMethodOfTheValuesRejectsNull() {
    NullPointerTester t = tester();
    t.testAllPublicInstanceMethods(PACKET);
    t.testAllPublicInstanceMethods(PACKET.toBuilder());
    t.testAllPublicInstanceMethods(Mac.of(1, new byte[16]));
    t.testAllPublicInstanceMethods(KEY);
    t.testAllPublicInstanceMethods(KeyStore.of(KEY));
  }

  @Test
  void valuesObeyTheEqualsLaws() throws Exception {
    byte[] bytes = PACKET.toByteArray();
    new EqualsTester()
        .addEqualityGroup(PACKET, NtpPacket.decode(bytes), PACKET.toBuilder().build())
        .addEqualityGroup(PACKET.toBuilder().leap(LeapIndicator.UNSYNCHRONIZED).build())
        .addEqualityGroup(PACKET.toBuilder().version(3).build())
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(Mac.of(1, new byte[16]), Mac.of(1, new byte[16]))
        .addEqualityGroup(Mac.of(2, new byte[16]))
        .addEqualityGroup(Mac.of(1, new byte[20]))
        .addEqualityGroup(Mac.CRYPTO_NAK)
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(KEY, SymmetricKey.of(1, MacAlgorithm.AES128_CMAC, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII)))
        .addEqualityGroup(SymmetricKey.of(2, MacAlgorithm.AES128_CMAC, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII)))
        .addEqualityGroup(SymmetricKey.of(1, MacAlgorithm.SHA1, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII)))
        .testEquals();
  }
}
