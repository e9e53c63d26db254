package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.core.LeapIndicator;

/** The bundled table, the parser with its hash rule, and the table's queries. */
class LeapSecondTableTest {
  /** The 28 data lines of the current IERS leap-seconds.list (TAI-UTC 10 s in 1972 to 37 s). */
  static final Object[][] GOLDEN_ENTRIES = {
    {"1972-01-01", 10}, {"1972-07-01", 11}, {"1973-01-01", 12}, {"1974-01-01", 13}, {"1975-01-01", 14},
    {"1976-01-01", 15}, {"1977-01-01", 16}, {"1978-01-01", 17}, {"1979-01-01", 18}, {"1980-01-01", 19},
    {"1981-07-01", 20}, {"1982-07-01", 21}, {"1983-07-01", 22}, {"1985-07-01", 23}, {"1988-01-01", 24},
    {"1990-01-01", 25}, {"1991-01-01", 26}, {"1992-07-01", 27}, {"1993-07-01", 28}, {"1994-07-01", 29},
    {"1996-01-01", 30}, {"1997-07-01", 31}, {"1999-01-01", 32}, {"2006-01-01", 33}, {"2009-01-01", 34},
    {"2012-07-01", 35}, {"2015-07-01", 36}, {"2017-01-01", 37},
  };

  static String bundledText() throws IOException {
    try (InputStream in = LeapSecondTable.class.getResourceAsStream("leap-seconds.list")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  static String nist2016Text() throws IOException {
    try (InputStream in = LeapSecondTableTest.class.getResourceAsStream("leap-seconds-nist-2016.list")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  static Instant day(String isoDate) {
    return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Replaces the one line that starts with {@code prefix}, returning its 1-based line number. */
  static String replaceLine(String text, String prefix, String replacement, int[] lineNumber) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(prefix)) {
        lines[i] = replacement;
        lineNumber[0] = i + 1;
        return String.join("\n", lines);
      }
    }
    throw new AssertionError("no line starts with " + prefix);
  }

  @Test
  void bundledTableHasTheGoldenEntries() {
    LeapSecondTable table = LeapSecondTable.bundled();
    List<LeapSecondTable.Entry> expected = new ArrayList<>();
    for (Object[] row : GOLDEN_ENTRIES) {
      expected.add(new LeapSecondTable.Entry(day((String) row[0]), (Integer) row[1]));
    }
    assertThat(table.entries()).containsExactlyElementsOf(expected);
    assertThat(table.entries().get(0).ntpSeconds()).isEqualTo(2_272_060_800L);
    assertThat(table.entries().get(27).ntpSeconds()).isEqualTo(3_692_217_600L);
    assertThat(table.hashStatus()).isEqualTo(LeapFileStatus.GOOD_HASH);
    assertThat(table.updated()).isEqualTo("2026-07-06T07:44:57Z");
    assertThat(table.expires()).isEqualTo("2027-06-28T00:00:00Z");
    assertThat(table).isSameAs(LeapSecondTable.bundled());
    assertThat(table.toString()).contains("28 entries", "TAI-UTC 37 s", "2027-06-28", "GOOD_HASH");
  }

  @Test
  void leapSecondsAreTheDaysBeforeEachEntry() {
    List<LeapSecondTable.LeapSecond> leaps = LeapSecondTable.bundled().leapSeconds();
    assertThat(leaps).hasSize(27);
    assertThat(leaps.get(0)).isEqualTo(new LeapSecondTable.LeapSecond(LocalDate.of(1972, 6, 30), 1));
    assertThat(leaps.get(26)).isEqualTo(new LeapSecondTable.LeapSecond(LocalDate.of(2016, 12, 31), 1));
    assertThat(leaps.get(26).end()).isEqualTo("2017-01-01T00:00:00Z");
    assertThat(leaps).allSatisfy(l -> assertThat(l.indicator()).isEqualTo(LeapIndicator.LAST_MINUTE_61));
    // Every leap second so far came at the end of June or December.
    assertThat(leaps).allSatisfy(l -> assertThat(l.day().getMonthValue()).isIn(6, 12));
  }

  @Test
  void hashVectorsOfTimeFacts() throws Exception {
    // Current IERS file: a9bad145 84c31c70 758402aa b37bfd54 5923836a.
    assertThat(LeapSecondTable.validate(bundledText())).isEqualTo(LeapFileStatus.GOOD_HASH);
    // 2016 NIST file: afc03691 8ff53838 42080ba1 cdd22f1 48192c10, one word with 7 hex digits.
    LeapSecondTable nist = LeapSecondTable.parse(nist2016Text());
    assertThat(nist.hashStatus()).isEqualTo(LeapFileStatus.GOOD_HASH);
    assertThat(nist.entries()).hasSize(27);
    assertThat(nist.expires()).isEqualTo("2016-12-28T00:00:00Z");
    assertThat(nist.updated()).isEqualTo("2015-01-05T00:00:00Z");
  }

  @Test
  void hashIsComparedAsBytesNotAsText() throws Exception {
    int[] line = new int[1];
    // The same words with leading zeros written out, upper case, extra spaces: still good.
    String padded = replaceLine(nist2016Text(), "#h", "#h  AFC03691 8ff53838\t42080ba1 0cdd22f1 48192C10 ", line);
    assertThat(LeapSecondTable.parse(padded).hashStatus()).isEqualTo(LeapFileStatus.GOOD_HASH);
    // Concatenated as text these words equal the original ones ("...42080ba1cdd22f148192c10"); as
    // five 32-bit words they are a different digest.
    String shifted = replaceLine(nist2016Text(), "#h", "#h\tafc03691 8ff53838 42080ba1 cdd22f14 8192c10", line);
    assertThat(LeapSecondTable.validate(shifted)).isEqualTo(LeapFileStatus.BAD_HASH);
  }

  @Test
  void onlyDigitsOfTheTaggedAndDataLinesAreHashed() throws Exception {
    String text = bundledText();
    // Comments, whitespace and trailing data comments are not hashed.
    String reformatted = text.replace("# 1 Jan 2017", "# the 2016 leap second")
        .replace("#\tFile expires on 28 June 2027", "#\tcomment changed")
        .replace("2272060800\t10", "2272060800   10 ");
    assertThat(reformatted).isNotEqualTo(text);
    assertThat(LeapSecondTable.validate(reformatted)).isEqualTo(LeapFileStatus.GOOD_HASH);
    // CRLF line ends change nothing.
    assertThat(LeapSecondTable.parse(text.replace("\n", "\r\n"))).isEqualTo(LeapSecondTable.bundled());
  }

  @Test
  void changedOffsetIsBadHash() throws Exception {
    int[] line = new int[1];
    String altered = replaceLine(bundledText(), "3692217600", "3692217600\t38\t# 1 Jan 2017", line);
    LeapFileException e = catchThrowableOfType(LeapFileException.class, () -> LeapSecondTable.parse(altered));
    assertThat(e.status()).isEqualTo(LeapFileStatus.BAD_HASH);
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.BAD_HASH);
    assertThat(LeapSecondTable.validate(altered)).isEqualTo(LeapFileStatus.BAD_HASH);
    assertThat(LeapFileStatus.BAD_HASH.isAcceptable()).isFalse();
  }

  @Test
  void changedExpiryIsBadHash() throws Exception {
    int[] line = new int[1];
    String altered = replaceLine(bundledText(), "#@", "#@\t4054665600", line);
    assertThat(LeapSecondTable.validate(altered)).isEqualTo(LeapFileStatus.BAD_HASH);
  }

  @Test
  void brokenLineIsBadFormatWithItsLineNumber() throws Exception {
    int[] line = new int[1];
    String broken = replaceLine(bundledText(), "2871676800", "2871676800\t2x\t# 1 Jan 1991", line);
    LeapFileException e = catchThrowableOfType(LeapFileException.class, () -> LeapSecondTable.parse(broken));
    assertThat(e.status()).isEqualTo(LeapFileStatus.BAD_FORMAT);
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.MALFORMED_ENTRY);
    assertThat(e.lineNumber()).isEqualTo(line[0]).isGreaterThan(0);
    assertThat(e).hasMessageContaining("line " + line[0]);
    assertThat(LeapSecondTable.validate(broken)).isEqualTo(LeapFileStatus.BAD_FORMAT);

    String oneField = replaceLine(bundledText(), "2871676800", "2871676800", line);
    e = catchThrowableOfType(LeapFileException.class, () -> LeapSecondTable.parse(oneField));
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.MALFORMED_ENTRY);
    assertThat(e.lineNumber()).isEqualTo(line[0]);
  }

  private static String file(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static LeapFileException rejection(String text) {
    return catchThrowableOfType(LeapFileException.class, () -> LeapSecondTable.parse(text));
  }

  @Test
  void entryRulesAreEnforcedWithLineNumbers() {
    // Unhashed files so that the entry rules, not the hash, decide.
    LeapFileException e = rejection(file("#$ 3992312697", "#@ 4023129600", "2272060800 10", "2287785600 11",
        "2287785600 12"));
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.NOT_ASCENDING);
    assertThat(e.lineNumber()).isEqualTo(5);

    e = rejection(file("#$ 3992312697", "#@ 4023129600", "2272060800 10", "2287699200 11"));
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.NOT_MONTH_START); // 30 Jun 1972
    assertThat(e.lineNumber()).isEqualTo(4);

    e = rejection(file("#$ 3992312697", "#@ 4023129600", "2272060801 10"));
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.NOT_MONTH_START); // 00:00:01
    assertThat(e.lineNumber()).isEqualTo(3);

    e = rejection(file("#$ 3992312697", "#@ 4023129600", "2272060800 10", "2287785600 12"));
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.NOT_ONE_SECOND_STEP);
    assertThat(e.lineNumber()).isEqualTo(4);
    assertThat(e.status()).isEqualTo(LeapFileStatus.BAD_FORMAT);
  }

  @Test
  void tagsAreRequiredAndUnique() {
    assertThat(rejection(file("#@ 4023129600", "2272060800 10")).reason()).isEqualTo(LeapFileException.Reason.MISSING_UPDATE);
    assertThat(rejection(file("#$ 3992312697", "2272060800 10")).reason()).isEqualTo(LeapFileException.Reason.MISSING_EXPIRY);
    assertThat(rejection(file("#$ 3992312697", "#@ 4023129600")).reason()).isEqualTo(LeapFileException.Reason.NO_ENTRIES);
    LeapFileException e = rejection(file("#$ 3992312697", "#@ 4023129600", "#@ 4023129600", "2272060800 10"));
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.DUPLICATE_TAG);
    assertThat(e.lineNumber()).isEqualTo(3);
    e = rejection(file("#$ 3992312697x", "#@ 4023129600", "2272060800 10"));
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.MALFORMED_UPDATE);
    assertThat(e.lineNumber()).isEqualTo(1);
    e = rejection(file("#$ 3992312697", "#@", "2272060800 10"));
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.MALFORMED_EXPIRY);
    assertThat(e.lineNumber()).isEqualTo(2);
  }

  @Test
  void malformedHashLineIsBadFormat() throws Exception {
    int[] line = new int[1];
    // Short hash (ntpsec fixture leap_shash): four words.
    String shortHash = replaceLine(bundledText(), "#h", "#h\ta9bad145 84c31c70 758402aa b37bfd54", line);
    LeapFileException e = rejection(shortHash);
    assertThat(e.reason()).isEqualTo(LeapFileException.Reason.MALFORMED_HASH);
    assertThat(e.lineNumber()).isEqualTo(line[0]);
    assertThat(e.status()).isEqualTo(LeapFileStatus.BAD_FORMAT);
    assertThat(rejection(replaceLine(bundledText(), "#h", "#h\ta9bad145 84c31c70 758402aa b37bfd54 5923836a0", line))
        .reason()).isEqualTo(LeapFileException.Reason.MALFORMED_HASH);
    assertThat(rejection(replaceLine(bundledText(), "#h", "#h\ta9bad145 84c31c70 758402aa b37bfd54 5923836g", line))
        .reason()).isEqualTo(LeapFileException.Reason.MALFORMED_HASH);
  }

  @Test
  void fileWithoutHashIsAcceptedAsNoHash() throws Exception {
    String text = bundledText().replaceAll("(?m)^#h.*$", "");
    LeapSecondTable table = LeapSecondTable.parse(text);
    assertThat(table.hashStatus()).isEqualTo(LeapFileStatus.NO_HASH);
    assertThat(LeapFileStatus.NO_HASH.isAcceptable()).isTrue();
    assertThat(table.entries()).isEqualTo(LeapSecondTable.bundled().entries());
    assertThat(table).isNotEqualTo(LeapSecondTable.bundled());
  }

  @Test
  void statusCodesAreThoseOfNtpsec() {
    assertThat(LeapFileStatus.GOOD_HASH.code()).isEqualTo(1);
    assertThat(LeapFileStatus.NO_HASH.code()).isZero();
    assertThat(LeapFileStatus.BAD_HASH.code()).isEqualTo(-1);
    assertThat(LeapFileStatus.BAD_FORMAT.code()).isEqualTo(-2);
  }

  @Test
  void loadsFromPathUrlAndStream(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("leap-seconds.list");
    Files.writeString(file, nist2016Text(), StandardCharsets.US_ASCII);
    LeapSecondTable fromPath = LeapSecondTable.load(file);
    assertThat(fromPath.expires()).isEqualTo("2016-12-28T00:00:00Z");
    assertThat(LeapSecondTable.load(file.toUri().toURL())).isEqualTo(fromPath);
    assertThat(LeapSecondTable.read(new ByteArrayInputStream(nist2016Text().getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo(fromPath);
    byte[] huge = new byte[(1 << 20) + 1];
    assertThat(catchThrowableOfType(LeapFileException.class, () -> LeapSecondTable.read(new ByteArrayInputStream(huge)))
        .reason()).isEqualTo(LeapFileException.Reason.TOO_LARGE);
    assertThatThrownBy(() -> LeapSecondTable.load(dir.resolve("missing"))).isInstanceOf(IOException.class);
  }

  @Test
  void taiMinusUtcStepsAtMidnight() {
    LeapSecondTable table = LeapSecondTable.bundled();
    assertThat(table.taiMinusUtc(Instant.parse("1972-01-01T00:00:00Z"))).isEqualTo(10);
    assertThat(table.taiMinusUtc(Instant.parse("1972-06-30T23:59:59.999999999Z"))).isEqualTo(10);
    assertThat(table.taiMinusUtc(Instant.parse("1972-07-01T00:00:00Z"))).isEqualTo(11);
    assertThat(table.taiMinusUtc(Instant.parse("2016-12-31T23:59:59.999999999Z"))).isEqualTo(36);
    assertThat(table.taiMinusUtc(Instant.parse("2017-01-01T00:00:00Z"))).isEqualTo(37);
    assertThat(table.taiMinusUtc(Instant.parse("2027-06-27T23:59:59.999999999Z"))).isEqualTo(37);
  }

  @Test
  void taiMinusUtcOutsideTheTableIsATypedError() {
    LeapSecondTable table = LeapSecondTable.bundled();
    TimeScaleException before = catchThrowableOfType(TimeScaleException.class,
        () -> table.taiMinusUtc(Instant.parse("1971-12-31T23:59:59.999999999Z")));
    assertThat(before.reason()).isEqualTo(TimeScaleException.Reason.BEFORE_TABLE);
    assertThat(before.instant()).isEqualTo("1971-12-31T23:59:59.999999999Z");
    TimeScaleException expired = catchThrowableOfType(TimeScaleException.class,
        () -> table.taiMinusUtc(Instant.parse("2027-06-28T00:00:00Z")));
    assertThat(expired.reason()).isEqualTo(TimeScaleException.Reason.TABLE_EXPIRED);
  }

  @Test
  void leapIndicatorDuringTheLastDayBeforeALeapSecond() {
    LeapSecondTable table = LeapSecondTable.bundled();
    assertThat(table.leapIndicatorAt(Instant.parse("2016-12-30T23:59:59.999999999Z"))).contains(LeapIndicator.NO_WARNING);
    assertThat(table.leapIndicatorAt(Instant.parse("2016-12-31T00:00:00Z"))).contains(LeapIndicator.LAST_MINUTE_61);
    assertThat(table.leapIndicatorAt(Instant.parse("2016-12-31T23:59:59.999999999Z"))).contains(LeapIndicator.LAST_MINUTE_61);
    assertThat(table.leapIndicatorAt(Instant.parse("2017-01-01T00:00:00Z"))).contains(LeapIndicator.NO_WARNING);
    assertThat(table.leapIndicatorAt(Instant.parse("1972-06-30T12:00:00Z"))).contains(LeapIndicator.LAST_MINUTE_61);
    // The first entry sets the initial offset; it is not a leap second.
    assertThat(table.leapIndicatorAt(Instant.parse("1971-12-31T12:00:00Z"))).contains(LeapIndicator.NO_WARNING);
    assertThat(table.leapIndicatorAt(Instant.parse("2026-06-30T12:00:00Z"))).contains(LeapIndicator.NO_WARNING);
  }

  @Test
  void negativeLeapSecondIndicatesLastMinute59() {
    LeapSecondTable table = LeapSecondTable.of(List.of(
        new LeapSecondTable.Entry(day("2017-01-01"), 37), new LeapSecondTable.Entry(day("2030-07-01"), 36)),
        day("2029-12-01"), day("2030-12-28"));
    assertThat(table.leapSeconds()).containsExactly(new LeapSecondTable.LeapSecond(LocalDate.of(2030, 6, 30), -1));
    assertThat(table.leapIndicatorAt(Instant.parse("2030-06-30T08:00:00Z"))).contains(LeapIndicator.LAST_MINUTE_59);
    assertThat(table.taiMinusUtc(Instant.parse("2030-06-30T23:59:58Z"))).isEqualTo(37);
    assertThat(table.taiMinusUtc(Instant.parse("2030-07-01T00:00:00Z"))).isEqualTo(36);
    assertThat(table.hashStatus()).isEqualTo(LeapFileStatus.NO_HASH);
  }

  @Test
  void expiredTableReportsExpiredAndNeverClaimsNoLeapSecond() throws Exception {
    // The 2016 NIST edition expired on 2016-12-28, three days before the leap second it did not list.
    LeapSecondTable old = LeapSecondTable.parse(nist2016Text());
    Instant afterExpiry = Instant.parse("2016-12-31T12:00:00Z");
    assertThat(old.isExpired(afterExpiry)).isTrue();
    assertThat(old.isExpired(Instant.parse("2016-12-27T23:59:59Z"))).isFalse();
    assertThat(old.isExpired(old.expires())).isTrue();
    assertThat(old.leapIndicatorAt(afterExpiry)).isEmpty();
    assertThat(old.leapIndicatorAt(Instant.parse("2016-12-28T00:00:00Z"))).isEmpty();
    // The last day wholly covered still gets an answer.
    assertThat(old.leapIndicatorAt(Instant.parse("2016-12-27T12:00:00Z"))).contains(LeapIndicator.NO_WARNING);
    assertThat(catchThrowableOfType(TimeScaleException.class, () -> old.taiMinusUtc(afterExpiry)).reason())
        .isEqualTo(TimeScaleException.Reason.TABLE_EXPIRED);
    // Past instants keep converting.
    assertThat(old.taiMinusUtc(Instant.parse("2016-01-01T00:00:00Z"))).isEqualTo(36);

    // The bundled table, seen from after its own expiry.
    LeapSecondTable bundled = LeapSecondTable.bundled();
    assertThat(bundled.isExpired(Instant.parse("2027-06-28T00:00:00Z"))).isTrue();
    assertThat(bundled.isExpired(Instant.parse("2026-11-21T12:00:00Z"))).isFalse();
    assertThat(bundled.leapIndicatorAt(Instant.parse("2027-06-30T12:00:00Z"))).isEqualTo(Optional.empty());
    assertThat(bundled.leapIndicatorAt(Instant.parse("2027-06-27T12:00:00Z"))).contains(LeapIndicator.NO_WARNING);
  }

  @Test
  void assumingNoFurtherLeapIsExplicit() {
    LeapSecondTable bundled = LeapSecondTable.bundled();
    Instant y2038 = Instant.parse("2038-11-20T23:59:42Z");
    assertThat(catchThrowableOfType(TimeScaleException.class, () -> bundled.taiMinusUtc(y2038)).reason())
        .isEqualTo(TimeScaleException.Reason.TABLE_EXPIRED);
    LeapSecondTable assumed = bundled.withExpires(Instant.parse("2040-01-01T00:00:00Z"));
    assertThat(assumed.taiMinusUtc(y2038)).isEqualTo(37);
    assertThat(assumed.leapIndicatorAt(y2038)).contains(LeapIndicator.NO_WARNING);
    assertThat(assumed.hashStatus()).isEqualTo(LeapFileStatus.NO_HASH);
    assertThat(assumed.entries()).isEqualTo(bundled.entries());
    assertThat(assumed.updated()).isEqualTo(bundled.updated());
    assertThat(LeapSecondTable.of(bundled.entries(), bundled.updated(), assumed.expires())).isEqualTo(assumed);
  }

  @Test
  void factoryRejectsBrokenEntries() {
    assertThatThrownBy(() -> new LeapSecondTable.Entry(Instant.parse("2017-01-02T00:00:00Z"), 37))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LeapSecondTable.LeapSecond(LocalDate.of(2016, 12, 31), 2))
        .isInstanceOf(IllegalArgumentException.class);
    LeapSecondTable.Entry a = new LeapSecondTable.Entry(day("2017-01-01"), 37);
    LeapSecondTable.Entry b = new LeapSecondTable.Entry(day("2018-01-01"), 39);
    assertThatThrownBy(() -> LeapSecondTable.of(List.of(a, b), a.start(), b.start())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LeapSecondTable.of(List.of(b, a), a.start(), b.start())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LeapSecondTable.of(List.of(), a.start(), b.start())).isInstanceOf(IllegalArgumentException.class);
  }
}
