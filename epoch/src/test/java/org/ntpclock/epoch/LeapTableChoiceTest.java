package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.epoch.testing.RequiresFile;

/** The table-picking factory, on files written here (and, where present, the machine's tzdata). */
class LeapTableChoiceTest {
  @TempDir Path dir;

  /** The bundled file's text with another expiry and without its hash (which the change breaks). */
  static String bundledWithExpiry(long ntpExpiry, String extraDataLine) throws IOException {
    String text;
    try (var in = LeapSecondTable.class.getResourceAsStream(LeapSecondTable.BUNDLED_RESOURCE)) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    text = text.replaceAll("(?m)^#@.*$", "#@\t" + ntpExpiry).replaceAll("(?m)^#h.*$", "");
    return extraDataLine.isEmpty() ? text : text + extraDataLine + "\n";
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.ISO_8859_1);
    return p;
  }

  @Test
  void aDeviceOrFifoIsRejectedBeforeItIsOpened() throws Exception {
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "needs /dev/zero");
    Path fifo = dir.resolve("fifo.list");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)
        && mkfifo.exitValue() == 0, "needs mkfifo");
    // Opening the FIFO without a writer would block this thread for ever.
    LeapTableChoice choice = LeapTableChoice.newest(List.of(fifo), Optional.of(zero));
    assertThat(choice.chosen().origin()).isEqualTo(LeapTableChoice.Origin.BUNDLED);
    assertThat(choice.candidates()).filteredOn(c -> c.origin() != LeapTableChoice.Origin.BUNDLED).hasSize(2)
        .allSatisfy(c -> assertThat(c.rejection()).hasValueSatisfying(why ->
            assertThat(why).startsWith("cannot read: not a regular file").doesNotContain("Exception")));
  }

  @Test
  void theFileThatExpiresLastIsTakenAndTheChoiceReported() throws Exception {
    // 2030-01-01T00:00:00Z is NTP second 2208988800 + 1893456000 = 4102444800 (the file does not wrap).
    Path newer = write("newer.list", bundledWithExpiry(4_102_444_800L, ""));
    Path older = write("older.list", bundledWithExpiry(3_944_678_400L, "")); // 2025-01-01
    LeapTableChoice choice = LeapTableChoice.newest(List.of(older, dir.resolve("missing")), Optional.of(newer));
    assertThat(choice.chosen().origin()).isEqualTo(LeapTableChoice.Origin.USER);
    assertThat(choice.table().expires()).hasToString("2030-01-01T00:00:00Z");
    assertThat(choice.table().hashStatus()).isEqualTo(LeapFileStatus.NO_HASH);
    assertThat(choice.candidates()).extracting(LeapTableChoice.Candidate::origin)
        .containsExactly(LeapTableChoice.Origin.BUNDLED, LeapTableChoice.Origin.SYSTEM, LeapTableChoice.Origin.USER);
    assertThat(choice.describe())
        .startsWith(newer + " (expires 2030-01-01T00:00:00Z, NO_HASH); also considered bundled (expires 2027-06-28T00:00:00Z, GOOD_HASH), ")
        .contains(older + " (expires 2025-01-01T00:00:00Z, NO_HASH)")
        .doesNotContain("missing");
  }

  @Test
  void aFileWithABadHashIsRejectedAndReportedNeverTaken() throws Exception {
    String good;
    try (var in = LeapSecondTable.class.getResourceAsStream(LeapSecondTable.BUNDLED_RESOURCE)) {
      good = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    // A later expiry with the old hash: altered, so refused even though it would be newest.
    Path altered = write("altered.list", good.replaceAll("(?m)^#@.*$", "#@\t4102444800"));
    LeapTableChoice choice = LeapTableChoice.newest(List.of(), Optional.of(altered));
    assertThat(choice.chosen().origin()).isEqualTo(LeapTableChoice.Origin.BUNDLED);
    assertThat(choice.table()).isSameAs(LeapSecondTable.bundled());
    assertThat(choice.candidates().get(1).rejection()).get().asString().startsWith("BAD_HASH");
    assertThat(choice.describe()).contains(altered + " (rejected: BAD_HASH");
  }

  @Test
  void aMissingUserFileIsReported() {
    LeapTableChoice choice = LeapTableChoice.newest(List.of(), Optional.of(dir.resolve("nope.list")));
    assertThat(choice.chosen().origin()).isEqualTo(LeapTableChoice.Origin.BUNDLED);
    assertThat(choice.describe()).contains("nope.list (rejected: cannot read");
  }

  @Test
  void onATieTheUsersFileWinsAndAVerifiedHashWinsOverNone() throws Exception {
    String bundledText;
    try (var in = LeapSecondTable.class.getResourceAsStream(LeapSecondTable.BUNDLED_RESOURCE)) {
      bundledText = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    Path copy = write("copy.list", bundledText);
    assertThat(LeapTableChoice.newest(List.of(), Optional.of(copy)).chosen().origin())
        .isEqualTo(LeapTableChoice.Origin.USER);
    Path unhashed = write("unhashed.list", bundledText.replaceAll("(?m)^#h.*$", ""));
    assertThat(LeapTableChoice.newest(List.of(), Optional.of(unhashed)).chosen().origin())
        .isEqualTo(LeapTableChoice.Origin.BUNDLED);
  }

  @Test
  void theTzLeapsecondsFormatIsReadToo() throws Exception {
    Path tz = write("leapseconds", String.join("\n",
        "# a tz leapseconds file",
        "Leap\t1972\tJun\t30\t23:59:60\t+\tS",
        "Leap\t2016\tDec\t31\t23:59:60\t+\tS",
        "Expires 2031\tJan\t1\t00:00:00",
        "#updated 1751846400 (2025-07-07 00:00:00 UTC)",
        ""));
    LeapTableChoice choice = LeapTableChoice.newest(List.of(tz), Optional.empty());
    assertThat(choice.chosen().origin()).isEqualTo(LeapTableChoice.Origin.SYSTEM);
    assertThat(choice.table().entries()).extracting(LeapSecondTable.Entry::taiMinusUtc).containsExactly(10, 11, 12);
    assertThat(choice.table().updated()).hasToString("2025-07-07T00:00:00Z");
  }

  @Test
  @RequiresFile({"/usr/share/zoneinfo/leapseconds", "/usr/share/zoneinfo/leap-seconds.list"})
  void theMachinesTwoTzdataFilesAgree() throws Exception {
    LeapSecondTable list = LeapSecondTable.load(LeapTableChoice.SYSTEM_LEAP_SECONDS_LIST);
    LeapSecondTable tz = LeapSecondTable.parseTzLeapseconds(
        Files.readString(LeapTableChoice.SYSTEM_LEAPSECONDS, StandardCharsets.ISO_8859_1));
    assertThat(tz.entries()).isEqualTo(list.entries());
    assertThat(tz.expires()).isEqualTo(list.expires());
    LeapTableChoice choice = LeapTableChoice.newest();
    assertThat(choice.candidates()).hasSize(3).allSatisfy(c -> assertThat(c.table()).isPresent());
    assertThat(choice.table().expires()).isEqualTo(
        list.expires().isAfter(LeapSecondTable.bundled().expires()) ? list.expires() : LeapSecondTable.bundled().expires());
  }
}
