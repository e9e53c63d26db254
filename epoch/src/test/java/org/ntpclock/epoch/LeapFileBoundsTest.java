package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The leap-file readers never hold more than the documented 1 MiB and never echo raw controls. */
class LeapFileBoundsTest {
  private static final Path ZERO = Paths.get("/dev/zero");

  @Test
  void refusesACharacterDeviceByPath() {
    assumeTrue(Files.exists(ZERO), "needs /dev/zero");
    assertThatThrownBy(() -> LeapSecondTable.load(ZERO))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void anEndlessStreamStopsAtTheLimit() throws Exception {
    assumeTrue(Files.exists(ZERO), "needs /dev/zero");
    try (InputStream in = Files.newInputStream(ZERO)) {
      assertThatThrownBy(() -> LeapSecondTable.read(in))
          .isInstanceOfSatisfying(LeapFileException.class,
              e -> assertThat(e.reason()).isEqualTo(LeapFileException.Reason.TOO_LARGE));
    }
  }

  @Test
  void terminalEscapesInABadLineAreEscapedInTheMessage() {
    String text = "#$ 3929093563\n#@ 3960057600\n2272060800\t10\t# 1 Jan 1972\n"
        + "2287785600\t\u001b]0;owned\u0007\n";
    assertThatThrownBy(() -> LeapSecondTable.parse(text))
        .isInstanceOfSatisfying(LeapFileException.class, e -> {
          assertThat(e.reason()).isEqualTo(LeapFileException.Reason.MALFORMED_ENTRY);
          assertThat(e.getMessage()).contains("<U+001B>]0;owned<U+0007>").doesNotContain("\u001b", "\u0007");
        });
  }

  @Test
  void aLongBadValueIsCutInTheMessage() {
    String text = "#$ " + "9".repeat(5000) + "\n";
    assertThatThrownBy(() -> LeapSecondTable.parse(text))
        .isInstanceOfSatisfying(LeapFileException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }
}
