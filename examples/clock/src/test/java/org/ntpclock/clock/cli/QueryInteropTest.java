package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.core.testing.ChronyServer;
import org.ntpclock.core.testing.RequiresTool;
import org.ntpclock.clock.json.JsonObject;

/** {@code ntpclock query} against a real chronyd server on a loopback port. */
class QueryInteropTest {
  @Test
  @RequiresTool("chronyd")
  void queriesChronyd(@TempDir Path dir) throws Exception {
    try (ChronyServer chrony = ChronyServer.start(dir, null)) {
      JsonObject o = CliRun.of("query", "--json", "--samples", "2", "127.0.0.1:" + chrony.port()).json();
      System.out.println("ntpclock query against chronyd: " + o);
      assertThat(o.get("server")).isEqualTo("127.0.0.1:" + chrony.port());
      assertThat(o.get("stratum")).hasToString("10"); // chrony's 'local stratum 10'
      assertThat(o.get("leap")).hasToString("0");
      assertThat(o.get("referenceId")).isEqualTo("127.127.1.1"); // chrony's local reference id
      // chronyd serves this machine's clock, so the offset is noise.
      assertThat(new BigDecimal((String) o.get("offset")).abs()).isLessThan(new BigDecimal("0.05"));
    }
  }

  @Test
  @RequiresTool("chronyd")
  void queriesChronydWithVersion3(@TempDir Path dir) throws Exception {
    try (ChronyServer chrony = ChronyServer.start(dir, null)) {
      assertThat(CliRun.of("query", "--json", "--ntp-version", "3", "127.0.0.1:" + chrony.port()).json().get("stratum"))
          .hasToString("10");
    }
  }
}
