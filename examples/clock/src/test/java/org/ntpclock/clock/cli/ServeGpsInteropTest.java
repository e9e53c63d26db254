package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.core.testing.ExternalProcess;
import org.ntpclock.core.testing.RequiresTool;
import org.ntpclock.core.testing.Tools;
import org.ntpclock.rtc.gps.GpsTimeSource;
import org.ntpclock.rtc.gps.SimulatedGpsReceiver;
import org.ntpclock.rtc.gps.SimulatedGpsReceiver.Fault;

/**
 * End to end: {@code ntpclock serve --source gps:nmea:FIFO --pps FILE} fed by the simulated
 * receiver (NMEA into a named pipe, PPS edges into a sysfs-format file), queried by
 * {@code chronyd -Q} for the offset (a sane one while synchronized; none at all, because chronyd
 * refuses the server, once it answers LI=3) and python3-ntplib for the header chronyd -Q does not
 * print: stratum 1, reference id PPS; when the PPS stops it holds over and then answers LI=3 /
 * stratum 16; when the fix is lost it answers LI=3 at once.
 */
@RequiresTool(value = {"chronyd", "mkfifo"}, python = "ntplib")
class ServeGpsInteropTest {
  private static final Pattern WRONG_BY = Pattern.compile("System clock wrong by (-?[0-9.]+) seconds");
  private static final Pattern HEADER = Pattern.compile("(?m)^HEADER leap=(\\d) stratum=(\\d+) refid=(\\S*)$");

  /** chronyd -Q's verdict: the offset it measured, or empty when it refused the server. */
  private static Optional<Double> chronydOffset(Path dir, String name, int port, int timeoutSeconds) throws IOException {
    Path run = Files.createDirectories(dir.resolve(name));
    Path conf = run.resolve("chrony.conf");
    Files.writeString(conf, "pidfile " + run.resolve("chronyd.pid") + "\n");
    ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(timeoutSeconds + 15), List.of(
        Tools.require("chronyd").toString(), "-Q", "-t", Integer.toString(timeoutSeconds), "-f", conf.toString(),
        "server 127.0.0.1 port " + port + " iburst"));
    Matcher m = WRONG_BY.matcher(r.output());
    System.out.println("chronyd -Q (" + name + "): " + r.output().replaceAll("\\s+", " "));
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  /** The header fields python3-ntplib reads from one reply: leap, stratum, reference id in hex. */
  private static String[] header(int port) {
    String script = String.join("\n",
        "import ntplib",
        "r = ntplib.NTPClient().request('127.0.0.1', port=" + port + ", version=4, timeout=2)",
        "print('HEADER leap=%d stratum=%d refid=%08X' % (r.leap, r.stratum, r.ref_id))");
    ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(20), List.of(Tools.python(), "-c", script));
    Matcher m = HEADER.matcher(r.output());
    assertThat(m.find()).as("ntplib output:\n%s", r.output()).isTrue();
    return new String[] {m.group(1), m.group(2), m.group(3)};
  }

  private static void awaitStatus(GpsTimeSource source, Predicate<TimeSourceStatus> condition, String what) throws InterruptedException {
    for (int i = 0; i < 600; i++) { // 30 s
      if (condition.test(source.status())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what + "; source " + source + ", status " + source.status());
  }

  @Test
  void chronydSeesAStratumOnePpsServerThatFailsSafe(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("gps.nmea");
    Path pps = dir.resolve("pps0-assert");
    ExternalProcess.Result made = ExternalProcess.run(Duration.ofSeconds(10), List.of(Tools.require("mkfifo").toString(), fifo.toString()));
    assertThat(made.exitCode()).as(made.output()).isZero();
    try (SimulatedGpsReceiver sim = SimulatedGpsReceiver.builder().nmea(fifo).pps(pps).build().start();
        RunningServe serve = RunningServe.start("--source", "gps:nmea:" + fifo, "--pps", pps.toString(), "--holdover", "4")) {
      GpsTimeSource source = serve.gps().source();
      assertThat(serve.out()).contains("GPS: NMEA receiver on " + fifo);
      awaitStatus(source, TimeSourceStatus::isSynchronized, "synchronization");

      double offset = chronydOffset(dir, "healthy", serve.ntpPort(), 15).orElseThrow(() -> new AssertionError("chronyd -Q got no time"));
      System.out.printf("chronyd -Q against serve --source gps: clock wrong by %.1f us (jitter %s)%n", offset * 1e6, source.jitter());
      assertThat(Math.abs(offset)).as("|offset| chronyd measured, s").isLessThan(0.05);
      assertThat(header(serve.ntpPort())).containsExactly("0", "1", "50505300"); // "PPS\\0"

      // PPS lost: holdover (still stratum 1, a larger dispersion), then LI=3 after 4 s.
      TimeSourceStatus locked = source.status();
      sim.set(Fault.LOST_PPS, true);
      awaitStatus(source, s -> s.isSynchronized() && s.rootDispersion().compareTo(locked.rootDispersion()) > 0, "holdover");
      awaitStatus(source, s -> !s.isSynchronized(), "the end of holdover");
      assertThat(header(serve.ntpPort())).as("LI=3, stratum 16 (0 on the wire)").containsExactly("3", "0", "00000000");
      assertThat(chronydOffset(dir, "no-pps", serve.ntpPort(), 5)).as("chronyd -Q refuses an LI=3 server").isEmpty();

      // PPS back, then the fix is lost: LI=3 at once.
      sim.set(Fault.LOST_PPS, false);
      awaitStatus(source, TimeSourceStatus::isSynchronized, "resynchronization");
      sim.set(Fault.LOST_FIX, true);
      awaitStatus(source, s -> !s.isSynchronized(), "the lost fix");
      assertThat(source.status().leap()).isEqualTo(LeapIndicator.UNSYNCHRONIZED);
      assertThat(header(serve.ntpPort())).as("LI=3, stratum 16 (0 on the wire)").containsExactly("3", "0", "00000000");
      assertThat(chronydOffset(dir, "no-fix", serve.ntpPort(), 5)).as("chronyd -Q refuses an LI=3 server").isEmpty();
    }
  }

  @Test
  void withoutPpsTheSentencesAloneServeWithReferenceIdGps(@TempDir Path dir) throws Exception {
    try (RunningServe serve = RunningServe.start("--source", "gps:simulated", "--nmea-offset", "150")) {
      GpsTimeSource source = serve.gps().source();
      assertThat(source.usesPps()).isFalse();
      awaitStatus(source, TimeSourceStatus::isSynchronized, "synchronization");
      assertThat(header(serve.ntpPort())).containsExactly("0", "1", "47505300"); // "GPS\\0"
      // The simulated sentences arrive 150 ms ± 20 ms after the second: the offset takes that out.
      double offset = chronydOffset(dir, "nmea-only",
          serve.ntpPort(), 15).orElseThrow(() -> new AssertionError("chronyd -Q got no time"));
      System.out.printf("chronyd -Q against serve --source gps:simulated --nmea-offset 150: clock wrong by %.1f ms%n", offset * 1e3);
      assertThat(Math.abs(offset)).as("|offset| chronyd measured, s").isLessThan(0.05);
    }
  }
}
