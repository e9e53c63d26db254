package org.ntpclock.clock.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ntpclock.core.EraResolver;
import org.ntpclock.core.NtpDate;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.epoch.ExpiryPolicy;
import org.ntpclock.core.input.SafeText;
import org.ntpclock.epoch.GpsTime;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.LeapTableChoice;
import org.ntpclock.epoch.MicroPythonEpoch;
import org.ntpclock.clock.app.TimeFields;
import org.ntpclock.clock.json.JsonObject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntpclock convert}: one instant in every time format the project knows. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Convert an instant between UTC, POSIX, NTP, GPS and MicroPython time.",
      "",
      "Give exactly one input. NTP hex is ssssssss.ffffffff (era by the RFC 4330 pivot, 1968..2104); "
          + "decimal NTP seconds count from 1900 and may exceed 2^32 (era 1). Decimal inputs round to "
          + "the nearest nanosecond; the ISO output truncates to nanoseconds; the ntp output rounds to "
          + "the nearest 2^-32 s. GPS time and TAI-UTC use the newest leap-second table available (the "
          + "bundled one, the system's tzdata files, --leap-file) and are null before 1972. At or after "
          + "the table's expiry they assume no further leap second: leapTableExpired is true and a "
          + "warning goes to stderr."
    })
final class ConvertCommand implements Callable<Integer> {
  private static final Pattern HEX_TIMESTAMP = Pattern.compile("[0-9a-fA-F]{8}\\.[0-9a-fA-F]{8}");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final Pattern GPS = Pattern.compile("([0-9]+):([0-9]+(\\.[0-9]+)?)");
  private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
  private static final BigDecimal UNITS = BigDecimal.valueOf(1L << 32);

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--iso", paramLabel = "INSTANT", description = "ISO-8601 instant, e.g. 2026-11-21T09:38:16.5Z.")
    String iso;

    @Option(names = "--unix", paramLabel = "SECONDS[.FRACTION]", description = "POSIX seconds since 1970 (may be negative).")
    String unix;

    @Option(names = "--ntp", paramLabel = "HEX|SECONDS[.FRACTION]", description = "NTP timestamp ssssssss.ffffffff, or decimal seconds since 1900.")
    String ntp;

    @Option(names = "--gps", paramLabel = "WEEK:TOW", description = "Full GPS week number and time of week in seconds.")
    String gps;

    @Option(names = "--gps10", paramLabel = "WEEK:TOW", description = "10-bit GPS week (0..1023) resolved near --near, and time of week.")
    String gps10;

    @Option(names = "--micropython", paramLabel = "SECONDS", description = "MicroPython time.time() seconds since --micropython-epoch.")
    String micropython;
  }

  @Option(names = "--near", paramLabel = "INSTANT", description = "Reference instant for --gps10 (default: now).")
  String near;

  @Option(names = "--leap-file", paramLabel = "FILE",
      description = "A leap-second table (leap-seconds.list or tz leapseconds) to consider besides the bundled and the system's; the newest valid one is used.")
  Path leapFile;

  @Option(names = "--micropython-epoch", paramLabel = "YEAR", defaultValue = "2000",
      description = "Epoch of --micropython: 2000 (esp32, stm32, ...) or 1970 (unix, rp2, ...); default ${DEFAULT-VALUE}.")
  int micropythonEpoch;

  @Override
  public Integer call() {
    if (near != null && input.gps10 == null) {
      throw CliException.usage("--near only applies to --gps10");
    }
    if (micropythonEpoch != 2000 && micropythonEpoch != 1970) {
      throw CliException.usage("invalid value for --micropython-epoch: " + micropythonEpoch + " (expected 2000 or 1970)");
    }
    LeapTableChoice leapTable = chooseLeapTable(leapFile);
    TimeFields fields = TimeFields.create(leapTable.table());
    Instant instant;
    JsonObject result;
    try {
      NtpDate date;
      if (input.ntp != null) {
        // The given bits are kept exactly; the instant truncates them to nanoseconds.
        date = parseNtp(input.ntp);
        instant = date.toInstant(RoundingMode.FLOOR);
      } else {
        instant = parseInput(fields.table());
        date = NtpDate.fromInstant(instant);
      }
      result = fields.convertJson(instant, date);
    } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
      // An instant java.time can hold but cannot turn into a date (beyond year 999,999,999), or an
      // NTP era or GPS week outside what the conversions can express.
      throw CliException.usage("invalid value for " + inputOption() + ": " + SafeText.quote(inputText(), 80)
          + " (out of range)");
    }
    Output.print(spec.commandLine().getOut(), result, json.json);
    if (Boolean.TRUE.equals(result.get("leapTableExpired"))) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("ntpclock convert: warning: " + instant + " is at or after the expiry of the leap-second table "
          + SafeText.escape(leapTable.chosen().describe()) + ": GPS time and TAI-UTC assume no leap second after it"
          + " (give a newer table with --leap-file)");
      err.flush();
    }
    return 0;
  }

  /** The input option given (exactly one of them is). */
  private String inputOption() {
    return input.ntp != null ? "--ntp" : input.iso != null ? "--iso" : input.unix != null ? "--unix"
        : input.gps != null ? "--gps" : input.gps10 != null ? "--gps10" : "--micropython";
  }

  private String inputText() {
    return input.ntp != null ? input.ntp : input.iso != null ? input.iso : input.unix != null ? input.unix
        : input.gps != null ? input.gps : input.gps10 != null ? input.gps10 : input.micropython;
  }

  /**
   * The newest leap-second table, the user's file considered; a user's file that is missing is bad
   * usage, one that fails its checks a failed check (a silently ignored --leap-file would hide both).
   */
  static LeapTableChoice chooseLeapTable(Path leapFile) {
    if (leapFile != null && !Files.isRegularFile(leapFile)) {
      throw CliException.usage("invalid value for --leap-file: " + SafeText.quote(leapFile.toString(), 200)
          + (Files.exists(leapFile) ? " (not a regular file: a directory, FIFO, socket or device)" : " (no such file)"));
    }
    LeapTableChoice choice = LeapTableChoice.newest(Optional.ofNullable(leapFile));
    for (LeapTableChoice.Candidate c : choice.candidates()) {
      if (c.origin() == LeapTableChoice.Origin.USER && c.rejection().isPresent()) {
        throw CliException.failed("--leap-file " + c.describe());
      }
    }
    return choice;
  }

  private Instant parseInput(LeapSecondTable table) {
    if (input.iso != null) {
      return parseInstant("--iso", input.iso);
    }
    if (input.unix != null) {
      BigDecimal seconds = decimal("--unix", input.unix);
      return instantOf(Instant.EPOCH, seconds, "--unix", input.unix);
    }
    if (input.gps != null) {
      Matcher m = gpsMatcher("--gps", input.gps);
      return gps("--gps", input.gps, weekOf("--gps", input.gps, m.group(1)), m.group(2), table);
    }
    if (input.gps10 != null) {
      Matcher m = gpsMatcher("--gps10", input.gps10);
      int truncated = weekOf("--gps10", input.gps10, m.group(1));
      if (truncated > 1023) {
        throw CliException.usage("invalid value for --gps10: '" + input.gps10 + "' (10-bit week is 0..1023)");
      }
      Instant reference = near == null ? Instant.now() : parseInstant("--near", near);
      int week;
      try {
        week = GpsTime.resolveWeek(truncated, 10, reference);
      } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
        throw CliException.usage("invalid value for --near: " + SafeText.quote(near, 80)
            + " (too far from the GPS epoch to resolve a week)");
      }
      return gps("--gps10", input.gps10, week, m.group(2), table);
    }
    BigDecimal seconds = decimal("--micropython", input.micropython);
    MicroPythonEpoch epoch = micropythonEpoch == 1970 ? MicroPythonEpoch.Y1970 : MicroPythonEpoch.Y2000;
    return instantOf(epoch.epoch().origin(), seconds, "--micropython", input.micropython);
  }

  private static Instant parseInstant(String option, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw CliException.usage("invalid value for " + option + ": '" + text + "' (expected ISO-8601 like 2026-11-21T09:38:16Z)");
    }
  }

  private static BigDecimal decimal(String option, String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw CliException.usage("invalid value for " + option + ": '" + text + "' (expected decimal seconds like 1795253896.5)");
    }
    return new BigDecimal(text);
  }

  private static Instant instantOf(Instant epoch, BigDecimal seconds, String option, String text) {
    BigDecimal nanos = seconds.multiply(NANOS).setScale(0, RoundingMode.HALF_EVEN);
    BigInteger[] split = nanos.toBigInteger().divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
    long s = split[0].longValue();
    long n = split[1].longValue();
    if (n < 0) {
      s -= 1;
      n += 1_000_000_000L;
    }
    try {
      if (split[0].bitLength() > 62) {
        throw new ArithmeticException("too large");
      }
      return epoch.plusSeconds(s).plusNanos(n);
    } catch (DateTimeException | ArithmeticException e) {
      throw CliException.usage("invalid value for " + option + ": '" + text + "' (out of range)");
    }
  }

  private static NtpDate parseNtp(String text) {
    if (HEX_TIMESTAMP.matcher(text).matches()) {
      NtpTimestamp ts = NtpTimestamp.parse(text.toLowerCase(java.util.Locale.ROOT));
      if (ts.isUnknown()) {
        throw CliException.usage("invalid value for --ntp: '" + text + "' (the zero timestamp means 'unknown', not a date)");
      }
      return ts.toDate(EraResolver.defaultResolver());
    }
    if (!DECIMAL.matcher(text).matches() || text.startsWith("-")) {
      throw CliException.usage("invalid value for --ntp: '" + text
          + "' (expected hex ssssssss.ffffffff or decimal seconds since 1900)");
    }
    BigDecimal value = new BigDecimal(text);
    BigInteger seconds = value.toBigInteger();
    if (seconds.bitLength() > 62) {
      throw CliException.usage("invalid value for --ntp: '" + text + "' (out of range)");
    }
    BigDecimal fraction = value.subtract(new BigDecimal(seconds)).multiply(UNITS).setScale(0, RoundingMode.HALF_EVEN);
    long s = seconds.longValueExact();
    long f = fraction.longValueExact();
    if (f == 1L << 32) {
      s++;
      f = 0;
    }
    return NtpDate.ofNtpSeconds(s, f);
  }

  private static Matcher gpsMatcher(String option, String text) {
    Matcher m = GPS.matcher(text);
    if (!m.matches()) {
      throw CliException.usage("invalid value for " + option + ": '" + text + "' (expected WEEK:TOW like 2048:0 or 2048:518400.5)");
    }
    return m;
  }

  private static int weekOf(String option, String text, String week) {
    try {
      return Integer.parseInt(week);
    } catch (NumberFormatException e) {
      throw CliException.usage("invalid value for " + option + ": '" + text + "' (week out of range)");
    }
  }

  private static Instant gps(String option, String text, int week, String towText, LeapSecondTable table) {
    BigDecimal tow = new BigDecimal(towText);
    BigDecimal nanos = tow.multiply(NANOS).setScale(0, RoundingMode.HALF_EVEN);
    long totalNanos = nanos.longValueExact();
    long second = totalNanos / 1_000_000_000L;
    int nano = (int) (totalNanos % 1_000_000_000L);
    if (second >= GpsTime.SECONDS_PER_WEEK) {
      throw CliException.usage("invalid value for " + option + ": '" + text + "' (time of week is 0..604799.999999999)");
    }
    try {
      // Past the table's expiry the answer assumes no further leap second; the caller flags it.
      return GpsTime.of(week, (int) second, nano).toInstant(table, ExpiryPolicy.ASSUME_NO_LEAP_SECOND).value();
    } catch (DateTimeException e) {
      throw CliException.failed("cannot convert GPS time " + text + " to UTC: " + e.getMessage());
    }
  }
}
