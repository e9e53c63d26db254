package org.ntpclock.codec.nts;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Jazzer fuzz target for the NTS-KE message parser and both negotiations: for any bytes, decoding
 * either gives records that re-encode to the same bytes or throws {@link NtsException}; the client
 * check either gives a response within its bounds or a typed failure; the server always answers
 * with a well-formed message. Any other exception is a finding.
 *
 * <p>{@code mvn verify} replays the inputs under {@code
 * src/test/resources/org/ntpclock/codec/nts/NtsKeRecordFuzzTestInputs/parse/} (real chrony 4.3
 * messages among them). To fuzz: {@code JAZZER_FUZZ=1 ./mvnw -o -pl codec -am test
 * -Dtest=NtsKeRecordFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class NtsKeRecordFuzzTest {
  private static final List<AeadAlgorithm> OFFER = List.of(AeadAlgorithm.AES_SIV_CMAC_512, AeadAlgorithm.AES_SIV_CMAC_256);
  private static final NtsKeServerProtocol SERVER = new NtsKeServerProtocol(NtsKeProtocolTest.masterKeys(), OFFER, Optional.empty(), OptionalInt.empty());

  @FuzzTest(maxDuration = "2m")
  void parse(byte[] input) throws NtsException {
    try {
      List<NtsKeRecord> records = NtsKeMessage.decode(input);
      assertThat(NtsKeMessage.encode(records)).isEqualTo(input);
      assertThat(NtsKeMessage.completeLength(input, input.length)).isEqualTo(input.length);
    } catch (NtsException e) {
      assertThat(e.reason()).isNotNull();
    }
    try {
      NtsKeResponse response = NtsKeClientProtocol.parseResponse(input, OFFER);
      assertThat(response.cookies()).isNotEmpty().hasSizeLessThanOrEqualTo(NtsKeClientProtocol.MAX_COOKIES);
      assertThat(OFFER).contains(response.aead());
    } catch (NtsException e) {
      assertThat(e.reason()).isNotNull();
    }
    NtsKeServerProtocol.Outcome outcome = SERVER.respond(input, NtsKeProtocolTest.EXPORTER);
    assertThat(NtsKeMessage.decode(outcome.message())).isNotEmpty();
    assertThat(outcome.aead().isPresent()).isNotEqualTo(outcome.failure().isPresent());
  }
}
