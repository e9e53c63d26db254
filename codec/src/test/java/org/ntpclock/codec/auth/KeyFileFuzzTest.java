package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.ntpclock.codec.auth.KeyFile.Dialect;
import org.ntpclock.core.input.SafeText;

/**
 * Jazzer fuzz target for the key-file parser: for any bytes, in every dialect, parsing either
 * returns keys that satisfy the documented ranges or throws {@link KeyFileException} with a line
 * number inside the input and a message free of control characters. Any other exception or error is a finding.
 *
 * <p>In a plain {@code mvn verify} (regression mode) it runs the inputs under {@code
 * src/test/resources/org/ntpclock/codec/auth/KeyFileFuzzTestInputs/parse/}: real chrony and ntpsec
 * key files, good and bad. To fuzz (for {@code maxDuration} below unless the libFuzzer flag
 * overrides it; the growing corpus goes to {@code codec/.cifuzz-corpus/}, findings to the inputs
 * directory above):
 *
 * <pre>{@code
 * JAZZER_FUZZ=1 ./mvnw -o -pl codec -am test -Dtest=KeyFileFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -DargLine="-Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=300"
 * }</pre>
 *
 * <p>Checked on JDK 17 and Temurin 25 with Jazzer 0.22.1. On 25 its bundled ASM cannot read JDK
 * class files (major version 69), so it logs warnings and leaves JDK methods unhooked; the target
 * itself is instrumented and both regression and fuzzing runs work.
 */
class KeyFileFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void parse(byte[] input) {
    // ISO-8859-1 maps every byte to one char, as KeyFile.parse(Path) reads files.
    String text = new String(input, StandardCharsets.ISO_8859_1);
    long lines = text.lines().count();
    for (Dialect dialect : Dialect.values()) {
      try {
        KeyStore keys = KeyFile.parse(text, dialect);
        long maxId = dialect == Dialect.NTPSEC ? 65535 : SymmetricKey.MAX_KEY_ID;
        for (SymmetricKey key : keys.keys()) {
          assertThat(key.keyId()).isBetween(1L, maxId);
          assertThat(SymmetricKey.isValidSecretLength(key.algorithm(), key.secretLength())).isTrue();
          assertThat(keys.lookup(key.keyId())).containsSame(key);
        }
        assertThat((long) keys.size()).isLessThanOrEqualTo(lines);
      } catch (KeyFileException e) {
        assertThat(e.reason()).isNotNull();
        assertThat((long) e.lineNumber()).isBetween(1L, Math.max(1, lines));
        // Messages reach terminals: never a raw control character from the file.
        assertThat(e.getMessage().chars().noneMatch(c -> SafeText.needsEscape((char) c))).as(e.getMessage()).isTrue();
      }
    }
  }
}
