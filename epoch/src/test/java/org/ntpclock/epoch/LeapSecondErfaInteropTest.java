package org.ntpclock.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.testing.RequiresTool;
import org.ntpclock.core.testing.Tools;

/** ERFA's {@code eraDat} (python3-erfa) as an independent TAI-UTC oracle up to the table's expiry. */
@RequiresTool(python = {"erfa"})
class LeapSecondErfaInteropTest {
  /** One interpreter prints every day; one process per day would take minutes. */
  private static final String SCRIPT = String.join("\n",
      "import sys, datetime, warnings",
      "import erfa",
      "warnings.simplefilter('ignore')", // ERFA warns 'dubious year' for dates past its release
      "d = datetime.date.fromisoformat(sys.argv[1])",
      "end = datetime.date.fromisoformat(sys.argv[2])",
      "out = []",
      "while d <= end:",
      "    out.append('%s %r' % (d.isoformat(), float(erfa.dat(d.year, d.month, d.day, 0.0))))",
      "    d += datetime.timedelta(days=1)",
      "sys.stdout.write('\\n'.join(out) + '\\n')",
      "");

  private static Map<LocalDate, String> erfaDat(LocalDate from, LocalDate to) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Tools.python(), "-c", SCRIPT, from.toString(), to.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
      assertThat(p.exitValue()).as("python exit status").isZero();
      Map<LocalDate, String> result = new LinkedHashMap<>();
      for (String line : out.split("\n")) {
        if (!line.isEmpty()) {
          String[] f = line.split(" ");
          result.put(LocalDate.parse(f[0]), f[1]);
        }
      }
      return result;
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void taiMinusUtcAgreesWithErfaOnEveryDayUpToExpiry() throws Exception {
    LeapSecondTable table = LeapSecondTable.bundled();
    LocalDate first = LocalDate.of(1972, 1, 1);
    LocalDate expiry = LocalDate.ofInstant(table.expires(), ZoneOffset.UTC);
    assertThat(expiry).isEqualTo("2027-06-28");
    Map<LocalDate, String> erfa = erfaDat(first, expiry);
    assertThat(erfa).hasSize((int) (expiry.toEpochDay() - first.toEpochDay() + 1));
    int lastOffset = table.entries().get(table.entries().size() - 1).taiMinusUtc();
    for (Map.Entry<LocalDate, String> day : erfa.entrySet()) {
      Instant start = day.getKey().atStartOfDay(ZoneOffset.UTC).toInstant();
      if (start.isBefore(table.expires())) {
        assertThat(table.taiMinusUtc(start) + ".0").as("TAI-UTC on %s", day.getKey()).isEqualTo(day.getValue());
      } else {
        // The expiry day itself is no longer covered: the table says so instead of guessing,
        // and ERFA agrees that no leap second intervened.
        assertThat(catchThrowableOfType(TimeScaleException.class, () -> table.taiMinusUtc(start)).reason())
            .isEqualTo(TimeScaleException.Reason.TABLE_EXPIRED);
        assertThat(lastOffset + ".0").as("TAI-UTC on %s", day.getKey()).isEqualTo(day.getValue());
      }
    }
  }
}
