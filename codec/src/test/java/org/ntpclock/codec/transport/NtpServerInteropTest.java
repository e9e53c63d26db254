package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.server.Interop;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.SystemTimeSource;
import org.ntpclock.core.testing.RequiresTool;

/**
 * Real NTP clients (chronyd -Q, python3-ntplib, ntpdig) query {@link NtpServer} on loopback,
 * serving the system clock; each must accept the replies and measure |offset| under 1 ms.
 */
class NtpServerInteropTest {
  /**
   * A sane offset on loopback: a wrong era, byte order or fraction is off by seconds or more, while a
   * loaded machine can delay a query by milliseconds. Accuracy is measured in benchmarks, not here.
   */
  private static final double SANE = 50e-3;

  @TempDir Path dir;
  private NtpServer server;

  @BeforeEach
  void start() throws IOException {
    server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(2).start();
    Interop.warmUp(server.localAddress(), 2000);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @RequiresTool("chronyd")
  void chronydQueryAcceptsReplies() throws IOException {
    double median = medianChronydOffset(server, 5, List.of(), "", "NtpServer");
    assertThat(Math.abs(median)).isLessThan(SANE);
    assertThat(server.stats().count(Verdict.ANSWERED)).isGreaterThanOrEqualTo(2000 + 5);
  }

  /**
   * The busy-poll receive mode: chronyd -Q accepts its replies too. With a 1 s spin most of the
   * requests find the worker still spinning from the warm-up or the previous chronyd run.
   */
  @Test
  @RequiresTool("chronyd")
  void chronydQueryAcceptsRepliesOfABusyPollServer() throws IOException {
    try (NtpServer spinning = NtpServer.builder(SystemTimeSource.create()).port(0).workers(1)
        .busyPoll(java.time.Duration.ofSeconds(1)).start()) {
      Interop.warmUp(spinning.localAddress(), 2000);
      double median = medianChronydOffset(spinning, 5, List.of(), "", "a busy-poll NtpServer");
      assertThat(Math.abs(median)).isLessThan(SANE);
      assertThat(spinning.stats().count(Verdict.ANSWERED)).isGreaterThanOrEqualTo(2000 + 5);
    }
  }

  /** Server-side authentication: chronyd -Q signs with an AES-128-CMAC key and accepts our signed replies. */
  @Test
  @RequiresTool("chronyd")
  void chronydQueryAuthenticatesWithAes128Cmac() throws Exception {
    String keys = "1 AES128 HEX:00112233445566778899AABBCCDDEEFF\n";
    java.nio.file.Files.writeString(dir.resolve("keys"), keys);
    try (NtpServer signed = NtpServer.builder(NtpResponder.builder(SystemTimeSource.create())
        .keys(org.ntpclock.codec.auth.KeyFile.parse(keys)).build()).port(0).workers(1).start()) {
      Interop.warmUp(signed.localAddress(), 2000);
      double offset = medianChronydOffset(signed, 3, List.of("keyfile " + dir.resolve("keys")), "key 1",
          "NtpServer with key 1 (AES128)");
      System.out.println(signed.stats().count(Verdict.ANSWERED_AUTHENTICATED) + " authenticated replies");
      assertThat(Math.abs(offset)).isLessThan(SANE);
      assertThat(signed.stats().count(Verdict.ANSWERED_AUTHENTICATED)).isPositive();
    }
  }

  /** Runs {@code chronyd -Q} against the server {@code runs} times and returns the median offset in seconds. */
  private double medianChronydOffset(NtpServer target, int runs, List<String> config, String serverOptions, String what) {
    List<Double> offsets = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      offsets.add(Interop.chronydQuery(dir, target.localAddress().getPort(), config, serverOptions));
    }
    double median = Interop.median(offsets);
    System.out.println("chronyd -Q against " + what + ": offsets " + offsets + " s, median " + Interop.micros(median));
    return median;
  }

  @Test
  @RequiresTool(python = "ntplib")
  void ntplibAcceptsReplies() {
    for (int version : new int[] {3, 4}) {
      List<Double> offsets = Interop.ntplibOffsets(server.localAddress().getPort(), 7, version);
      double median = Interop.median(offsets);
      System.out.println("ntplib v" + version + " against NtpServer: offsets " + offsets + " s, median " + Interop.micros(median));
      assertThat(Math.abs(median)).isLessThan(SANE);
    }
  }

  @Test
  @RequiresTool("ntpdig")
  void ntpdigAcceptsReplies() throws IOException {
    NtpServer on123;
    try {
      on123 = NtpServer.builder(SystemTimeSource.create()).bindAddress(InetAddress.getByName("127.0.0.1"))
          .port(123).workers(1).start();
    } catch (BindException e) {
      Interop.skipOrFail("ntpdigAcceptsReplies: ntpdig only talks to port 123, which cannot be bound here: " + e.getMessage());
      return;
    }
    try (on123) {
      Interop.warmUp(on123.localAddress(), 2000);
      List<Double> offsets = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        offsets.add(Interop.ntpdigOffset());
      }
      double median = Interop.median(offsets);
      System.out.println("ntpdig against NtpServer on port 123: offsets " + offsets + " s, median " + Interop.micros(median));
      assertThat(Math.abs(median)).isLessThan(SANE);
      assertThat(on123.stats().count(Verdict.ANSWERED)).isGreaterThanOrEqualTo(2000 + 5);
    }
  }
}
