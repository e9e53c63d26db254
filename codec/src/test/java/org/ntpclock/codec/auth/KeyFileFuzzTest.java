package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.ntpclock.codec.auth.KeyFile.Dialect;

/**
 * Jazzer fuzz target for the key-file parser: for any bytes, in every dialect, parsing either
 * returns keys that satisfy the documented ranges or throws {@link KeyFileException} with a line
 * number inside the input. Any other exception or error is a finding.
 *
 * <p>In a plain {@code mvn verify} (regression mode) it runs the inputs under {@code
 * src/test/resources/org/ntpclock/codec/auth/KeyFileFuzzTestInputs/parse/}: real chrony and ntpsec
 * key files, good and bad. To fuzz for a given time (findings are written to that directory):
 *
 * <pre>{@code
 * JAZZER_FUZZ=1 ./mvnw -o -pl codec -am test -Dtest=KeyFileFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djazzer.max_duration=5m
 * }</pre>
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
      }
    }
  }
}
