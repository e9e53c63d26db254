package org.ntpclock.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for the packet decoder and the flyweight view ({@link DecoderOracle} states
 * the laws; anything but {@link NtpDecodeException} is a failure).
 *
 * <p>In a normal {@code mvn verify} this runs in regression mode: every file under
 * {@code src/test/resources/org/ntpclock/codec/PacketDecoderFuzzTestInputs/decode/} (golden packets,
 * packets captured from chronyd, ntplib and ntpdig, crafted edge cases, and any reproducers added
 * later) is replayed once. The build sets {@code jazzer.hooks=false} for that: replaying needs no
 * sanitizer hooks, and without them Jazzer instruments nothing else in the shared test JVM.
 *
 * <p>To fuzz for a given time (verified on JDK 17 and Temurin 25; the {@code jazzer.internal.arg.N}
 * parameters are appended to libFuzzer's arguments, {@code arg.0} standing for argv[0], so the
 * {@code -max_total_time} there overrides {@code maxDuration} below):
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -o -pl codec test -Dtest=PacketDecoderFuzzTest -Djazzer.hooks=true \
 *     -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=600
 * </pre>
 *
 * (run {@code ./mvnw -o -pl codec -am install -DskipTests} once first if core is not installed).
 * Without the last two properties it fuzzes for {@code maxDuration}. The generated corpus goes to
 * {@code codec/.cifuzz-corpus/} (ignored by git); a finding is written to the inputs directory
 * above as a reproducer: fix the bug and commit the file. {@link PacketCorpusTest} replays the same
 * directory through plain JUnit, so the corpus keeps running even where Jazzer cannot.
 */
class PacketDecoderFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void decode(byte[] input) {
    DecoderOracle.check(input);
  }
}
