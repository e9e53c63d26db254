package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkNotNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.ntpclock.codec.transport.ServerStats;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.TimeSource;

/**
 * The clock's metrics in the Prometheus exposition format, through Micrometer, for
 * {@code GET /metrics}. Everything is read when scraped, nothing is counted twice: the NTP
 * counters come from the server's own {@link ServerStats}.
 *
 * <ul>
 *   <li>{@code ntpclock_ntp_received_total}: datagrams received;
 *   <li>{@code ntpclock_ntp_requests_total{verdict=…}}: requests by outcome, one series per
 *       {@link Verdict} (answered, KoD, and each drop reason);
 *   <li>{@code ntpclock_ntp_replies_total}, {@code ntpclock_ntp_dropped_total},
 *       {@code ntpclock_ntp_kod_total{code=RATE|DENY}}, {@code ntpclock_ntp_rate_limited_total}:
 *       the same grouped;
 *   <li>{@code ntpclock_ntp_errors_total{kind=receive|send|internal}}: transport and handling errors;
 *   <li>{@code ntpclock_time_source_synchronized}: 1 while the time source vouches for its time
 *       (the server answers LI≠3), else 0; {@code ntpclock_time_source_stratum};
 *   <li>{@code ntpclock_rtc_offset_seconds}: the time source (the RTC) minus the system clock; NaN
 *       while the source does not know the time;
 *   <li>{@code ntpclock_http_request_seconds}: HTTP request latency (a summary with count, sum and
 *       max).
 * </ul>
 */
public final class ClockMetrics {
  /** The content type of the Prometheus text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final Timer httpLatency;

  private ClockMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.httpLatency = Timer.builder("ntpclock.http.request")
        .description("HTTP request latency, from the request's arrival at the handler to the response sent")
        .register(registry);
  }

  /**
   * Metrics for a clock's NTP server and time source.
   *
   * @param stats reads the NTP server's counters
   * @param source the time source served
   * @param systemClock the system clock the source is compared with
   * @return the metrics
   */
  public static ClockMetrics create(Supplier<ServerStats> stats, TimeSource source, InstantSource systemClock) {
    checkNotNull(stats, "stats");
    checkNotNull(source, "source");
    checkNotNull(systemClock, "systemClock");
    ClockMetrics m = new ClockMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    m.counter("ntpclock.ntp.received", "NTP datagrams received", stats, ServerStats::received);
    for (Verdict v : Verdict.values()) {
      m.counter("ntpclock.ntp.requests", "NTP requests by outcome", stats, s -> s.count(v),
          "verdict", v.name().toLowerCase(java.util.Locale.ROOT));
    }
    m.counter("ntpclock.ntp.replies", "NTP requests answered (KoD included)", stats, ServerStats::answered);
    m.counter("ntpclock.ntp.dropped", "NTP requests dropped, any reason", stats, ServerStats::dropped);
    m.counter("ntpclock.ntp.rate.limited", "NTP requests over a client's rate limit", stats, ServerStats::rateLimited);
    for (String code : new String[] {"RATE", "DENY"}) {
      Verdict v = Verdict.valueOf("KOD_" + code);
      m.counter("ntpclock.ntp.kod", "kiss-o'-death replies by code", stats, s -> s.count(v), "code", code);
    }
    m.error("receive", stats, ServerStats::receiveErrors);
    m.error("send", stats, ServerStats::sendErrors);
    m.error("internal", stats, ServerStats::internalErrors);
    Gauge.builder("ntpclock.time.source.synchronized", source, s -> s.status().isSynchronized() ? 1 : 0)
        .description("1 while the time source vouches for its time, else 0").strongReference(true).register(m.registry);
    Gauge.builder("ntpclock.time.source.stratum", source, s -> s.status().stratum())
        .description("the stratum the server answers with (16: unsynchronized)").strongReference(true).register(m.registry);
    Gauge.builder("ntpclock.rtc.offset", source, s -> offsetSeconds(s, systemClock))
        .description("the time source (the RTC) minus the system clock").baseUnit("seconds").strongReference(true)
        .register(m.registry);
    return m;
  }

  /**
   * Registers a counter read from the server's statistics at each scrape. Micrometer holds a
   * function counter's state object only weakly, and the caller's supplier (typically a method
   * reference made for this call) is referenced by nothing else: as the state it would be collected
   * and the counter would freeze at its last scraped value. So the registry itself is the state,
   * and the supplier is captured by the function, which the counter holds strongly.
   */
  private void counter(String name, String description, Supplier<ServerStats> stats,
      ToDoubleFunction<ServerStats> read, String... tags) {
    FunctionCounter.builder(name, registry, r -> read.applyAsDouble(stats.get())).description(description).tags(tags)
        .register(registry);
  }

  private void error(String kind, Supplier<ServerStats> stats, ToDoubleFunction<ServerStats> read) {
    counter("ntpclock.ntp.errors", "NTP transport and handling errors by kind", stats, read, "kind", kind);
  }

  private static double offsetSeconds(TimeSource source, InstantSource systemClock) {
    long bits = source.nowBits();
    Instant system = systemClock.instant();
    if (bits == 0) {
      return Double.NaN;
    }
    Duration d = Duration.between(system, NtpTimestamp.ofBits(bits).toInstant());
    return d.getSeconds() + d.getNano() / 1e9;
  }

  /**
   * The current values in the Prometheus text format.
   *
   * @return the exposition text
   */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * The Micrometer registry, for further meters.
   *
   * @return the registry
   */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Times one answered HTTP request into {@code ntpclock_http_request_seconds}; the HTTP server's
   * request listener.
   *
   * @param path the request path
   * @param status the response status
   * @param nanos how long the request took
   */
  public void recordRequest(String path, int status, long nanos) {
    httpLatency.record(Duration.ofNanos(nanos));
  }
}
