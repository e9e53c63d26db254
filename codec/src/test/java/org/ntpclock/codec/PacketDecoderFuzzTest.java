package org.ntpclock.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for the packet decoder and the flyweight view ({@link DecoderOracle} states
 * the laws; anything but {@link NtpDecodeException} is a failure).
 *
 * <p>In a normal {@code mvn verify} this runs in regression mode: every file under
 * {@code src/test/resources/org/ntpclock/codec/PacketDecoderFuzzTestInputs/decode/} (the seed
 * corpus of golden and captured packets, and any crash reproducers added later) is replayed once.
 * To fuzz, for a bounded time:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -o -pl codec -am test -Dtest=PacketDecoderFuzzTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=5m
 * </pre>
 *
 * ({@code maxDuration} below is the default when the property is not given.) New findings land in
 * the inputs directory as reproducers; commit them. {@link PacketCorpusTest} replays the same
 * directory through plain JUnit, so the corpus keeps running even where Jazzer cannot.
 */
class PacketDecoderFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void decode(byte[] input) {
    DecoderOracle.check(input);
  }
}
