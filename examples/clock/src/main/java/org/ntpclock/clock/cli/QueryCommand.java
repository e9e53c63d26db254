package org.ntpclock.clock.cli;

import com.google.common.net.HostAndPort;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.codec.client.ExchangeFailure;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.client.ExchangeSettings;
import org.ntpclock.codec.client.FailureReason;
import org.ntpclock.codec.client.Selection;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.transport.NtsKeClient;
import org.ntpclock.codec.transport.SntpClient;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.clock.app.TimeFields;
import org.ntpclock.clock.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntpclock query}: asks NTP servers for the time. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Query NTP servers for the time.",
      "",
      "Offset (positive when the server is ahead), delay and root distance are seconds, as decimal "
          + "strings to the nanosecond. Replies are fully validated (origin, leap, stratum, ...). With "
          + "several servers the samples are combined by majority intersection (Marzullo) and the "
          + "falsetickers named; the top-level fields are then those of the truechimer with the least "
          + "root distance. With --samples N each server gets N requests 2 s apart (as chrony's iburst) "
          + "and the one with the least delay counts. KoD, timeout and validation failures exit 1 "
          + "naming the cause. The servers are queried at the same time. With --json stdout holds exactly "
          + "one JSON object, failures included (an \"error\" member). Progress goes to stderr when it is a "
          + "terminal (off with --quiet).",
      "",
      "With --nts each HOST[:PORT] is an NTS-KE server (RFC 8915; port --nts-port unless given): the "
          + "key exchange runs over TLS 1.3 (server certificate checked against the JDK trust store or "
          + "--ca), then only NTS-authenticated replies count, marked \"authenticated\": \"nts\"."
    })
final class QueryCommand implements Callable<Integer> {
  /** Failures after which further samples from that server are pointless or not allowed. */
  private static final java.util.Set<FailureReason> GIVE_UP = java.util.EnumSet.of(FailureReason.KISS_OF_DEATH,
      FailureReason.RATE_BACKOFF, FailureReason.SERVER_DEMOBILIZED, FailureReason.UNRESOLVED, FailureReason.POLL_TOO_SOON);

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(arity = "1..*", paramLabel = "HOST[:PORT]", description = "Servers (port 123 unless given; [v6]:port).")
  List<String> hosts;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "1", description = "Requests per server, 1..8 (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "2", description = "Wait for a reply, seconds (default ${DEFAULT-VALUE}); one retry with double the wait.")
  BigDecimal timeout;

  @Option(names = "--ntp-version", paramLabel = "3|4", defaultValue = "4", description = "NTP version of the requests (default ${DEFAULT-VALUE}).")
  int version;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
  boolean quiet;

  @Option(names = "--progress", description = "Progress lines on stderr even when it is not a terminal.")
  boolean progress;

  @Option(names = "--keyfile", paramLabel = "FILE", description = "chrony/ntpd key file (with --key).")
  Path keyfile;

  @Option(names = "--key", paramLabel = "ID", description = "Key id to sign requests with; only replies signed with it are accepted.")
  Long keyId;

  @Option(names = "--nts", description = "Network Time Security: each HOST[:PORT] is an NTS-KE server.")
  boolean nts;

  @Option(names = "--nts-port", paramLabel = "PORT", defaultValue = "4460", description = "NTS-KE port for hosts given without one (default ${DEFAULT-VALUE}).")
  int ntsPort;

  @Option(names = "--ca", paramLabel = "FILE", description = "With --nts: trust only the CA certificates of this PEM file instead of the JDK's trust store.")
  Path ca;

  @Override
  public Integer call() throws InterruptedException {
    if (samples < 1 || samples > 8) {
      throw CliException.usage("invalid value for --samples: " + samples + " (expected 1..8)");
    }
    if (version != 3 && version != 4) {
      throw CliException.usage("invalid value for --ntp-version: " + version + " (expected 3 or 4)");
    }
    Duration wait = parseTimeout(timeout);
    if ((keyfile == null) != (keyId == null)) {
      throw CliException.usage("--keyfile and --key go together");
    }
    if (nts && keyfile != null) {
      throw CliException.usage("--nts and --keyfile are two ways to authenticate: choose one");
    }
    if (!nts && ca != null) {
      throw CliException.usage("--ca goes with --nts");
    }
    if (ntsPort < 1 || ntsPort > 65535) {
      throw CliException.usage("invalid value for --nts-port: " + ntsPort + " (expected 1..65535)");
    }
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String host : hosts) {
      servers.add(parseServer(host, nts ? ntsPort : SntpClient.NTP_PORT));
    }
    ExchangeSettings.Builder settings = ExchangeSettings.builder().version(version);
    if (keyfile != null) {
      KeyStore keys = Keys.load(keyfile);
      SymmetricKey key = keys.lookup(keyId).orElseThrow(
          () -> CliException.usage("key " + keyId + " not in " + keyfile));
      settings.key(key);
    }
    SntpClient.Builder client = SntpClient.builder(wait).retries(1).settings(settings.build());
    if (nts) {
      // The key exchange gets the reply wait plus a few seconds for the TLS handshake.
      NtsKeClient.Builder ke = NtsKeClient.builder(wait.plusSeconds(5));
      if (ca != null) {
        CliFiles.certificates("--ca", ca); // a bad file is a usage error now, not a failed exchange later
        ke.trustedCertificates(ca);
      }
      client.nts(ke.build());
    }
    if (samples > 1) {
      // A short initial burst, as chrony's iburst and ntpdate -p: the 15 s floor applies between
      // runs, not within the few samples of one (kiss-o'-death handling stays on).
      client.burst(samples);
    }
    return run(client.build(), servers);
  }

  /** What one server gave: the best of its samples, or the last failure. */
  private record Outcome(InetSocketAddress server, TimeSample best, ExchangeFailure failure) {}

  private int run(SntpClient client, List<InetSocketAddress> servers) throws InterruptedException {
    Progress progressLine = new Progress(spec.commandLine().getErr(), !quiet && (progress || System.console() != null),
        servers.size() * samples);
    List<Outcome> outcomes = queryAll(client, servers, progressLine);
    List<TimeSample> best = new ArrayList<>();
    List<ExchangeFailure> failures = new ArrayList<>();
    List<Object> perServer = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      if (outcome.best() == null) {
        failures.add(outcome.failure());
        perServer.add(JsonObject.create().put("server", name(outcome.server())).put("error", errorJson(outcome.failure())));
      } else {
        best.add(outcome.best());
        perServer.add(sampleJson(outcome.best(), name(outcome.server()), nts));
      }
    }
    if (servers.size() == 1) {
      if (best.isEmpty()) {
        String message = name(servers.get(0)) + ": " + describe(failures.get(0));
        if (json.json) {
          Output.print(spec.commandLine().getOut(), (JsonObject) perServer.get(0), true);
        }
        throw CliException.failed(message);
      }
      Output.print(spec.commandLine().getOut(), sampleJson(best.get(0), name(servers.get(0)), nts), json.json);
      return 0;
    }
    Selection.Result selection = Selection.select(best);
    JsonObject o;
    if (selection.isAgreed()) {
      TimeSample chosen = selection.truechimers().stream().min(Comparator.comparing(TimeSample::rootDistance)).orElseThrow();
      o = sampleJson(chosen, name(chosen.server()), nts);
    } else {
      o = JsonObject.create();
    }
    o.put("combined", selection.isAgreed()
        ? JsonObject.create()
            .put("offset", seconds(selection.offset()))
            .put("low", seconds(selection.low()))
            .put("high", seconds(selection.high()))
            .put("truechimers", selection.truechimers().size())
        : null);
    o.put("falsetickers", selection.falsetickers().stream().map(s -> (Object) name(s.server())).toList());
    o.put("servers", perServer);
    String failure = selection.isAgreed() ? null : best.isEmpty()
        ? "no server answered: " + failures.stream().map(f -> name(f.server()) + " " + describe(f)).collect(Collectors.joining("; "))
        : "no majority: the " + best.size() + " servers that answered disagree";
    if (failure != null) {
      o.put("error", JsonObject.create().put("reason", best.isEmpty() ? "no_server_answered" : "no_majority")
          .put("message", failure));
    }
    Output.print(spec.commandLine().getOut(), o, json.json);
    if (failure != null) {
      throw CliException.failed(failure);
    }
    return 0;
  }

  /** Every server at the same time, so the wait is the slowest server's, not the sum. */
  private List<Outcome> queryAll(SntpClient client, List<InetSocketAddress> servers, Progress progressLine)
      throws InterruptedException {
    return Concurrently.map(servers, server -> queryOne(client, server, progressLine));
  }

  private Outcome queryOne(SntpClient client, InetSocketAddress server, Progress progressLine) throws InterruptedException {
    List<TimeSample> got = new ArrayList<>();
    ExchangeFailure lastFailure = null;
    for (int i = 0; i < samples; i++) {
      if (i > 0) {
        Thread.sleep(SntpClient.BURST_SPACING.toMillis());
      }
      ExchangeResult r;
      if (nts) {
        try {
          r = client.queryNts(server.getHostString(), server.getPort());
        } catch (NtsException e) {
          // The key exchange itself failed: no NTS sample can come from this server.
          lastFailure = new ExchangeFailure.Nts(server, e.reason());
          progressLine.sample(name(server), i + 1, samples, "NTS key exchange failed: " + e.getMessage());
          progressLine.skip(samples - i - 1);
          break;
        }
      } else {
        r = client.query(server);
      }
      if (r instanceof TimeSample s) {
        got.add(s);
        progressLine.sample(name(server), i + 1, samples, "offset " + seconds(s.offset()) + " s, delay " + seconds(s.delay()) + " s");
      } else {
        lastFailure = (ExchangeFailure) r;
        progressLine.sample(name(server), i + 1, samples, describe(lastFailure));
        if (GIVE_UP.contains(lastFailure.reason())) {
          progressLine.skip(samples - i - 1);
          break;
        }
      }
    }
    // The NTP clock filter's rule: the sample with the least delay is the least disturbed.
    return got.isEmpty() ? new Outcome(server, null, lastFailure)
        : new Outcome(server, got.stream().min(Comparator.comparing(TimeSample::delay)).orElseThrow(), null);
  }

  /** One line per sample on stderr, numbered against the total, when enabled. */
  private static final class Progress {
    private final PrintWriter err;
    private final boolean enabled;
    private final int total;
    private int done;

    Progress(PrintWriter err, boolean enabled, int total) {
      this.err = err;
      this.enabled = enabled;
      this.total = total;
    }

    synchronized void sample(String server, int n, int of, String what) {
      done++;
      if (enabled && total > 1) {
        err.println("[" + done + "/" + total + "] " + server + " sample " + n + "/" + of + ": " + what);
        err.flush();
      }
    }

    synchronized void skip(int count) {
      done += count;
    }
  }

  /** A failure as JSON: the reason's name and the message the text output prints. */
  static JsonObject errorJson(ExchangeFailure f) {
    return JsonObject.create().put("reason", f.reason().name().toLowerCase(java.util.Locale.ROOT)).put("message", describe(f));
  }

  private static JsonObject sampleJson(TimeSample s, String server, boolean nts) {
    JsonObject o = JsonObject.create()
        .put("server", server)
        .put("offset", seconds(s.offset()))
        .put("delay", seconds(s.delay()))
        .put("rootDistance", seconds(s.rootDistance()))
        .put("stratum", s.stratum())
        .put("leap", s.leap().code())
        .put("referenceId", s.referenceId().describe(s.stratum()));
    // queryNts turns only replies that passed every NTS check into samples.
    return nts ? o.put("authenticated", "nts") : o;
  }

  /** Decimal seconds of a 32.32 duration, rounded half-even to the nanosecond, trailing zeros removed. */
  static String seconds(NtpDuration d) {
    return TimeFields.plain(d.toSeconds().setScale(9, RoundingMode.HALF_EVEN));
  }

  static String name(InetSocketAddress a) {
    String host = a.isUnresolved() ? a.getHostString() : a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** The NTS failures that end a key exchange (TLS and NTS-KE records), before any NTP packet. */
  private static final java.util.Set<NtsException.Reason> KEY_EXCHANGE_FAILURES = java.util.EnumSet.of(
      NtsException.Reason.RECORD_TRUNCATED, NtsException.Reason.RECORD_MALFORMED,
      NtsException.Reason.UNKNOWN_CRITICAL_RECORD, NtsException.Reason.BAD_MESSAGE,
      NtsException.Reason.MESSAGE_TOO_LONG, NtsException.Reason.SERVER_ERROR,
      NtsException.Reason.NO_COMMON_PROTOCOL, NtsException.Reason.NO_COMMON_AEAD, NtsException.Reason.NO_COOKIES,
      NtsException.Reason.CERTIFICATE_UNTRUSTED, NtsException.Reason.CERTIFICATE_EXPIRED,
      NtsException.Reason.HOSTNAME_MISMATCH, NtsException.Reason.TLS_FAILURE,
      NtsException.Reason.EXPORTER_UNAVAILABLE, NtsException.Reason.BAD_CREDENTIALS);

  static String describe(ExchangeFailure f) {
    StringBuilder sb = new StringBuilder();
    if (f instanceof ExchangeFailure.KissOfDeath kod) {
      sb.append(kod.kissCode().map(code -> "kiss-o'-death " + code.name())
          // An unsynchronized server sends stratum 16 as 0, which reads as a kiss without a code.
          .orElse("stratum 0 without a registered kiss code: the server is unsynchronized or refusing"));
      sb.append(" (").append(kod.reaction()).append(')');
      kod.retryAfter().ifPresent(d -> sb.append(" (retry after ").append(d).append(')'));
    } else if (f instanceof ExchangeFailure.ValidationFailed v) {
      sb.append("reply failed validation: ").append(v.failures());
    } else if (f instanceof ExchangeFailure.Malformed m) {
      sb.append("malformed reply: ").append(m.decodeReason().name());
    } else if (f instanceof ExchangeFailure.AuthenticationFailed a) {
      sb.append("authentication failed: ").append(a.status().name());
    } else if (f instanceof ExchangeFailure.ServerDemobilized) {
      sb.append("server demobilized (").append(KissCode.Reaction.DEMOBILIZE).append(')');
    } else if (f instanceof ExchangeFailure.PollTooSoon p) {
      sb.append("poll too soon (retry after ").append(p.retryAfter()).append(')');
    } else if (f instanceof ExchangeFailure.RateBackoff r) {
      sb.append("rate backoff (").append(KissCode.Reaction.REDUCE_RATE).append(") (retry after ")
          .append(r.retryAfter()).append(')');
    } else if (f instanceof ExchangeFailure.Nts n) {
      sb.append(n.reason() == FailureReason.NTS_NAK
          ? "NTS NAK even after a new key exchange"
          : KEY_EXCHANGE_FAILURES.contains(n.check())
              ? "NTS key exchange failed: " + n.check().name()
              : "no reply passed the NTS checks: " + n.check().name());
    } else if (f.reason() == FailureReason.TIMEOUT) {
      sb.append("timeout: no reply");
    } else if (f.reason() == FailureReason.UNRESOLVED) {
      sb.append("unknown host");
    } else {
      sb.append(f.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
    return sb.toString();
  }

  /** The --timeout value as a duration, 0 < SECONDS <= 60, to the nanosecond. */
  static Duration parseTimeout(BigDecimal timeout) {
    Duration wait;
    try {
      wait = Duration.ofNanos(timeout.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException e) {
      wait = Duration.ZERO;
    }
    if (wait.isNegative() || wait.isZero() || wait.compareTo(Duration.ofMinutes(1)) > 0) {
      throw CliException.usage("invalid value for --timeout: " + timeout + " (expected 0 < SECONDS <= 60)");
    }
    return wait;
  }

  /** A server on the NTP port unless the text names one. */
  static InetSocketAddress parseServer(String text) {
    return parseServer(text, SntpClient.NTP_PORT);
  }

  private static InetSocketAddress parseServer(String text, int defaultPort) {
    HostAndPort hp;
    try {
      hp = HostAndPort.fromString(text).withDefaultPort(defaultPort);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid server '" + text + "': " + e.getMessage());
    }
    if (hp.getPort() < 1 || hp.getPort() > 65535) {
      throw CliException.usage("invalid server '" + text + "': port " + hp.getPort() + " out of range 1..65535");
    }
    return InetSocketAddress.createUnresolved(hp.getHost(), hp.getPort());
  }
}
