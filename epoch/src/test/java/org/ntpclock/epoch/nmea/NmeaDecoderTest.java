package org.ntpclock.epoch.nmea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntpclock.epoch.UtcReading;

/** Golden sentences: rollovers, centuries, leap second, validity, framing errors. */
class NmeaDecoderTest {
  private static final Instant NEAR_2026 = Instant.parse("2026-01-01T00:00:00Z");

  private static NmeaTime decode(Instant near, String body) throws NmeaException {
    return NmeaDecoder.near(near).decode(NmeaWriter.frame(body), 1).orElseThrow();
  }

  private static String rmc(String time, String date) {
    return "GPRMC," + time + ",A,5104.0859,N,11405.7387,W,0.09,194.17," + date + ",,,A";
  }

  @Test
  void realQuectelRmc() throws Exception {
    NmeaTime t = NmeaDecoder.near(NEAR_2026)
        .decode("$GPRMC,150119.000,A,5104.0859,N,11405.7387,W,0.09,194.17,090322,,,D*73\r\n", 7).orElseThrow();
    assertThat(t).isEqualTo(new NmeaTime(7, "GP", "RMC",
        Optional.of(UtcReading.of(Instant.parse("2022-03-09T15:01:19Z"))), true, false));
  }

  /** Receivers with the week-rollover bug report dates 1024 weeks early; the reference fixes them. */
  @ParameterizedTest(name = "{0} reported near {2} is {3}")
  @CsvSource({
    // 1999-08-22: the first rollover, week 1024 reported as week 0 (1980-01-06).
    "GPRMC, '000000,A,0000.0000,N,00000.0000,E,0.0,0.0,060180,,,A', 1999-09-01T00:00:00Z, 1999-08-22T00:00:00Z",
    // 2019-04-07: week 2048 reported as 1024 (1999-08-22).
    "GPRMC, '120000,A,0000.0000,N,00000.0000,E,0.0,0.0,220899,,,A', 2019-05-01T00:00:00Z, 2019-04-07T12:00:00Z",
    "GPZDA, '120000.50,22,08,1999,00,00', 2019-05-01T00:00:00Z, 2019-04-07T12:00:00.500Z",
    // 2038-11-21: week 3072 reported as 2048 (2019-04-07).
    "GNRMC, '235959,A,0000.0000,N,00000.0000,E,0.0,0.0,070419,,,A', 2039-01-01T00:00:00Z, 2038-11-21T23:59:59Z",
    "GNZDA, '000001,07,04,2019,00,00', 2038-12-01T00:00:00Z, 2038-11-21T00:00:01Z",
    // Two rollovers behind (a receiver stuck in its first era, used 40 years on).
    "GPZDA, '000000,06,01,1980,00,00', 2020-01-01T00:00:00Z, 2019-04-07T00:00:00Z",
  })
  void rolloverIsCorrectedTowardTheReference(String address, String fields, Instant near, Instant expected) throws Exception {
    NmeaTime t = decode(near, address + "," + fields);
    assertThat(t.time()).contains(UtcReading.of(expected));
    assertThat(t.rolloverCorrected()).isTrue();
    assertThat(t.valid()).isTrue();
  }

  @Test
  void aDateAfterTheReferenceIsNeverMovedAndARecentOneIsKept() throws Exception {
    // A stale reference (a build ten years old) must not pull a correct date back.
    NmeaTime later = decode(Instant.parse("2016-01-01T00:00:00Z"), "GPZDA,120000,01,06,2030,00,00");
    assertThat(later.time()).contains(UtcReading.of(Instant.parse("2030-06-01T12:00:00Z")));
    assertThat(later.rolloverCorrected()).isFalse();
    NmeaTime recent = decode(Instant.parse("2026-01-01T00:00:00Z"), "GPZDA,120000,01,06,2017,00,00");
    assertThat(recent.time()).contains(UtcReading.of(Instant.parse("2017-06-01T12:00:00Z")));
    assertThat(recent.rolloverCorrected()).isFalse();
  }

  @ParameterizedTest(name = "ddmmyy {0} near {1} is {2}")
  @CsvSource({
    "311299, 2000-01-01T00:00:00Z, 1999-12-31",
    "010100, 1999-12-31T23:59:59Z, 2000-01-01",
    "010100, 2000-06-01T00:00:00Z, 2000-01-01",
    "311299, 2099-12-31T00:00:00Z, 2099-12-31",
    "010100, 2099-12-31T23:59:59Z, 2100-01-01",
    "280200, 2100-01-15T00:00:00Z, 2100-02-28",
    "311299, 2100-01-01T00:00:00Z, 2099-12-31",
  })
  void twoDigitYearsNearACenturyTakeTheNearestCentury(String ddmmyy, Instant near, String date) throws Exception {
    NmeaTime t = decode(near, rmc("081500", ddmmyy));
    assertThat(t.time()).contains(UtcReading.of(Instant.parse(date + "T08:15:00Z")));
    assertThat(t.rolloverCorrected()).isFalse();
  }

  @Test
  void february29thOf2100DoesNotExist() {
    NmeaException e = catchThrowableOfType(NmeaException.class,
        () -> decode(Instant.parse("2100-01-15T00:00:00Z"), rmc("081500", "290200")));
    assertThat(e.reason()).isEqualTo(NmeaException.Reason.BAD_DATE);
    assertThat(e.column()).isEqualTo(54);
  }

  @Test
  void leapSecondIsAcceptedInTheLastMinuteOnly() throws Exception {
    NmeaTime t = decode(NEAR_2026, "GPZDA,235960.25,31,12,2016,00,00");
    assertThat(t.time()).contains(new UtcReading(Instant.parse("2016-12-31T23:59:59.250Z"), true));
    assertThat(t.time().orElseThrow()).hasToString("2016-12-31T23:59:60.250Z");
    NmeaException e = catchThrowableOfType(NmeaException.class, () -> decode(NEAR_2026, "GPZDA,235860,31,12,2016,00,00"));
    assertThat(e.reason()).isEqualTo(NmeaException.Reason.BAD_TIME);
    assertThat(e.column()).isEqualTo(8);
  }

  @Test
  void timeOnlySentencesTakeTheLastDateAcrossMidnight() throws Exception {
    NmeaDecoder d = NmeaDecoder.near(NEAR_2026);
    assertThat(d.decode(NmeaWriter.frame("GNGGA,235959.5,0000.0000,N,00000.0000,E,1,08,0.9,0.0,M,0.0,M,,"), 1)
        .orElseThrow().time()).as("no date yet").isEmpty();
    d.decode(NmeaWriter.frame(rmc("235959.50", "311225")), 2);
    NmeaTime gga = d.decode(NmeaWriter.frame("GNGGA,000000.00,0000.0000,N,00000.0000,E,1,08,0.9,0.0,M,0.0,M,,"), 3).orElseThrow();
    assertThat(gga.time()).contains(UtcReading.of(Instant.parse("2026-01-01T00:00:00Z")));
    NmeaTime gll = d.decode(NmeaWriter.frame("GNGLL,0000.0000,N,00000.0000,E,000001,A,A"), 4).orElseThrow();
    assertThat(gll.time()).contains(UtcReading.of(Instant.parse("2026-01-01T00:00:01Z")));
    NmeaTime gns = d.decode(NmeaWriter.frame("GNGNS,000002,0000.0000,N,00000.0000,E,NA,08,0.9,0.0,0.0,,"), 5).orElseThrow();
    assertThat(gns.time()).contains(UtcReading.of(Instant.parse("2026-01-01T00:00:02Z")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "GPRMC,120000,V,0000.0000,N,00000.0000,E,0.0,0.0,010126,,,N",
    "GPRMC,120000,A,0000.0000,N,00000.0000,E,0.0,0.0,010126,,,N",
    "GPRMC,120000,A,0000.0000,N,00000.0000,E,0.0,0.0,010126,,,E",
    "GPRMC,120000,A,0000.0000,N,00000.0000,E,0.0,0.0,010126,,,S",
    "GPGGA,120000,0000.0000,N,00000.0000,E,0,00,99.9,0.0,M,0.0,M,,",
    "GPGGA,120000,0000.0000,N,00000.0000,E,6,00,99.9,0.0,M,0.0,M,,",
    "GPGGA,120000,0000.0000,N,00000.0000,E,8,09,2.0,695.7,M,51.6,M,,",
    "GPGNS,120000,0000.0000,N,00000.0000,E,NN,00,99.9,0.0,0.0,,",
    "GPGLL,0000.0000,N,00000.0000,E,120000,V,S",
    "GPRMC,,V,,,,,,,,,,N",
    "GPZDA,120000,,,,,",
  })
  void noValidFixGivesNoTime(String body) throws Exception {
    NmeaDecoder d = NmeaDecoder.near(NEAR_2026);
    d.decode(NmeaWriter.frame(rmc("115959", "010126")), 1);
    NmeaTime t = d.decode(NmeaWriter.frame(body), 2).orElseThrow();
    assertThat(t.valid()).isFalse();
    assertThat(t.time()).isEmpty();
  }

  @Test
  void anyTalkerIsAccepted() throws Exception {
    for (String talker : new String[] {"GP", "GN", "GL", "GA", "GB", "BD", "QZ", "GI"}) {
      NmeaTime t = decode(NEAR_2026, talker + "ZDA,010203,04,05,2026,00,00");
      assertThat(t.talker()).isEqualTo(talker);
      assertThat(t.type()).isEqualTo("ZDA");
      assertThat(t.time()).contains(UtcReading.of(Instant.parse("2026-05-04T01:02:03Z")));
    }
  }

  @Test
  void proprietaryUnknownAndEncapsulatedSentencesAreSkipped() throws Exception {
    NmeaDecoder d = NmeaDecoder.near(NEAR_2026);
    assertThat(d.decode("$PMTK705,AXN_2.51_3339_19071200,0002,QUECTEL-L70,1.0*32", 1)).isEmpty();
    assertThat(d.decode("$PGRME,15.0,M,22.5,M,27.0,M*1A", 2)).isEmpty();
    assertThat(d.decode("$GPGSA,A,3,04,09,16,26,07,03,27,02,,,,,1.21,0.94,0.76*01", 3)).isEmpty();
    assertThat(d.decode(NmeaWriter.frame("GPTXT,01,01,02,hello").replace('$', '!'), 4)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "GPRMC,120000,A,0000.0000,N,00000.0000,E,0.0,0.0,010126,,,A*00 | BAD_CHECKSUM | 61",
    "$GPRMC,120000,A,0000.0000,N,00000.0000,E,0.0,0.0,010126,,,A | MISSING_CHECKSUM | 60",
    "$GPZDA,010203,04,05,2026,00,00*4G | BAD_CHECKSUM | 32",
    "$GPZDA,010203,04,05,2026,00,00*4 | BAD_CHECKSUM | 32",
    "GPZDA,0102,04,05,2026,00,00 | BAD_TIME | 8",
    "GPZDA,250000,04,05,2026,00,00 | BAD_TIME | 8",
    "GPZDA,010203.,04,05,2026,00,00 | BAD_TIME | 8",
    "GPZDA,010203,4,05,2026,00,00 | BAD_DATE | 15",
    "GPZDA,010203,04,05,26,00,00 | BAD_DATE | 21",
    "GPRMC,010203,A,0000.0000,N,00000.0000,E,0.0,0.0,1301X6,,,A | BAD_DATE | 50",
    "GPZDA,010203,04 | TOO_FEW_FIELDS | 0",
    "GP-ZDA,010203,04,05,2026,00,00 | BAD_ADDRESS | 2",
    "GPZDA,01$203,04,05,2026,00,00 | BAD_CHARACTER | 10",
    "GPZDA,010203,04,05,2026,00,00\u00e9 | BAD_CHARACTER | 31",
    "xGPZDA,010203,04,05,2026,00,00 | BAD_START | 1",
  })
  void malformedInputGetsReasonAndColumn(String text, NmeaException.Reason reason, int column) {
    String line = text.startsWith("$") || text.startsWith("x") ? text : NmeaWriter.frame(text);
    if (text.startsWith("GPRMC,120000,A")) {
      line = "$" + text;
    }
    String input = line;
    NmeaException e = catchThrowableOfType(NmeaException.class, () -> NmeaDecoder.near(NEAR_2026).decode(input, 42));
    assertThat(e).as(input).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.lineNumber()).isEqualTo(42);
    assertThat(e.column()).isEqualTo(column);
    assertThat(e.getMessage()).contains("line 42, column " + column);
  }

  @Test
  void lengthLimitIsTheStandardsUnlessRaised() throws Exception {
    String longRmc = "$GPRMC,132820.60,A,4134.49821229,N,09345.03351845,W,3.252,92.308,180320,11.5985,E,D*1A";
    NmeaException e = catchThrowableOfType(NmeaException.class, () -> NmeaDecoder.near(NEAR_2026).decode(longRmc, 3));
    assertThat(e.reason()).isEqualTo(NmeaException.Reason.TOO_LONG);
    assertThat(NmeaDecoder.near(NEAR_2026, NmeaSentence.LENIENT_MAX_LENGTH).decode(longRmc, 3).orElseThrow().time())
        .contains(UtcReading.of(Instant.parse("2020-03-18T13:28:20.600Z")));
  }
}
