package org.ntpclock.clock.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.TimeSource;
import org.ntpclock.clock.json.Json;
import org.ntpclock.clock.json.JsonObject;

/** The HTTP bodies for a clock stopped at a known instant. */
class TimeHttpServerTest {
  private static final Instant AT = Instant.parse("2026-11-21T09:38:16.684830539Z");

  private static HttpResponse<String> get(TimeHttpServer server, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static TimeHttpServer start(TimeSource source) throws Exception {
    return TimeHttpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), source, TimeFields.create());
  }

  @Test
  void timeJsonForAKnownInstant() throws Exception {
    try (TimeHttpServer server = start(SystemTimeSource.create(Clock.fixed(AT, ZoneOffset.UTC)))) {
      HttpResponse<String> r = get(server, "/time");
      assertThat(r.statusCode()).isEqualTo(200);
      JsonObject o = Json.parseObject(r.body());
      // The source rounds the instant to the nearest 2^-32 s; the body truncates back to the ns.
      assertThat(o.get("ntp")).isEqualTo("eeabe508.af510de0");
      assertThat(o.get("iso")).isEqualTo("2026-11-21T09:38:16.684830538Z");
      assertThat(o.get("unix")).isEqualTo("1795253896.684830538");
      // GPS = UTC + 18 s: Saturday 09:38:34 of week 2445.
      assertThat(o.get("gpsWeek")).hasToString("2445");
      assertThat(o.get("gpsTimeOfWeek")).isEqualTo(Long.toString(6 * 86_400 + 9 * 3600 + 38 * 60 + 34) + ".684830538");
      assertThat(o.get("micropython")).isEqualTo("848569096.684830538");
      assertThat(o.get("leap")).hasToString("0");
      assertThat(o.get("synchronized")).isEqualTo(true);
      assertThat(get(server, "/time.txt").body()).isEqualTo(
          "2026-11-21T09:38:16.684830538Z unix=1795253896.684830538 ntp=eeabe508.af510de0 gps=2445:553114.684830538"
              + " leap=0 synchronized\n");
    }
  }

  @Test
  void rootAnswersForHtpdateAndUnknownPathsAre404() throws Exception {
    try (TimeHttpServer server = start(SystemTimeSource.create())) {
      assertThat(get(server, "/").statusCode()).isEqualTo(200);
      assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
    }
  }
}
