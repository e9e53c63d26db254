package org.ntpclock.clock.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.ntpclock.codec.transport.Transport;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.codec.server.RateLimiter;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.TimeSource;
import org.ntpclock.epoch.ExpiryPolicy;
import org.ntpclock.codec.transport.NtsCredentials;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.LeapSmear;
import org.ntpclock.epoch.LeapTableChoice;
import org.ntpclock.epoch.source.LeapSecondTimeSource;
import org.ntpclock.clock.app.ClockHardware;
import org.ntpclock.clock.app.GpsChoice;
import org.ntpclock.clock.app.LeapAnnouncingTimeSource;
import org.ntpclock.clock.app.NtpClock;
import org.ntpclock.clock.app.RtcChoice;
import org.ntpclock.rtc.DeviceConfig;
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
      "The RTC is the time source (or a GPS receiver with --source gps:...): if its "
          + "oscillator-stopped flag is set (or the GPS has no fix, or its PPS stopped beyond --holdover) "
          + "the NTP server answers unsynchronized (LI=3, stratum 16). The HTTP server answers GET /time (JSON) and "
          + "GET /time.txt (one line); every response has a Date header. The LED panel shows HH:MM "
          + "with a seconds bar and dims with the light sensor. The network runs on its own threads, "
          + "so the display keeps going when it fails.",
      "",
      "Leap seconds come from the newest leap-second table available (bundled, the system's tzdata, "
          + "--leap-file); serve says which it took. By default the leap second is inserted: LI 1 "
          + "throughout its day, 23:59:60 served stalled at 23:59:59.999999999, LI 0 after. With "
          + "--leap-smear linear24h (Google's noon-to-noon linear smear) or utc-sls (the last 1000 s "
          + "before midnight) the server serves leap-smeared UTC and never announces the leap second "
          + "(clients must not apply it twice); its reference id stays the RTC's, so tell your "
          + "clients that this server smears. Past the table's expiry serve assumes no further leap "
          + "second and warns."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--ntp-port", paramLabel = "PORT",
      description = "UDP port of the NTP server (default: 123 if it can be bound, else 12300; 0 picks a free port).")
  Integer ntpPort;

  @Option(names = "--transport", paramLabel = "TRANSPORT", defaultValue = "auto",
      description = "auto|ffm|jdk: the NTP server's transport (default: ${DEFAULT-VALUE}, ffm with kernel receive "
          + "timestamps on Linux with JDK 22+, else jdk).")
  String transport;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
      description = "TCP port of the HTTP server (default: ${DEFAULT-VALUE}; 0 picks a free port).")
  int httpPort;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address both servers listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--rtc", paramLabel = "RTC", defaultValue = "simulated",
      description = "simulated[:INSTANT]|system|sysfs[:PATH]|ds3231[:I2C-BUS] (default: ${DEFAULT-VALUE}, a simulated DS3231 set from the system clock, or to INSTANT, e.g. 2030-06-30T23:59:50Z).")
  String rtc;

  @Option(names = "--leap-smear", paramLabel = "MODE", defaultValue = "none",
      description = "none|linear24h|utc-sls: insert the leap second and announce it (default: ${DEFAULT-VALUE}), or serve leap-smeared UTC without announcing it.")
  String leapSmear;

  @Option(names = "--leap-file", paramLabel = "FILE",
      description = "A leap-second table (leap-seconds.list or tz leapseconds) to consider besides the bundled and the system's; the newest valid one is used.")
  Path leapFile;

  @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "rtc",
      description = "rtc|gps:gpsd[://HOST:PORT]|gps:nmea:DEVICE|gps:simulated: the time source (default: ${DEFAULT-VALUE}, the --rtc clock). "
          + "A GPS source is stratum 1 with reference id PPS (or GPS without PPS).")
  String source;

  @Option(names = "--pps", paramLabel = "PATH",
      description = "Linux PPS device for a GPS source, e.g. /sys/class/pps/pps0 (or a file in its assert format).")
  Path pps;

  @Option(names = "--nmea-offset", paramLabel = "MILLIS",
      description = "Serve a GPS source from its sentences alone (no PPS), taking each to arrive MILLIS ms after its second began.")
  Integer nmeaOffset;

  @Option(names = "--holdover", paramLabel = "SECONDS", defaultValue = "60",
      description = "How long a GPS source keeps serving after its PPS edges stop (default: ${DEFAULT-VALUE}); then LI=3.")
  int holdover;

  @Option(names = "--display", paramLabel = "DISPLAY",
      description = "terminal|png:PATH|none|max7219[:SPI] (default: terminal when stdout is a terminal, else none).")
  String display;

  @Option(names = "--light", paramLabel = "SENSOR", defaultValue = "simulated",
      description = "simulated|iio:PATH light sensor for dimming (default: ${DEFAULT-VALUE}).")
  String light;

  @Option(names = "--keyfile", paramLabel = "FILE",
      description = "chrony/ntpd key file: authenticated requests get signed replies.")
  Path keyfile;

  @Option(names = "--nts-cert", paramLabel = "FILE",
      description = "Serve NTS (RFC 8915): PEM certificate chain, leaf first (with --nts-key).")
  Path ntsCert;

  @Option(names = "--nts-key", paramLabel = "FILE",
      description = "PEM PKCS#8 private key of --nts-cert (RSA or EC).")
  Path ntsKey;

  @Option(names = "--nts-port", paramLabel = "PORT", defaultValue = "4460",
      description = "NTS-KE TCP port (default ${DEFAULT-VALUE}).")
  int ntsPort;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file of serve options: long option names without dashes as keys (ntp-port=123, "
          + "rtc=system, ...); options on the command line override it.")
  Path config;

  @Option(names = "--rate-limit", paramLabel = "INTERVAL:BURST[:LEAK]",
      description = "Per-client rate limit as chrony's ratelimit: INTERVAL log2 s (-19..12), BURST requests (1..255), LEAK log2 (default 2: one in 4 over-limit requests is still answered, so a client whose address is spoofed by a flooder is not silenced; 0 answers none). Off unless given.")
  String rateLimit;

  @Option(names = "--rate-limit-kod",
      description = "Answer over-limit requests that are not leaked with a KoD RATE (48 bytes, telling a well-behaved client to slow down) instead of dropping them, as chrony's kod. Needs --rate-limit.")
  boolean rateLimitKod;

  /**
   * What a running {@code serve} is made of, for in-process tests.
   *
   * @param clock the running clock
   * @param rtc its RTC and time source, or null for a GPS source
   * @param gps its GPS source, or null for an RTC source
   */
  record Started(NtpClock clock, RtcChoice rtc, GpsChoice gps) {}

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
    checkSimulatedStart(rtcSpec);
    String displayText = display != null ? display : (System.console() != null ? "terminal" : "none");
    DeviceSpec displaySpec = DeviceSpec.parse("--display", displayText,
        List.of("terminal", "png", "none", "max7219"), List.of("png"));
    DeviceSpec lightSpec = DeviceSpec.parse("--light", light, List.of("simulated", "iio"), List.of("iio"));
    if (displaySpec.kind().equals("png")) {
      // Checked now: the picture is written from the display thread, where a failure is too late to report.
      CliFiles.checkWritable("--display", displayText, displaySpec.argument().orElse(""));
    }
    if (rateLimitKod && rateLimit == null) {
      throw CliException.usage("--rate-limit-kod needs --rate-limit");
    }
    RateLimiter limiter = rateLimit == null ? null : parseRateLimit(rateLimit, rateLimitKod);
    KeyStore keys = keyfile == null ? null : Keys.load(keyfile);
    Optional<LeapSmear> smear = parseLeapSmear(leapSmear, rtcSpec);
    LeapTableChoice leapTable = ConvertCommand.chooseLeapTable(leapFile);
    if ((ntsCert == null) != (ntsKey == null)) {
      throw CliException.usage("--nts-cert and --nts-key go together");
    }
    checkPort("--nts-port", ntsPort);
    NtsCredentials ntsCredentials = null;
    if (ntsCert != null) {
      ntsCredentials = CliFiles.ntsCredentials(ntsCert, ntsKey);
    }

    Transport chosenTransport;
    switch (transport) {
      case "auto":
        chosenTransport = null;
        break;
      case "jdk":
        chosenTransport = Transport.JDK_CHANNEL;
        break;
      case "ffm":
        if (!Transport.FFM.isAvailable()) {
          throw CliException.usage("--transport ffm is unavailable here: " + Transport.FFM.unavailableReason());
        }
        chosenTransport = Transport.FFM;
        break;
      default:
        throw CliException.usage("invalid value for --transport: " + transport + " (expected auto, ffm or jdk)");
    }
    GpsChoice gpsChoice = openGps(leapTable.table(), smear);
    RtcChoice rtcChoice = null;
    if (gpsChoice == null) {
      try {
        rtcChoice = ClockHardware.openRtc(rtcSpec.kind(), rtcSpec.argument());
      } catch (ClockHardware.HardwareException e) {
        throw CliException.failed(e.getMessage(), e);
      }
      out.println("RTC: " + rtcChoice.description() + ": " + rtcChoice.firstReading());
    } else {
      out.println("GPS: " + gpsChoice.description() + "; unsynchronized (LI=3) until the receiver and the edges agree");
    }
    out.println("leap-second table: " + leapTable.describe());
    Instant sourceNow = rtcChoice != null ? rtcTime(rtcChoice) : Instant.now();
    if (leapTable.table().isExpired(sourceNow)) {
      out.println("warning: the leap-second table expired at " + leapTable.table().expires()
          + "; serving on the assumption that no leap second follows it (give a newer one with --leap-file)");
    }
    out.println("leap seconds: " + smear.map(s -> "smeared (" + s.id() + "); LI never announces a leap second")
        .orElse("inserted (LI 1 throughout the day, 23:59:60 served stalled)"));
    out.flush();
    AutoCloseable sourceParts = gpsChoice != null ? gpsChoice : rtcChoice;
    NtpClock clock;
    try {
      // Leap seconds after the RTC was set are applied: for a simulated chip that is its start time;
      // a hardware RTC does not say when it was set, so its time at start-up stands for it.
      // The GPS source counts leap seconds itself from the same table.
      NtpClock.Builder builder = NtpClock.builder(gpsChoice != null ? gpsChoice.source()
              : leapAware(rtcChoice, rtcSpec.kind(), simulatedStart(rtcSpec).orElse(sourceNow), leapTable.table(), smear))
          .bind(address)
          .ntpPort(ntpPort == null ? NtpClock.AUTO_PORT : ntpPort)
          .httpPort(httpPort)
          .transport(chosenTransport)
          .keys(keys)
          .rateLimiter(limiter)
          .closing(sourceParts);
      if (ntsCredentials != null) {
        builder.nts(ntsCredentials, ntsPort);
      }
      ClockHardware.attachDisplay(builder, displaySpec.kind(), displaySpec.argument(), lightSpec.kind(),
          lightSpec.argument(), out, System.console() != null);
      clock = builder.start();
    } catch (UncheckedIOException | IllegalStateException | ClockHardware.HardwareException e) {
      closeQuietly(sourceParts);
      throw CliException.failed(e.getMessage(), e);
    }
    int ntpBound = clock.ntpAddress().getPort();
    // Named by the address asked for: the JDK reports a wildcard bind as the IPv6 wildcard.
    out.println("NTP server on udp " + hostPort(new InetSocketAddress(address, ntpBound))
        + (ntpPort == null && ntpBound != NtpClock.NTP_PORT ? " (port 123 could not be bound, using " + ntpBound + ")" : ""));
    clock.ntsKeServer().ifPresent(ke -> out.println("NTS-KE server on tcp " + hostPort(new InetSocketAddress(clock.ntpAddress().getAddress(), ke.port()))
        + " (TLS 1.3 on the " + ke.tlsStack() + " stack), NTS replies on udp " + clock.ntpAddress().getPort()));
    Transport running = clock.ntpServer().transport();
    out.println("NTP transport: " + running + ", receive timestamps: " + running.receiveTimestamps().description()
        + (Transport.FFM.isAvailable() ? "" : " (FFM transport unavailable: " + Transport.FFM.unavailableReason() + ")"));
    out.println("HTTP server on http://" + hostPort(new InetSocketAddress(address, clock.httpAddress().getPort()))
        + "/time (metrics: /metrics)");
    Duration skew = rtcChoice == null ? Duration.ZERO : rtcChoice.differenceFromSystemClock();
    if (skew.abs().compareTo(Duration.ofSeconds(1)) >= 0) {
      out.println("warning: the RTC differs from the system clock by " + skew
          + "; NTP and HTTP (body and Date header) serve the RTC's time");
    }
    out.println("display: " + displaySpec.kind() + ", light sensor: " + lightSpec.kind() + "; Ctrl-C stops the clock");
    out.flush();
    onStarted.accept(new Started(clock, rtcChoice, gpsChoice));
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

  /**
   * The served source over the RTC. An RTC counts seconds and knows nothing of leap seconds: the
   * table's are inserted (or smeared) from the time it was read at start-up on. The system clock
   * follows the kernel, which inserts leap seconds itself: there the table only announces them.
   */
  private static TimeSource leapAware(RtcChoice rtc, String kind, Instant setAt, LeapSecondTable table,
      Optional<LeapSmear> smear) {
    if (kind.equals("system")) {
      return LeapAnnouncingTimeSource.of(rtc.source(), table);
    }
    ExpiryPolicy policy = ExpiryPolicy.ASSUME_NO_LEAP_SECOND;
    return smear.<TimeSource>map(s -> LeapSecondTimeSource.smearing(rtc.source(), table, setAt, s, policy))
        .orElseGet(() -> LeapSecondTimeSource.inserting(rtc.source(), table, setAt, policy));
  }

  /** The RTC's time now, or the system clock's while the RTC cannot vouch for its time. */
  private static Instant rtcTime(RtcChoice rtc) {
    long bits = rtc.source().nowBits();
    return bits == 0 ? Instant.now() : NtpTimestamp.ofBits(bits).toInstant();
  }

  private static Optional<LeapSmear> parseLeapSmear(String text, DeviceSpec rtcSpec) {
    if (text.equals("none")) {
      return Optional.empty();
    }
    LeapSmear smear;
    try {
      smear = LeapSmear.ofId(text);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid value for --leap-smear: '" + text + "' (expected none, linear24h or utc-sls)");
    }
    if (rtcSpec.kind().equals("system")) {
      throw CliException.usage("--leap-smear " + text + " needs an RTC that does not insert leap seconds itself;"
          + " --rtc system follows the kernel clock, which does");
    }
    return Optional.of(smear);
  }

  /** The GPS source {@code --source gps:...} asks for, or null for the RTC. */
  private GpsChoice openGps(LeapSecondTable leapTable, Optional<LeapSmear> smear) {
    if (source.equals("rtc")) {
      if (pps != null || nmeaOffset != null) {
        throw CliException.usage("--pps and --nmea-offset need a GPS source (--source gps:...)");
      }
      return null;
    }
    if (!source.startsWith("gps:")) {
      throw CliException.usage("invalid value for --source: '" + source + "' (expected rtc or gps:RECEIVER)");
    }
    if (smear.isPresent()) {
      throw CliException.usage("--leap-smear applies to an RTC source; a GPS source serves UTC with the leap second inserted");
    }
    if (nmeaOffset != null && (nmeaOffset < 0 || nmeaOffset >= 1000)) {
      throw CliException.usage("invalid value for --nmea-offset: " + nmeaOffset + " (expected 0..999 ms)");
    }
    if (holdover < 2 || holdover > 86_400) {
      throw CliException.usage("invalid value for --holdover: " + holdover + " (expected 2..86400 s)");
    }
    try {
      return GpsChoice.open(source.substring("gps:".length()), Optional.ofNullable(pps),
          Optional.ofNullable(nmeaOffset).map(Duration::ofMillis), Duration.ofSeconds(holdover), leapTable);
    } catch (ClockHardware.HardwareException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      // already failing; the original error is reported
    }
  }

  static RateLimiter parseRateLimit(String text, boolean kod) {
    String[] parts = text.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw CliException.usage("invalid value for --rate-limit: '" + text + "' (expected INTERVAL:BURST[:LEAK], e.g. 3:8:2)");
    }
    try {
      RateLimiter.Builder b = RateLimiter.builder()
          .interval(Integer.parseInt(parts[0]))
          .burst(Integer.parseInt(parts[1]))
          .kod(kod);
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

  /** A simulated RTC's start time must be an instant the DS3231 can hold (2000..2099). */
  private static void checkSimulatedStart(DeviceSpec rtcSpec) {
    simulatedStart(rtcSpec).ifPresent(start -> {
      if (start.isBefore(Instant.parse("2000-01-01T00:00:00Z")) || !start.isBefore(Instant.parse("2099-12-31T00:00:00Z"))) {
        throw CliException.usage("invalid value for --rtc: 'simulated:" + rtcSpec.argument().orElseThrow()
            + "' (the DS3231 holds 2000..2099)");
      }
    });
  }

  /** The start time of {@code --rtc simulated:INSTANT} (or {@code simulated:start=INSTANT,...}), if given. */
  private static Optional<Instant> simulatedStart(DeviceSpec rtcSpec) {
    if (!rtcSpec.kind().equals("simulated") || rtcSpec.argument().isEmpty()) {
      return Optional.empty();
    }
    String arg = rtcSpec.argument().get();
    Optional<String> text;
    try {
      text = DeviceConfig.parse(arg.contains("=") ? arg : "start=" + arg).get("start");
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid value for --rtc: 'simulated:" + arg + "' (" + e.getMessage() + ")");
    }
    try {
      return text.map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw CliException.usage("invalid value for --rtc: 'simulated:" + arg + "' (expected ISO-8601 like 2030-06-30T23:59:50Z)");
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
