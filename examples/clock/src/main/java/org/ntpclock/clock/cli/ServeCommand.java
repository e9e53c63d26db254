package org.ntpclock.clock.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.codec.server.RateLimiter;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.clock.app.ClockHardware;
import org.ntpclock.clock.app.LeapAnnouncingTimeSource;
import org.ntpclock.clock.app.NtpClock;
import org.ntpclock.clock.app.RtcChoice;
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
      "Run the NTP clock until Ctrl-C.",
      "",
      "The RTC is the time source: if its oscillator-stopped flag is set the NTP server answers "
          + "unsynchronized (LI=3, stratum 16). The HTTP server answers GET /time (JSON) and "
          + "GET /time.txt (one line); every response has a Date header. The LED panel shows HH:MM "
          + "with a seconds bar and dims with the light sensor. The network runs on its own threads, "
          + "so the display keeps going when it fails."
    })
final class ServeCommand implements Callable<Integer> {
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
      description = "simulated|system|sysfs[:PATH]|ds3231[:I2C-BUS] (default: ${DEFAULT-VALUE}, a simulated DS3231 set from the system clock).")
  String rtc;

  @Option(names = "--display", paramLabel = "DISPLAY",
      description = "terminal|png:PATH|none|max7219[:SPI] (default: terminal when stdout is a terminal, else none).")
  String display;

  @Option(names = "--light", paramLabel = "SENSOR", defaultValue = "simulated",
      description = "simulated|iio:PATH light sensor for dimming (default: ${DEFAULT-VALUE}).")
  String light;

  @Option(names = "--keyfile", paramLabel = "FILE",
      description = "chrony/ntpd key file: authenticated requests get signed replies.")
  Path keyfile;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file of serve options: long option names without dashes as keys (ntp-port=123, "
          + "rtc=system, ...); options on the command line override it.")
  Path config;

  @Option(names = "--rate-limit", paramLabel = "INTERVAL:BURST[:LEAK]",
      description = "Per-client rate limit as chrony's ratelimit: INTERVAL log2 s (-19..12), BURST requests (1..255), LEAK log2 (default 2). Off unless given.")
  String rateLimit;

  /**
   * What a running {@code serve} is made of, for in-process tests.
   *
   * @param clock the running clock
   * @param rtc its RTC and time source
   */
  record Started(NtpClock clock, RtcChoice rtc) {}

  /** Test hook: called on the serving thread once the clock is up. */
  static volatile Consumer<Started> onStarted = started -> {};

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (config != null) {
      ConfigFile.apply(spec, config);
    }
    checkPort("--http-port", httpPort);
    if (ntpPort != null) {
      checkPort("--ntp-port", ntpPort);
    }
    InetAddress address = resolveBind();
    DeviceSpec rtcSpec = DeviceSpec.parse("--rtc", rtc, List.of("simulated", "system", "sysfs", "ds3231"), List.of());
    String displayText = display != null ? display : (System.console() != null ? "terminal" : "none");
    DeviceSpec displaySpec = DeviceSpec.parse("--display", displayText,
        List.of("terminal", "png", "none", "max7219"), List.of("png"));
    DeviceSpec lightSpec = DeviceSpec.parse("--light", light, List.of("simulated", "iio"), List.of("iio"));
    RateLimiter limiter = rateLimit == null ? null : parseRateLimit(rateLimit);
    KeyStore keys = keyfile == null ? null : Keys.load(keyfile);

    RtcChoice rtcChoice;
    try {
      rtcChoice = ClockHardware.openRtc(rtcSpec.kind(), rtcSpec.argument());
    } catch (ClockHardware.HardwareException e) {
      throw CliException.failed(e.getMessage(), e);
    }
    out.println("RTC: " + rtcChoice.description() + ": " + rtcChoice.firstReading());
    out.flush();
    NtpClock clock;
    try {
      // An RTC knows nothing of leap seconds: the bundled table announces them (LI 1 on the day).
      NtpClock.Builder builder = NtpClock.builder(LeapAnnouncingTimeSource.of(rtcChoice.source(), LeapSecondTable.bundled()))
          .bind(address)
          .ntpPort(ntpPort == null ? NtpClock.AUTO_PORT : ntpPort)
          .httpPort(httpPort)
          .keys(keys)
          .rateLimiter(limiter)
          .closing(rtcChoice);
      ClockHardware.attachDisplay(builder, displaySpec.kind(), displaySpec.argument(), lightSpec.kind(),
          lightSpec.argument(), out, System.console() != null);
      clock = builder.start();
    } catch (UncheckedIOException | ClockHardware.HardwareException e) {
      rtcChoice.close();
      throw CliException.failed(e.getMessage(), e);
    }
    int ntpBound = clock.ntpAddress().getPort();
    // Named by the address asked for: the JDK reports a wildcard bind as the IPv6 wildcard.
    out.println("NTP server on udp " + hostPort(new InetSocketAddress(address, ntpBound))
        + (ntpPort == null && ntpBound != NtpClock.NTP_PORT ? " (port 123 could not be bound, using " + ntpBound + ")" : ""));
    out.println("HTTP server on http://" + hostPort(new InetSocketAddress(address, clock.httpAddress().getPort()))
        + "/time (metrics: /metrics)");
    Duration skew = rtcChoice.differenceFromSystemClock();
    if (skew.abs().compareTo(Duration.ofSeconds(1)) >= 0) {
      out.println("warning: the RTC differs from the system clock by " + skew
          + "; the HTTP Date header follows the system clock (the JDK server sets it)");
    }
    out.println("display: " + displaySpec.kind() + ", light sensor: " + lightSpec.kind() + "; Ctrl-C stops the clock");
    out.flush();
    onStarted.accept(new Started(clock, rtcChoice));
    return runUntilStopped(clock, out);
  }

  /**
   * Serves until Ctrl-C (the shutdown hook) or, in-process, an interrupt. Whichever comes first
   * closes the clock and says so; on Ctrl-C that happens inside the hook, because the JVM halts as
   * soon as its hooks are done.
   */
  private static int runUntilStopped(NtpClock clock, PrintWriter out) {
    AtomicBoolean stopped = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Runnable stop = () -> {
      if (stopped.compareAndSet(false, true)) {
        clock.close();
        out.println("ntpclock stopped");
        out.flush();
      }
      done.countDown();
    };
    Thread hook = new Thread(stop, "ntpclock-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      done.await();
    } catch (InterruptedException e) {
      // In-process callers (tests) stop the clock by interrupting the serving thread.
      Thread.currentThread().interrupt();
    } finally {
      stop.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running or has run.
      }
    }
    return 0;
  }

  static RateLimiter parseRateLimit(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw CliException.usage("invalid value for --rate-limit: '" + text + "' (expected INTERVAL:BURST[:LEAK], e.g. 3:8:2)");
    }
    try {
      RateLimiter.Builder b = RateLimiter.builder()
          .interval(Integer.parseInt(parts[0]))
          .burst(Integer.parseInt(parts[1]));
      if (parts.length == 3) {
        b.leak(Integer.parseInt(parts[2]));
      }
      return b.build();
    } catch (NumberFormatException e) {
      throw CliException.usage("invalid value for --rate-limit: '" + text + "' (numbers expected)");
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid value for --rate-limit: '" + text + "' (" + e.getMessage() + ")");
    }
  }

  private InetAddress resolveBind() {
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
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
