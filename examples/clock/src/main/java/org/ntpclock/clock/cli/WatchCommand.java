package org.ntpclock.clock.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntpclock.codec.client.ExchangeFailure;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.transport.SntpClient;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.clock.json.Json;
import org.ntpclock.clock.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntpclock watch}: a live table of NTP servers, as {@code chronyc sources}. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Poll NTP servers and show a live table, as chronyc sources: stratum, reach, last sample, "
          + "offset, delay and jitter of each.",
      "",
      "Every server is polled at once each interval (at least 16 s: RFC 4330 allows no less than 15). Reach is the octal "
          + "register of the last 8 polls (377: all answered). Offset is positive when the server is "
          + "ahead; jitter is the RMS difference of the last 8 offsets. On a terminal the table "
          + "refreshes in place; otherwise (or with --json, one object a line) each round is appended. "
          + "Ctrl-C stops."
    })
final class WatchCommand implements Callable<Integer> {
  private static final int HISTORY = 8;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(arity = "1..*", paramLabel = "HOST[:PORT]", description = "Servers (port 123 unless given; [v6]:port).")
  List<String> hosts;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "16",
      description = "Seconds between polls, 16..3600 (default ${DEFAULT-VALUE}).")
  int interval;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N polls (default: until Ctrl-C).")
  Integer count;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "2", description = "Wait for a reply, seconds (default ${DEFAULT-VALUE}).")
  BigDecimal timeout;

  /** What the table shows about one server. */
  private static final class Source {
    final InetSocketAddress server;
    int reach;
    TimeSample last;
    Instant lastAt;
    ExchangeFailure lastFailure;
    final Deque<Double> offsets = new ArrayDeque<>();

    Source(InetSocketAddress server) {
      this.server = server;
    }

    void record(ExchangeResult r, Instant at) {
      reach = (reach << 1) & 0xFF;
      if (r instanceof TimeSample s) {
        reach |= 1;
        last = s;
        lastAt = at;
        lastFailure = null;
        offsets.addLast(s.offset().toSeconds().doubleValue());
        if (offsets.size() > HISTORY) {
          offsets.removeFirst();
        }
      } else {
        lastFailure = (ExchangeFailure) r;
      }
    }

    /** RMS of successive offset differences, seconds; NaN with fewer than two samples. */
    double jitter() {
      if (offsets.size() < 2) {
        return Double.NaN;
      }
      double sum = 0;
      Double previous = null;
      for (double o : offsets) {
        if (previous != null) {
          sum += (o - previous) * (o - previous);
        }
        previous = o;
      }
      return Math.sqrt(sum / (offsets.size() - 1));
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    // Above the RFC 4330 floor of 15 s between two requests to a server, with a second to spare
    // for the time a round takes to send.
    if (interval < 16 || interval > 3600) {
      throw CliException.usage("invalid value for --interval: " + interval + " (expected 16..3600)");
    }
    if (count != null && count < 1) {
      throw CliException.usage("invalid value for --count: " + count + " (expected at least 1)");
    }
    Duration wait = QueryCommand.parseTimeout(timeout);
    List<Source> sources = new ArrayList<>();
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String host : hosts) {
      InetSocketAddress server = QueryCommand.parseServer(host);
      servers.add(server);
      sources.add(new Source(server));
    }
    SntpClient client = SntpClient.builder(wait).retries(0).build();
    PrintWriter out = spec.commandLine().getOut();
    boolean inPlace = !json.json && System.console() != null;
    for (int round = 1; count == null || round <= count; round++) {
      long started = System.nanoTime();
      List<ExchangeResult> results = Concurrently.map(servers, client::query);
      Instant at = Instant.now();
      for (int i = 0; i < sources.size(); i++) {
        sources.get(i).record(results.get(i), at);
      }
      if (json.json) {
        out.println(Json.write(roundJson(sources, at), false));
      } else {
        if (inPlace) {
          // Home and clear: the table redraws over the previous one.
          out.print("\033[H\033[2J");
        } else if (round > 1) {
          out.println();
        }
        out.print(table(sources, at, round));
      }
      out.flush();
      if (count != null && round == count) {
        break;
      }
      long left = Duration.ofSeconds(interval).toNanos() - (System.nanoTime() - started);
      if (left > 0) {
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      }
    }
    return 0;
  }

  private static JsonObject roundJson(List<Source> sources, Instant at) {
    List<Object> rows = new ArrayList<>();
    for (Source s : sources) {
      JsonObject row = JsonObject.create().put("server", QueryCommand.name(s.server))
          .put("reach", Integer.toOctalString(s.reach));
      if (s.last != null) {
        row.put("stratum", s.last.stratum())
            .put("offset", QueryCommand.seconds(s.last.offset()))
            .put("delay", QueryCommand.seconds(s.last.delay()))
            .put("jitter", Double.isNaN(s.jitter()) ? null : decimal(s.jitter()))
            .put("lastSample", s.lastAt.toString());
      }
      row.put("error", s.lastFailure == null ? null : QueryCommand.errorJson(s.lastFailure));
      rows.add(row);
    }
    return JsonObject.create().put("time", at.toString()).put("servers", rows);
  }

  private String table(List<Source> sources, Instant at, int round) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "ntpclock watch: %d server%s, poll %d s, round %d at %s UTC%n",
        sources.size(), sources.size() == 1 ? "" : "s", interval, round, CLOCK.format(at)));
    int width = Math.max(6, sources.stream().mapToInt(s -> QueryCommand.name(s.server).length()).max().orElse(6));
    String format = "%-" + width + "s  %2s  %5s  %8s  %11s  %11s  %11s  %s%n";
    sb.append(String.format(Locale.ROOT, format, "Server", "St", "Reach", "LastRx", "Offset", "Delay", "Jitter", "Status"));
    sb.append("=".repeat(width + 2 + 2 + 2 + 5 + 2 + 8 + 2 + 11 + 2 + 11 + 2 + 11 + 2 + 6)).append('\n');
    for (Source s : sources) {
      String status = s.lastFailure == null ? "ok" : QueryCommand.describe(s.lastFailure);
      if (s.last == null) {
        sb.append(String.format(Locale.ROOT, format, QueryCommand.name(s.server), "-", Integer.toOctalString(s.reach),
            "-", "-", "-", "-", status));
      } else {
        long ago = Duration.between(s.lastAt, at).getSeconds();
        sb.append(String.format(Locale.ROOT, format, QueryCommand.name(s.server), s.last.stratum(),
            Integer.toOctalString(s.reach), ago + "s", human(s.last.offset()), human(s.last.delay()).substring(1),
            Double.isNaN(s.jitter()) ? "-" : human(s.jitter()).substring(1), status));
      }
    }
    return sb.toString();
  }

  /** A signed duration with a unit that keeps three significant digits or so: us, ms or s. */
  static String human(NtpDuration d) {
    return human(d.toSeconds().doubleValue());
  }

  private static String human(double seconds) {
    double a = Math.abs(seconds);
    if (a >= 1) {
      return String.format(Locale.ROOT, "%+.3fs", seconds);
    }
    if (a >= 1e-3) {
      return String.format(Locale.ROOT, "%+.3fms", seconds * 1e3);
    }
    return String.format(Locale.ROOT, "%+.1fus", seconds * 1e6);
  }

  private static String decimal(double seconds) {
    return new BigDecimal(seconds).setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
