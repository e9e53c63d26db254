package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.ntpclock.codec.auth.KeyFileException.Reason;

/** The key-file reader never holds more than a line, or a file, of the documented size. */
class KeyFileBoundsTest {
  private static final Path ZERO = Paths.get("/dev/zero");

  @Test
  void refusesACharacterDeviceByPath() {
    assumeTrue(Files.exists(ZERO), "needs /dev/zero");
    assertThatThrownBy(() -> KeyFile.parse(ZERO))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void anEndlessStreamOfZeroBytesStopsAtTheLineLimit() throws Exception {
    assumeTrue(Files.exists(ZERO), "needs /dev/zero");
    try (Reader r = new InputStreamReader(Files.newInputStream(ZERO), StandardCharsets.ISO_8859_1)) {
      assertThatThrownBy(() -> KeyFile.parse(r))
          .isInstanceOfSatisfying(KeyFileException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.LINE_TOO_LONG);
            assertThat(e.lineNumber()).isEqualTo(1);
          });
    }
  }

  @Test
  void anEndlessStreamOfShortLinesStopsAtTheFileLimit() throws Exception {
    InputStream comments = new InputStream() {
      private long n;

      @Override
      public int read() {
        return n++ % 2 == 0 ? '#' : '\n';
      }
    };
    try (Reader r = new InputStreamReader(comments, StandardCharsets.ISO_8859_1)) {
      assertThatThrownBy(() -> KeyFile.parse(r))
          .isInstanceOfSatisfying(KeyFileException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
            assertThat(e.lineNumber()).isEqualTo(KeyFile.MAX_FILE_CHARS / 2 + 1);
          });
    }
  }

  @Test
  void aLineOfExactlyTheLimitIsReadAndOneMoreIsNot() throws Exception {
    String ok = "1 MD5 abc #" + "x".repeat(KeyFile.MAX_LINE_LENGTH - 11);
    assertThat(ok).hasSize(KeyFile.MAX_LINE_LENGTH);
    assertThat(KeyFile.parse(ok + "\n").size()).isEqualTo(1);
    assertThatThrownBy(() -> KeyFile.parse("\r\n" + ok + "x"))
        .isInstanceOfSatisfying(KeyFileException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.LINE_TOO_LONG);
          assertThat(e.lineNumber()).isEqualTo(2);
        });
  }

  @Test
  void linesEndInLfCrLfOrCrAsBefore() throws Exception {
    KeyStore keys = KeyFile.parse("1 MD5 a\r2 MD5 b\r\n3 MD5 c\n\n4 MD5 d");
    assertThat(keys.size()).isEqualTo(4);
    assertThatThrownBy(() -> KeyFile.parse("1 MD5 a\r\r2 MD5 b\r\n1 MD5 c"))
        .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.lineNumber()).isEqualTo(4));
  }

  @Test
  void aControlCharacterIsNamedNotEchoed() {
    assertThatThrownBy(() -> KeyFile.parse("1 MD5 a\u001b]0;owned\u0007"))
        .hasMessageContaining("U+001B")
        .hasMessageNotContaining("\u001b")
        .hasMessageNotContaining("\u0007");
  }
}
