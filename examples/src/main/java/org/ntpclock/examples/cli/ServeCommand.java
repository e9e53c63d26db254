package org.ntpclock.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.examples.app.NtpClock;
import org.ntpclock.examples.app.TimeFields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntpclock serve}: runs the NTP clock until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run the NTP clock: the RTC is the time source, an NTP server answers on UDP, an HTTP server",
      "answers GET /time (JSON) and /time.txt, and the LED panel shows HH:MM. Ctrl-C stops it."
    })
final class ServeCommand implements Callable<Integer> {
  /** The well-known NTP port, and the unprivileged fallback when it cannot be bound. */
  static final int NTP_PORT = 123;
  static final int NTP_FALLBACK_PORT = 12300;

  @Spec CommandSpec spec;

  @Option(names = "--ntp-port", paramLabel = "PORT",
      description = "UDP port of the NTP server (default: 123 if it can be bound, else 12300; 0 picks a free port).")
  Integer ntpPort;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
      description = "TCP port of the HTTP server (default: ${DEFAULT-VALUE}; 0 picks a free port).")
  int httpPort;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address both servers listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--rtc", paramLabel = "RTC", defaultValue = "simulated",
      description = "simulated|system|sysfs[:PATH]|ds3231[:I2C-BUS] (default: ${DEFAULT-VALUE}; the simulated DS3231 starts from the system clock).")
  String rtc;

  @Option(names = "--display", paramLabel = "DISPLAY",
      description = "terminal|png:PATH|none|max7219[:SPI] (default: terminal when stdout is a terminal, else none).")
  String display;

  @Option(names = "--light", paramLabel = "SENSOR", defaultValue = "simulated",
      description = "simulated|iio:PATH light sensor for dimming (default: ${DEFAULT-VALUE}).")
  String light;

  @Option(names = "--keyfile", paramLabel = "FILE",
      description = "chrony/ntpd key file: answer authenticated requests with a MAC.")
  Path keyfile;

  @Option(names = "--rate-limit", paramLabel = "INTERVAL:BURST[:LEAK]",
      description = "Per-client rate limit as chrony's ratelimit directive (log2 s interval -19..12, burst 1..255, leak 1..4); off unless given.")
  String rateLimit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    checkPort("--http-port", httpPort);
    if (ntpPort != null) {
      checkPort("--ntp-port", ntpPort);
    }
    InetAddress address = resolveBind();
    DeviceSpec rtcSpec = DeviceSpec.parse("--rtc", rtc, List.of("simulated", "system", "sysfs", "ds3231"), List.of());
    String displayText = display != null ? display : (System.console() != null ? "terminal" : "none");
    DeviceSpec displaySpec = DeviceSpec.parse("--display", displayText, List.of("terminal", "png", "none", "max7219"), List.of("png"));
    DeviceSpec lightSpec = DeviceSpec.parse("--light", light, List.of("simulated", "iio"), List.of("iio"));
    if (keyfile != null && !keyfile.toFile().isFile()) {
      throw CliException.usage("key file not found: " + keyfile);
    }
    TimeSource source = SystemTimeSource.create();
    NtpClock clock;
    try {
      clock = NtpClock.start(source, new InetSocketAddress(address, httpPort), TimeFields.create());
    } catch (UncheckedIOException e) {
      throw CliException.failed(e.getMessage(), e);
    }
    out.println("RTC: " + rtcSpec.kind() + "; display: " + displaySpec.kind() + "; light sensor: " + lightSpec.kind());
    out.println("HTTP server on http://" + hostPort(clock.httpAddress()) + "/time");
    out.println("Ctrl-C stops the clock");
    out.flush();
    return runUntilStopped(clock);
  }

  private static int runUntilStopped(NtpClock clock) {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      clock.close();
      stopped.countDown();
    }, "ntpclock-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // In-process callers (tests) stop the clock by interrupting the serving thread.
      Thread.currentThread().interrupt();
    } finally {
      clock.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running or has run.
      }
    }
    return 0;
  }

  private InetAddress resolveBind() {
    try {
      return InetAddress.getByName(bind);
    } catch (java.net.UnknownHostException e) {
      throw CliException.usage("invalid value for --bind: '" + bind + "' (unknown host)");
    }
  }

  static void checkPort(String option, int port) {
    if (port < 0 || port > 65535) {
      throw CliException.usage("invalid value for " + option + ": " + port + " (expected 0..65535)");
    }
  }

  static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
