package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntpclock.clock.json.JsonObject;

class ConvertCommandTest {
  private static JsonObject convert(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "convert";
    all[1] = "--json";
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.of(all).json();
  }

  @Test
  void everyKeyIsPresent() {
    JsonObject o = convert("--iso", "2026-11-21T09:38:16.684830539Z");
    assertThat(o.members()).containsOnlyKeys("iso", "unix", "ntp", "ntpEra", "gpsWeek", "gpsTimeOfWeek",
        "micropython", "micropythonTuple", "taiMinusUtc", "leapTableExpired");
    assertThat(o.get("unix")).isEqualTo("1795253896.684830539");
    // 0.684830539 s * 2^32 = 2941324768.307 -> rounds to 0xaf510de0 (the decode example eeabe508.af510de4
    // truncates to the same nanosecond, so the nanosecond ISO form cannot round-trip every NTP value)
    assertThat(o.get("ntp")).isEqualTo("eeabe508.af510de0");
    assertThat(o.get("taiMinusUtc")).hasToString("37");
    assertThat(o.get("leapTableExpired")).isEqualTo(false);
    assertThat(o.get("micropythonTuple")).isEqualTo(List.of(2026, 11, 21, 9, 38, 16, 5, 325).stream().map(BigDecimal::valueOf).toList());
  }

  @Test
  void commonsNetNtpVector() {
    JsonObject o = convert("--ntp", "c1a9ae1c.cf6ac48d");
    assertThat(o.get("iso")).isEqualTo("2002-12-17T14:07:24.810222896Z");
    assertThat(o.get("ntp")).isEqualTo("c1a9ae1c.cf6ac48d"); // the given bits, not re-rounded
    assertThat(o.get("ntpEra")).hasToString("0");
    assertThat(o.get("taiMinusUtc")).hasToString("32");
  }

  @Test
  void gpsRolloverVectorBothWays() {
    assertThat(convert("--gps", "2048:0").get("iso")).isEqualTo("2019-04-06T23:59:42Z");
    JsonObject back = convert("--iso", "2019-04-06T23:59:42Z");
    assertThat(back.get("gpsWeek")).hasToString("2048");
    assertThat(back.get("gpsTimeOfWeek")).isEqualTo("0");
  }

  @Test
  void micropythonEpochs() {
    assertThat(convert("--micropython", "0").get("iso")).isEqualTo("2000-01-01T00:00:00Z");
    assertThat(convert("--micropython", "0", "--micropython-epoch", "1970").get("iso")).isEqualTo("1970-01-01T00:00:00Z");
    JsonObject o = convert("--iso", "1970-01-01T00:00:00Z");
    assertThat(o.get("micropython")).isEqualTo("-946684800");
    assertThat(o.get("gpsWeek")).isNull(); // before the GPS epoch
    assertThat(o.get("taiMinusUtc")).isNull(); // before the table
  }

  @ParameterizedTest
  @CsvSource({
    // 10-bit week 0 aliases weeks 0, 1024, 2048, 3072: the one nearest --near wins.
    "0:0, 2020-01-01T00:00:00Z, 2019-04-06T23:59:42Z",
    "0:0, 2001-01-01T00:00:00Z, 1999-08-21T23:59:47Z",
    "1023:604799, 2019-06-01T00:00:00Z, 2019-04-06T23:59:41Z",
  })
  void gps10ResolvesNearTheReference(String weekTow, String near, String expected) {
    assertThat(convert("--gps10", weekTow, "--near", near).get("iso")).isEqualTo(expected);
  }

  @Test
  void unixAndDecimalNtpInputs() {
    assertThat(convert("--unix", "0").get("ntp")).isEqualTo("83aa7e80.00000000");
    assertThat(convert("--unix", "-0.5").get("iso")).isEqualTo("1969-12-31T23:59:59.500Z");
    assertThat(convert("--ntp", "2208988800.5").get("iso")).isEqualTo("1970-01-01T00:00:00.500Z");
    JsonObject era1 = convert("--ntp", "4294967296");
    assertThat(era1.get("iso")).isEqualTo("2036-02-07T06:28:16Z");
    assertThat(era1.get("ntpEra")).hasToString("1");
    assertThat(era1.get("ntp")).isEqualTo("00000000.00000000");
  }

  @Test
  void afterTheTableExpiryTaiIsUnknown() {
    JsonObject o = convert("--iso", "2030-01-01T00:00:00Z");
    assertThat(o.get("leapTableExpired")).isEqualTo(true);
    assertThat(o.get("taiMinusUtc")).isNull();
    assertThat(o.get("gpsWeek")).isNull();
  }

  @Test
  void textOutputIsATable() {
    CliRun run = CliRun.of("convert", "--micropython", "0");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("(?m)^iso +2000-01-01T00:00:00Z$").contains("micropythonTuple");
  }

  @Test
  void twoInputsAreBadUsage() {
    CliRun.of("convert", "--iso", "2026-01-01T00:00:00Z", "--unix", "0").fails(2, "ntpclock convert:", "mutually exclusive");
  }

  @Test
  void noInputIsBadUsage() {
    CliRun.of("convert").fails(2, "Missing required argument");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--iso|yesterday|--iso",
    "--unix|12abc|--unix",
    "--ntp|zz.zz|--ntp",
    "--ntp|00000000.00000000|unknown",
    "--gps|2048|WEEK:TOW",
    "--gps|2048:604800|time of week",
    "--gps10|1024:0|10-bit week",
    "--micropython|x|--micropython",
  })
  void badValuesAreBadUsage(String option, String value, String fragment) {
    CliRun.of("convert", option, value).fails(2, fragment);
  }

  @Test
  void nearWithoutGps10IsBadUsage() {
    CliRun.of("convert", "--gps", "2048:0", "--near", "2020-01-01T00:00:00Z").fails(2, "--near");
  }

  @Test
  void badMicropythonEpochIsBadUsage() {
    CliRun.of("convert", "--micropython", "0", "--micropython-epoch", "1980").fails(2, "--micropython-epoch");
  }
}
