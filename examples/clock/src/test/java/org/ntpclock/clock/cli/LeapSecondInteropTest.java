package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.testing.ExternalProcess;
import org.ntpclock.core.testing.RequiresTool;
import org.ntpclock.core.testing.Tools;
import org.ntpclock.epoch.LeapSecondTable;

/**
 * End to end across a leap second, in each {@code --leap-smear} mode: {@code serve} runs a simulated
 * DS3231 set 15 seconds before the end of 2030-06-30 (serve takes a few seconds to start) and a
 * fake leap-second table (the bundled one plus a leap second at that midnight, expiring
 * 2031-01-01); python3-ntplib queries it every 200 ms until three seconds after the leap second. Each served transmit timestamp must be what the mode specifies for
 * the RTC's time between the client's send and receive (within a sane 50 ms for scheduling),
 * computed here independently of the library: inserted (LI 1 before midnight, 23:59:60 stalled at
 * 23:59:59.999999999, LI 0 and one second back after), Google's linear 24 h smear, or UTC-SLS (LI
 * 0 throughout, continuous, increasing). Nothing depends on today's date.
 */
class LeapSecondInteropTest {
  /** 2030-07-01T00:00:00Z: where the fake leap second ends on UTC labels (the RTC's 00:00:00 begins it). */
  private static final long LEAP = Instant.parse("2030-07-01T00:00:00Z").getEpochSecond();
  private static final double SLACK = 0.05;
  /** At most 60 s of queries, five a second; the loop stops three seconds after the leap second. */
  private static final int MAX_SAMPLES = 300;

  @TempDir Path dir;

  /** A sample: client send and receive (system clock, POSIX s), raw transmit bits, LI and stratum. */
  record Sample(double t1, double t4, long bits, int leap, int stratum) {
    double served() {
      return (bits >>> 32) - NtpTimestamp.NTP_TO_POSIX_SECONDS + (bits & 0xFFFF_FFFFL) / 4294967296.0;
    }
  }

  /** The bundled table's entries plus TAI-UTC 38 s from 2030-07-01, expiring 2031-01-01, without a hash. */
  static Path fakeTable(Path dir) throws IOException {
    LeapSecondTable bundled = LeapSecondTable.bundled();
    StringBuilder text = new StringBuilder("# fake table for a leap second at the end of 2030-06-30\n")
        .append("#$\t").append(bundled.updated().getEpochSecond() + NtpTimestamp.NTP_TO_POSIX_SECONDS).append('\n')
        .append("#@\t4133980800\n");
    for (LeapSecondTable.Entry e : bundled.entries()) {
      text.append(e.ntpSeconds()).append('\t').append(e.taiMinusUtc()).append('\n');
    }
    text.append("4118083200\t38\t# 1 Jul 2030 (fake)\n");
    Path file = dir.resolve("fake-leap-seconds.list");
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    return file;
  }

  /** What the mode serves at the RTC's (free-running) time {@code c}, POSIX seconds. */
  static double expected(String mode, double c) {
    switch (mode) {
      case "none":
        if (c < LEAP) {
          return c;
        }
        return c < LEAP + 1 ? LEAP - 1e-9 : c - 1;
      case "linear24h": {
        double u = c - (LEAP - 43_200);
        if (u < 0) {
          return c;
        }
        return u < 86_401 ? LEAP - 43_200 + u * 86_400 / 86_401 : c - 1;
      }
      case "utc-sls": {
        double u = c - (LEAP - 1_000);
        if (u < 0) {
          return c;
        }
        return u < 1_001 ? LEAP - 1_000 + u * 1_000 / 1_001 : c - 1;
      }
      default:
        throw new IllegalArgumentException(mode);
    }
  }

  @ParameterizedTest(name = "--leap-smear {0}")
  @ValueSource(strings = {"none", "linear24h", "utc-sls"})
  @RequiresTool(python = "ntplib")
  void servedAcrossAFakeLeapSecond(String mode) throws Exception {
    Path table = fakeTable(dir);
    List<Sample> samples = new ArrayList<>();
    long rtcAhead;
    try (RunningServe serve = RunningServe.start("--display", "none", "--rtc", "simulated:2030-06-30T23:59:45Z",
        "--leap-file", table.toString(), "--leap-smear", mode)) {
      assertThat(serve.out())
          .contains("leap-second table: " + table + " (expires 2031-01-01T00:00:00Z, NO_HASH); also considered bundled")
          .contains(mode.equals("none") ? "leap seconds: inserted" : "leap seconds: smeared (" + mode + ")");
      // The simulated chip runs a whole number of seconds ahead of the system clock.
      rtcAhead = Math.round(serve.rtc().differenceFromSystemClock().toMillis() / 1000.0);
      String script = String.join("\n",
          "import ntplib, socket, struct, sys, time",
          "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
          "s.settimeout(2)",
          "n = 0",
          "while n < " + MAX_SAMPLES + ":",
          "    t1 = time.time()",
          "    if t1 + " + rtcAhead + " > " + (LEAP + 3) + ": break",
          "    n += 1",
          "    req = ntplib.NTPPacket(version=4, mode=3, tx_timestamp=ntplib.system_to_ntp_time(t1))",
          "    s.sendto(req.to_data(), ('127.0.0.1', " + serve.ntpPort() + "))",
          "    data, _ = s.recvfrom(1024)",
          "    t4 = time.time()",
          "    st = ntplib.NTPStats()",
          "    st.from_data(data)",
          "    hi, lo = struct.unpack('!II', data[40:48])",
          "    print('SAMPLE %.6f %.6f %d %d %d %d' % (t1, t4, hi, lo, st.leap, st.stratum))",
          "    sys.stdout.flush()",
          "    time.sleep(0.2)");
      ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(150), List.of(Tools.python(), "-c", script));
      assertThat(r.exitCode()).as("ntplib output:\n%s", r.output()).isZero();
      for (String line : r.output().split("\n")) {
        if (line.startsWith("SAMPLE ")) {
          String[] f = line.split(" ");
          samples.add(new Sample(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
              Long.parseLong(f[3]) << 32 | Long.parseLong(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6])));
        }
      }
    }
    assertThat(samples).hasSizeLessThan(MAX_SAMPLES);
    long stall = (LEAP - 1 + NtpTimestamp.NTP_TO_POSIX_SECONDS) << 32 | 0xFFFF_FFFCL; // 23:59:59.999999999
    int before = 0;
    int inLeap = 0;
    int after = 0;
    Sample previous = null;
    for (Sample s : samples) {
      double c1 = s.t1 + rtcAhead;
      double c4 = s.t4 + rtcAhead;
      String at = String.format("RTC %.6f..%.6f served %.9f LI %d", c1 - LEAP, c4 - LEAP, s.served() - LEAP, s.leap);
      assertThat(s.served()).as(at).isBetween(expected(mode, c1) - SLACK, expected(mode, c4) + SLACK);
      assertThat(s.stratum).as(at).isEqualTo(10);
      if (previous != null) {
        assertThat(Long.compareUnsigned(s.bits, previous.bits)).as(at).isGreaterThanOrEqualTo(mode.equals("none") ? 0 : 1);
      }
      previous = s;
      if (c4 < LEAP - SLACK) {
        before++;
        assertThat(s.leap).as(at).isEqualTo(mode.equals("none") ? 1 : 0);
      } else if (c1 > LEAP + SLACK && c4 < LEAP + 1 - SLACK) {
        inLeap++;
        assertThat(s.leap).as(at).isEqualTo(mode.equals("none") ? 1 : 0);
        if (mode.equals("none")) {
          assertThat(s.bits).as(at + ": 23:59:60 is served stalled").isEqualTo(stall);
        }
      } else if (c1 > LEAP + 1 + SLACK) {
        after++;
        assertThat(s.leap).as(at).isZero();
      }
    }
    // The run saw the clock before, inside and after the leap second.
    assertThat(before).isPositive();
    assertThat(inLeap).isPositive();
    assertThat(after).isPositive();
  }
}
