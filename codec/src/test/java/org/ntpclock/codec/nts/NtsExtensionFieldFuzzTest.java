package org.ntpclock.codec.nts;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Random;
import org.ntpclock.codec.ExtensionField;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;

/**
 * Jazzer fuzz target for the NTS extension fields: for any datagram, the server either opens it
 * (only possible with a genuine cookie), asks for a NAK, or refuses it with {@link NtsException};
 * a client session refuses any datagram that is not a reply to its own request with a typed
 * failure; the encrypted-field reader re-encodes what it reads. Any other exception is a finding.
 *
 * <p>{@code mvn verify} replays the inputs under {@code
 * src/test/resources/org/ntpclock/codec/nts/NtsExtensionFieldFuzzTestInputs/parse/} (requests and
 * replies of our client and server and of chrony 4.3). To fuzz: {@code JAZZER_FUZZ=1 ./mvnw -o -pl
 * codec -am test -Dtest=NtsExtensionFieldFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class NtsExtensionFieldFuzzTest {
  private static final NtsServerCodec SERVER = new NtsServerCodec(NtsKeProtocolTest.masterKeys(), new Random(1));

  @FuzzTest(maxDuration = "2m")
  void parse(byte[] input) throws NtsException {
    try {
      NtpPacket packet = NtpPacket.decode(input, ParsePolicy.server());
      if (NtsExtensionFields.isNts(packet)) {
        try {
          NtsServerCodec.Request request = SERVER.open(packet, input, 0);
          assertThat(request.cookiesWanted()).isPositive();
        } catch (NtsServerCodec.NakException e) {
          assertThat(e.uniqueIdField().type()).isEqualTo(ExtensionField.NTS_UNIQUE_IDENTIFIER);
        } catch (NtsException e) {
          assertThat(e.reason()).isNotNull();
        }
      }
      for (ExtensionField f : packet.extensionFields()) {
        if (f.type() == ExtensionField.NTS_AUTHENTICATOR) {
          try {
            NtsExtensionFields.Authenticator auth = NtsExtensionFields.readAuthenticator(f);
            assertThat(auth.ciphertext().length).isGreaterThanOrEqualTo(AesSiv.TAG_LENGTH);
          } catch (NtsException e) {
            assertThat(e.reason()).isEqualTo(NtsException.Reason.BAD_EXTENSION_FIELD);
          }
        }
      }
    } catch (NtpDecodeException e) {
      assertThat(e.reason()).isNotNull();
    }
    try {
      List<ExtensionField> inner = NtsExtensionFields.readEncryptedFields(input);
      assertThat(NtsExtensionFields.encodeFields(inner)).isEqualTo(input);
    } catch (NtsException e) {
      assertThat(e.reason()).isEqualTo(NtsException.Reason.BAD_EXTENSION_FIELD);
    }
    NtsClientSession client = NtsClientSession.of(NtsKeys.of(AeadAlgorithm.AES_SIV_CMAC_256, new byte[32], new byte[32]),
        new NtsKeResponse(AeadAlgorithm.AES_SIV_CMAC_256, List.of(new byte[100]), java.util.Optional.empty(), java.util.OptionalInt.empty(), List.of()),
        new Random(2));
    try {
      client.verify(input);
      throw new AssertionError("a session with no outstanding request accepted a reply");
    } catch (NtsException e) {
      assertThat(e.reason()).isIn(NtsException.Reason.UNIQUE_ID_MISMATCH, NtsException.Reason.BAD_EXTENSION_FIELD);
    }
  }
}
