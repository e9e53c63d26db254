package org.ntpclock.benchmarks.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Post-processing: reads JMH's {@code -rf json} output and the load harness's JSON, prints the
 * results as Markdown tables of ratios with each bar's status, draws the chart with XChart, and
 * rewrites the generated sections of {@code benchmarks/README.md} (between
 * {@code <!-- headline:begin -->}/{@code <!-- headline:end -->} and
 * {@code <!-- results:begin -->}/{@code <!-- results:end -->}), so no figure is typed by hand.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.ntpclock.benchmarks.report.Report
 * --jmh benchmarks/results/jmh.json [--load benchmarks/results/server-load.json]
 * [--chart benchmarks/results/chart.png] [--readme benchmarks/README.md]}
 */
public final class Report {
  /** Allocation below this many bytes per operation is JMH measurement noise, reported as 0. */
  static final double ZERO_BYTES = 0.5;

  private static final String PKG = "org.ntpclock.benchmarks.";

  /** What each line of the table compares and which bars apply. */
  static final List<Row> ROWS = List.of(
      new Row("ms → NTP → ms, static helpers", "ms round trip static", "ConversionBenchmark.millisOursRaw", "ConversionBenchmark.millisCommonsNet",
          "ConversionBenchmark.millisFloor", Double.NaN, 1.2, true),
      new Row("ms → NTP → ms, value API (ofEpochMilli, toEpochMilli)", "ms round trip value API", "ConversionBenchmark.millisOursTyped",
          "ConversionBenchmark.millisCommonsNet", "ConversionBenchmark.millisFloor", Double.NaN, 1.2, true),
      new Row("Instant → NTP → Instant at ns, static helpers (Commons Net: ms)", "Instant round trip static", "ConversionBenchmark.instantOursRaw",
          "ConversionBenchmark.instantCommonsNet", "ConversionBenchmark.instantFloor", Double.NaN, 1.2, true),
      new Row("Instant → NTP → Instant at ns, value API (Commons Net: ms)", "Instant round trip value API", "ConversionBenchmark.instantOursTyped",
          "ConversionBenchmark.instantCommonsNet", "ConversionBenchmark.instantFloor", Double.NaN, 1.2, true),
      new Row("decode 48-byte server reply, all fields, value API", "decode value API", "DecodeBenchmark.oursValue",
          "DecodeBenchmark.commonsNet|DecodeBenchmark.commonsNetNewPerPacket", "DecodeBenchmark.floor", Double.NaN, Double.NaN, false),
      new Row("decode 48-byte server reply, all fields, flyweight", "decode flyweight", "DecodeBenchmark.oursFlyweight",
          "DecodeBenchmark.commonsNet|DecodeBenchmark.commonsNetNewPerPacket", "DecodeBenchmark.floor", 10, 1.5, true),
      new Row("encode server reply into a buffer, value API", "encode value API", "EncodeBenchmark.oursValue", "EncodeBenchmark.commonsNet|EncodeBenchmark.commonsNetNewPerPacket",
          "EncodeBenchmark.floor", Double.NaN, Double.NaN, false),
      new Row("encode server reply into a buffer, flyweight/static writer", "encode flyweight", "EncodeBenchmark.oursFlyweight",
          "EncodeBenchmark.commonsNet|EncodeBenchmark.commonsNetNewPerPacket", "EncodeBenchmark.floor", 5, Double.NaN, true),
      new Row("server responder, request → reply, per packet", "responder per packet", "ResponderBenchmark.ours", null, "ResponderBenchmark.floor",
          Double.NaN, Double.NaN, true),
      new Row("offset + delay from T1..T4, static helpers", "offset+delay static", "OnWireBenchmark.oursRaw", "OnWireBenchmark.commonsNet",
          "OnWireBenchmark.floor", Double.NaN, Double.NaN, true),
      new Row("offset + delay from T1..T4, typed measure()", "offset+delay typed", "OnWireBenchmark.oursTyped", "OnWireBenchmark.commonsNet",
          "OnWireBenchmark.floor", Double.NaN, Double.NaN, false));

  private Report() {}

  /**
   * Runs the post-processing.
   *
   * @param args options, see the class comment
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path jmhPath = Paths.get(opts.getOrDefault("jmh", "benchmarks/results/jmh.json"));
    Map<String, Result> jmh = readJmh(jmhPath);
    Map<String, Object> load = null;
    if (opts.containsKey("load") && Files.exists(Paths.get(opts.get("load")))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = (Map<String, Object>) MiniJson.parse(Files.readString(Paths.get(opts.get("load"))));
      load = parsed;
    }
    String headline = headline(jmh, load);
    String results = results(jmh, load, readJmhSettings(jmhPath));
    System.out.println(headline);
    System.out.println(results);
    if (opts.containsKey("chart")) {
      chart(jmh, load, Paths.get(opts.get("chart")));
      System.out.println("wrote " + opts.get("chart"));
    }
    if (opts.containsKey("readme")) {
      Path readme = Paths.get(opts.get("readme"));
      String text = Files.readString(readme, StandardCharsets.UTF_8);
      text = replaceSection(text, "headline", headline);
      text = replaceSection(text, "results", results);
      if (opts.containsKey("other-jmh")) {
        Path other = Paths.get(opts.get("other-jmh"));
        text = replaceSection(text, "other-jdk", otherJdk(readJmh(other), readJmhSettings(other)));
      }
      Files.writeString(readme, text, StandardCharsets.UTF_8);
      System.out.println("updated " + readme);
    }
  }

  /**
   * One JMH result.
   *
   * @param nanos score in ns/op
   * @param error the score's 99.9% error half-width
   * @param bytes gc.alloc.rate.norm in B/op, NaN without {@code -prof gc}
   */
  record Result(double nanos, double error, double bytes) {}

  /**
   * One comparison line.
   *
   * @param label what is measured
   * @param chartLabel a short form for the chart's axis
   * @param ours ntpclock's benchmark (Class.method)
   * @param peer Commons Net's benchmark, or alternatives separated by {@code |} (the fastest is
   *     compared), or null
   * @param floor the floor's benchmark
   * @param minSpeedup required peer/ours ratio, NaN for none
   * @param maxFloorRatio allowed ours/floor ratio, NaN for none
   * @param zeroAlloc whether 0 B/op is required
   */
  record Row(String label, String chartLabel, String ours, String peer, String floor, double minSpeedup, double maxFloorRatio,
      boolean zeroAlloc) {}

  @SuppressWarnings("unchecked")
  static Map<String, Result> readJmh(Path path) throws IOException {
    Map<String, Result> out = new LinkedHashMap<>();
    for (Object o : (List<Object>) MiniJson.parse(Files.readString(path, StandardCharsets.UTF_8))) {
      Map<String, Object> e = (Map<String, Object>) o;
      String name = ((String) e.get("benchmark")).replace(PKG, "");
      Map<String, Object> primary = (Map<String, Object>) e.get("primaryMetric");
      if (!"ns/op".equals(primary.get("scoreUnit"))) {
        throw new IOException(name + ": expected ns/op, got " + primary.get("scoreUnit"));
      }
      Map<String, Object> secondary = (Map<String, Object>) e.getOrDefault("secondaryMetrics", Map.of());
      Map<String, Object> alloc = (Map<String, Object>) secondary.get("gc.alloc.rate.norm");
      out.put(name, new Result(num(primary.get("score")), num(primary.get("scoreError")),
          alloc == null ? Double.NaN : num(alloc.get("score"))));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static String readJmhSettings(Path path) throws IOException {
    List<Object> all = (List<Object>) MiniJson.parse(Files.readString(path, StandardCharsets.UTF_8));
    if (all.isEmpty()) {
      return "";
    }
    Map<String, Object> e = (Map<String, Object>) all.get(0);
    return String.format(Locale.ROOT, "JMH %s, JDK %s (%s), forks %d, warm-up %d × %s, measurement %d × %s, 1 thread",
        e.get("jmhVersion"), e.get("jdkVersion"), e.get("vmName"), (int) num(e.get("forks")),
        (int) num(e.get("warmupIterations")), e.get("warmupTime"), (int) num(e.get("measurementIterations")),
        e.get("measurementTime"));
  }

  /** The fastest of a row's Commons Net alternatives: the comparison is always against its cheapest use. */
  static Result peer(Map<String, Result> jmh, Row r) {
    if (r.peer == null) {
      return null;
    }
    Result best = null;
    for (String name : r.peer.split("\\|")) {
      Result x = jmh.get(name);
      if (x != null && (best == null || x.nanos < best.nanos)) {
        best = x;
      }
    }
    return best;
  }

  /** Which alternative {@link #peer} picked, for the table. */
  static String peerName(Map<String, Result> jmh, Row r) {
    Result best = peer(jmh, r);
    for (String name : r.peer.split("\\|")) {
      if (jmh.get(name) == best) {
        return name.endsWith("NewPerPacket") ? " (new instance per packet)" : r.peer.contains("|") ? " (reused instance)" : "";
      }
    }
    return "";
  }

  private static double num(Object o) {
    if (o instanceof Double) {
      return (Double) o;
    }
    return o == null ? Double.NaN : Double.parseDouble(o.toString());
  }

  static String headline(Map<String, Result> jmh, Map<String, Object> load) {
    StringBuilder sb = new StringBuilder();
    sb.append("Ratios measured in one run on one machine (details and machine below); higher \"×\" is faster for ntpclock.\n\n");
    headlineLine(sb, jmh, "decode a 48-byte server reply (flyweight)", "DecodeBenchmark.oursFlyweight",
        "DecodeBenchmark.commonsNet|DecodeBenchmark.commonsNetNewPerPacket", "DecodeBenchmark.floor");
    headlineLine(sb, jmh, "encode a server reply", "EncodeBenchmark.oursFlyweight",
        "EncodeBenchmark.commonsNet|EncodeBenchmark.commonsNetNewPerPacket", "EncodeBenchmark.floor");
    headlineLine(sb, jmh, "offset + delay from four timestamps", "OnWireBenchmark.oursRaw", "OnWireBenchmark.commonsNet",
        "OnWireBenchmark.floor");
    headlineLine(sb, jmh, "ms → NTP → ms", "ConversionBenchmark.millisOursRaw", "ConversionBenchmark.millisCommonsNet",
        "ConversionBenchmark.millisFloor");
    Result resp = jmh.get("ResponderBenchmark.ours");
    if (resp != null) {
      sb.append(String.format(Locale.ROOT, "- server responder: %.1f ns and %s per packet (floor %.1f ns)%n", resp.nanos,
          bytes(resp.bytes), jmh.containsKey("ResponderBenchmark.floor") ? jmh.get("ResponderBenchmark.floor").nanos : Double.NaN));
    }
    List<String> met = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    for (Row r : ROWS) {
      Result o = jmh.get(r.ours);
      if (o == null) {
        continue;
      }
      Result p = peer(jmh, r);
      Result f = jmh.get(r.floor);
      if (!Double.isNaN(r.minSpeedup) && p != null) {
        double v = p.nanos / o.nanos;
        String ceiling = f == null ? "" : String.format(Locale.ROOT, "; the floor itself: %.1f×", p.nanos / f.nanos);
        (v >= r.minSpeedup ? met : missed).add(String.format(Locale.ROOT, "%s ≥ %.0f× Commons Net (%.1f×%s)", r.label,
            r.minSpeedup, v, ceiling));
      }
      if (!Double.isNaN(r.maxFloorRatio) && f != null) {
        double v = o.nanos / f.nanos;
        (v <= r.maxFloorRatio ? met : missed).add(String.format(Locale.ROOT, "%s ≤ %.1f× floor (%.2f×)", r.label, r.maxFloorRatio, v));
      }
      if (r.zeroAlloc) {
        (o.bytes < ZERO_BYTES ? met : missed).add(String.format(Locale.ROOT, "%s 0 B/op (%s)", r.label, bytes(o.bytes)));
      }
    }
    if (load != null) {
      for (Map<String, Object> t : throughput(load)) {
        if (hasThroughputBar(t)) {
          double v = num(t.get("ratioToChrony"));
          (v >= 1.0 ? met : missed).add(String.format(Locale.ROOT, "%s ≥ 1.0× chronyd (%.2f×)", t.get("label"), v));
        }
      }
    }
    if (load != null) {
      for (Map<String, Object> t : throughput(load)) {
        if (!"chrony".equals(t.get("key"))) {
          sb.append(String.format(Locale.ROOT, "- server throughput on loopback, %s: **%.2f×** chronyd's valid replies/s (%,.0f vs %,.0f)%n",
              t.get("label"), num(t.get("ratioToChrony")), num(t.get("medianValidPerSecond")), chronyRate(load)));
        }
      }
      @SuppressWarnings("unchecked")
      List<Object> quality = (List<Object>) load.get("quality");
      StringBuilder q = new StringBuilder();
      for (Object o : quality) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        q.append(q.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %+.1f µs (p10..p90 %+.1f..%+.1f µs)",
            label(load, (String) m.get("key")), num(m.get("medianOffsetMicros")), num(m.get("p10OffsetMicros")),
            num(m.get("p90OffsetMicros"))));
      }
      sb.append("- time quality, median offset `chronyd -Q` measures (ideal 0): ").append(q).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "%nBars missed (%d of %d), measured value in brackets:%n%n", missed.size(),
        missed.size() + met.size()));
    for (String m : missed) {
      sb.append("- ").append(m).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "%nBars met (%d): %s.%n", met.size(), met.isEmpty() ? "none" : String.join("; ", met)));
    return sb.toString();
  }

  private static void headlineLine(StringBuilder sb, Map<String, Result> jmh, String what, String ours, String peer, String floor) {
    Result o = jmh.get(ours);
    Result p = peer(jmh, new Row("", "", ours, peer, floor, Double.NaN, Double.NaN, false));
    Result f = jmh.get(floor);
    if (o == null || p == null || f == null) {
      return;
    }
    sb.append(String.format(Locale.ROOT, "- %s: **%.1f×** the speed of Commons Net 3.11.1, %.2f× the hand-written floor's time, %s/op%n",
        what, p.nanos / o.nanos, o.nanos / f.nanos, bytes(o.bytes)));
  }

  /** The JMH comparison table, one line per {@link #ROWS} entry present in the results. */
  static String jmhTable(Map<String, Result> jmh) {
    StringBuilder sb = new StringBuilder();
    sb.append("| operation | ntpclock ns/op | ntpclock B/op | Commons Net ns/op | Commons Net B/op | floor ns/op | vs Commons Net | vs floor | floor vs CN | bar | status |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (Row r : ROWS) {
      Result o = jmh.get(r.ours);
      if (o == null) {
        continue;
      }
      Result p = peer(jmh, r);
      Result f = jmh.get(r.floor);
      double speedup = p == null ? Double.NaN : p.nanos / o.nanos;
      double floorRatio = f == null ? Double.NaN : o.nanos / f.nanos;
      List<String> bars = new ArrayList<>();
      List<String> status = new ArrayList<>();
      if (!Double.isNaN(r.minSpeedup)) {
        bars.add(String.format(Locale.ROOT, "≥ %.0f× CN", r.minSpeedup));
        status.add(mark(speedup >= r.minSpeedup));
      }
      if (!Double.isNaN(r.maxFloorRatio)) {
        bars.add(String.format(Locale.ROOT, "≤ %.1f× floor", r.maxFloorRatio));
        status.add(mark(floorRatio <= r.maxFloorRatio));
      }
      if (r.zeroAlloc) {
        bars.add("0 B/op");
        status.add(mark(o.bytes < ZERO_BYTES));
      }
      double ceiling = p == null || f == null ? Double.NaN : p.nanos / f.nanos;
      sb.append(String.format(Locale.ROOT, "| %s | %.2f ± %.2f | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          r.label, o.nanos, o.error, bytes(o.bytes),
          p == null ? "—" : String.format(Locale.ROOT, "%.2f%s", p.nanos, peerName(jmh, r)),
          p == null ? "—" : bytes(p.bytes), f == null ? "—" : String.format(Locale.ROOT, "%.2f", f.nanos),
          Double.isNaN(speedup) ? "—" : String.format(Locale.ROOT, "%.1f×", speedup),
          Double.isNaN(floorRatio) ? "—" : String.format(Locale.ROOT, "%.2f", floorRatio),
          Double.isNaN(ceiling) ? "—" : String.format(Locale.ROOT, "%.1f×", ceiling),
          bars.isEmpty() ? "—" : String.join(", ", bars), status.isEmpty() ? "—" : String.join(" ", status)));
    }
    return sb.toString();
  }

  /**
   * The same JMH suite run on another JDK, for comparison only: the bars are judged on the
   * published run's JDK.
   */
  static String otherJdk(Map<String, Result> jmh, String settings) {
    return "Same suite, same machine, " + settings + ". Shown to check that the ratios are not an artefact of one"
        + " JDK's compiler; the bars above are judged on the published run.\n\n" + jmhTable(jmh);
  }

  static String results(Map<String, Result> jmh, Map<String, Object> load, String settings) {
    StringBuilder sb = new StringBuilder();
    if (load != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) load.get("machine");
      sb.append(String.format(Locale.ROOT, "Machine: `nproc` = %d, CPU \"%s\", %s, JDK %s%s.%n%n",
          (int) num(m.get("nproc")), m.get("cpu"), m.get("os"), m.get("jdk"),
          m.containsKey("loadAverage") ? "; load average when the harness started: " + m.get("loadAverage") : ""));
    } else {
      sb.append(Machine.describe()).append("\n\n");
    }
    sb.append("### JMH (`-prof gc`)\n\n").append(settings).append(". Average time per operation; ")
        .append("\"vs Commons Net\" = Commons Net time / ntpclock time (higher is better); ")
        .append("\"vs floor\" = ntpclock time / floor time (1.00 = as fast as hand-written code); ")
        .append("\"floor vs CN\" = Commons Net time / floor time, the most any code doing the floor's work could gain ")
        .append("on Commons Net. The issue sets the decode and encode bars for the flyweight; the value-API rows ")
        .append("are shown for comparison.\n\n");
    sb.append(jmhTable(jmh));
    Result dr = jmh.get("DecodeBenchmark.commonsNet");
    Result dn = jmh.get("DecodeBenchmark.commonsNetNewPerPacket");
    Result er = jmh.get("EncodeBenchmark.commonsNet");
    Result en = jmh.get("EncodeBenchmark.commonsNetNewPerPacket");
    if (dr != null && dn != null && er != null && en != null) {
      sb.append(String.format(Locale.ROOT, "%nCommons Net is measured two ways and each bar uses the faster: a reused `NtpV3Impl`"
              + " (decode %.2f ns, %s; encode %.2f ns, %s) and a new one per packet as its `NTPUDPClient` and `SimpleNTPServer`"
              + " do (decode %.2f ns, %s; encode %.2f ns, %s). Reuse goes through `setDatagramPacket`, whose copy takes about"
              + " seven `synchronized` `DatagramPacket` calls.%n",
          dr.nanos, bytes(dr.bytes), er.nanos, bytes(er.bytes), dn.nanos, bytes(dn.bytes), en.nanos, bytes(en.bytes)));
    }
    if (load != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) load.get("settings");
      sb.append(String.format(Locale.ROOT, "%n### Server throughput on loopback%n%n"
              + "Load generator `%s`, one client socket, window %d requests, %d rounds of %d s per server after a %d s warm-up,"
              + " servers interleaved; median run. Bar: ntpclock ≥ 1.0× chronyd.%n%n",
          s.get("generator"), (int) num(s.get("window")), (int) num(s.get("rounds")), (int) num(s.get("seconds")),
          (int) num(s.get("warmupSeconds"))));
      sb.append("| server | valid replies/s | runs | vs chronyd | server counters |\n|---|---:|---|---:|---|\n");
      for (Map<String, Object> t : throughput(load)) {
        String counters = t.containsKey("answered")
            ? String.format(Locale.ROOT, "answered %,.0f, rate-limited %.0f, KoD RATE %.0f", num(t.get("answered")),
                num(t.get("rateLimited")), num(t.get("kodRate")))
            : "—";
        double ratio = num(t.get("ratioToChrony"));
        StringBuilder runs = new StringBuilder();
        for (Object v : (List<?>) t.get("runs")) {
          runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", num(v)));
        }
        sb.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %.2f×%s | %s |%n", t.get("label"),
            num(t.get("medianValidPerSecond")), runs, ratio,
            hasThroughputBar(t) ? " " + mark(ratio >= 1.0) : "", counters));
      }
      sb.append(String.format(Locale.ROOT, "%n### Time quality (`chronyd -Q` against each server, %d runs)%n%n"
              + "θ: offset of the server against this machine's clock as chronyd measures it (RFC 5905 sign: positive when the"
              + " server is ahead), per accepted sample from chronyd's `measurements.log`; δ: round-trip delay. Both servers"
              + " read the same system clock, so the ideal θ is 0.%n%n", (int) num(s.get("qualityRuns"))));
      sb.append("| server | samples | median θ (µs) | θ p10 .. p90 (µs) | θ min .. max (µs) | median δ (µs) |\n|---|---:|---:|---|---|---:|\n");
      @SuppressWarnings("unchecked")
      List<Object> quality = (List<Object>) load.get("quality");
      for (Object o : quality) {
        @SuppressWarnings("unchecked")
        Map<String, Object> q = (Map<String, Object>) o;
        sb.append(String.format(Locale.ROOT, "| %s | %.0f | %+.2f | %+.2f .. %+.2f | %+.2f .. %+.2f | %.2f |%n",
            label(load, (String) q.get("key")), num(q.get("samples")), num(q.get("medianOffsetMicros")),
            num(q.get("p10OffsetMicros")), num(q.get("p90OffsetMicros")), num(q.get("minOffsetMicros")),
            num(q.get("maxOffsetMicros")), num(q.get("medianDelayMicros"))));
      }
    }
    return sb.toString();
  }

  private static String label(Map<String, Object> load, String key) {
    for (Map<String, Object> t : throughput(load)) {
      if (key.equals(t.get("key"))) {
        return (String) t.get("label");
      }
    }
    return key;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> throughput(Map<String, Object> load) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<Object>) load.get("throughput")) {
      out.add((Map<String, Object>) o);
    }
    return out;
  }

  private static double chronyRate(Map<String, Object> load) {
    for (Map<String, Object> t : throughput(load)) {
      if ("chrony".equals(t.get("key"))) {
        return num(t.get("medianValidPerSecond"));
      }
    }
    return Double.NaN;
  }

  /**
   * The issue's throughput bar (ntpclock ≥ chronyd) is for the defaults and the rate-limited
   * configuration; the busy-poll server is an extra, opt-in mode reported for its time quality.
   */
  private static boolean hasThroughputBar(Map<String, Object> t) {
    return !"chrony".equals(t.get("key")) && !"ntpclock-busypoll".equals(t.get("key"));
  }

  private static String mark(boolean met) {
    return met ? "met" : "**missed**";
  }

  private static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "n/a";
    }
    return b < ZERO_BYTES ? "0 B" : String.format(Locale.ROOT, "%.0f B", b);
  }

  static String replaceSection(String text, String name, String body) {
    String begin = "<!-- " + name + ":begin -->";
    String end = "<!-- " + name + ":end -->";
    int a = text.indexOf(begin);
    int b = text.indexOf(end);
    if (a < 0 || b < a) {
      throw new IllegalArgumentException("README lacks the markers " + begin + " ... " + end);
    }
    return text.substring(0, a + begin.length()) + "\n" + body + text.substring(b);
  }

  private static void chart(Map<String, Result> jmh, Map<String, Object> load, Path png) throws IOException {
    List<String> categories = new ArrayList<>();
    List<Double> ours = new ArrayList<>();
    List<Double> peer = new ArrayList<>();
    List<Double> floor = new ArrayList<>();
    for (Row r : ROWS) {
      Result o = jmh.get(r.ours);
      if (o == null) {
        continue;
      }
      categories.add(r.chartLabel);
      ours.add(o.nanos);
      Result p = peer(jmh, r);
      peer.add(p == null ? null : p.nanos);
      Result f = jmh.get(r.floor);
      floor.add(f == null ? null : f.nanos);
    }
    CategoryChart times = new CategoryChartBuilder().width(1400).height(620)
        .title("JMH: time per operation (ns; lower is better)").xAxisTitle("").yAxisTitle("ns/op").build();
    times.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    times.getStyler().setXAxisLabelRotation(15);
    times.getStyler().setSeriesColors(new Color[] {new Color(0x1f77b4), new Color(0xd62728), new Color(0x7f7f7f)});
    times.getStyler().setAvailableSpaceFill(0.8);
    times.addSeries("ntpclock", categories, ours);
    times.addSeries("Apache Commons Net 3.11.1", categories, peer);
    times.addSeries("hand-written floor", categories, floor);
    List<CategoryChart> charts = new ArrayList<>();
    charts.add(times);
    if (load != null) {
      List<String> names = new ArrayList<>();
      List<Double> rates = new ArrayList<>();
      for (Map<String, Object> t : throughput(load)) {
        names.add(((String) t.get("label")).replace(" (rate limiting on, not tripped)", " + rate limit")
            .replaceFirst(" \\(busy-poll receive.*\\)", " busy-poll"));
        rates.add(num(t.get("medianValidPerSecond")));
      }
      CategoryChart server = new CategoryChartBuilder().width(1400).height(620)
          .title("Loopback server throughput, same load generator (valid replies/s; higher is better)")
          .xAxisTitle("").yAxisTitle("replies/s").build();
      server.getStyler().setLegendVisible(false);
      server.getStyler().setLabelsVisible(true);
      server.getStyler().setYAxisDecimalPattern("#,###");
      server.getStyler().setDecimalPattern("#,###");
      server.getStyler().setSeriesColors(new Color[] {new Color(0x2ca02c)});
      server.addSeries("valid replies/s", names, rates);
      charts.add(server);
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    BitmapEncoder.saveBitmap(charts, charts.size(), 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
