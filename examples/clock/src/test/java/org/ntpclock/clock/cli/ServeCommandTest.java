package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.drivers.Ds3231Simulator;
import org.ntpclock.clock.json.Json;
import org.ntpclock.clock.json.JsonObject;
import org.ntpclock.core.testing.NtpProbe;

/** {@code ntpclock serve} in-process on the simulated hardware, checked with the JDK's own sockets. */
class ServeCommandTest {
  static NtpPacket ask(int port) throws Exception {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(3000);
      return NtpPacket.decode(NtpProbe.exchange(socket, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 42));
    }
  }

  private static JsonObject time(int port, int status) throws Exception {
    HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/time"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(status);
    return Json.parseObject(r.body());
  }

  @Test
  void servesTheSimulatedRtcAndSaysWhereOnStdout() throws Exception {
    try (RunningServe serve = RunningServe.start("--display", "none")) {
      assertThat(serve.out())
          .contains("RTC: simulated DS3231 set from the system clock: trusted")
          .contains("NTP server on udp 127.0.0.1:" + serve.ntpPort())
          .contains("HTTP server on http://127.0.0.1:" + serve.httpPort() + "/time");
      NtpPacket reply = ask(serve.ntpPort());
      assertThat(reply.mode().code()).isEqualTo(4);
      assertThat(reply.leap().code()).isZero();
      assertThat(reply.stratum()).isEqualTo(10);
      assertThat(reply.originTimestamp().toBits() & 0xFF).isEqualTo(42); // our transmit echoed
      assertThat(time(serve.httpPort(), 200).get("synchronized")).isEqualTo(true);
    }
  }

  /**
   * {@code serve} says at start which transport it runs and where its receive timestamps come from:
   * the kernel's on Linux with JDK 22 or newer (the FFM transport), the thread's clock read on the JDK
   * channel elsewhere. The expectation follows the platform, not the transport's own availability
   * check, so a JDK 25 build on which the FFM layer failed to load fails here.
   */
  @Test
  void printsTheTransportAndWhereItsReceiveTimestampsComeFrom() throws Exception {
    boolean kernelExpected = Runtime.version().feature() >= 22
        && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")
        && java.util.Set.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch"));
    try (RunningServe serve = RunningServe.start("--display", "none")) {
      assertThat(serve.out()).contains(kernelExpected
          ? "NTP transport: FFM, receive timestamps: kernel receive timestamps (SO_TIMESTAMPNS)"
          : "NTP transport: JDK_CHANNEL, receive timestamps: user space, when receive returns");
    }
  }

  /** Losing the RTC's trust flag (its oscillator stopped) makes the server answer unsynchronized. */
  @Test
  void rtcLosingItsTrustFlagMakesTheServerUnsynchronized() throws Exception {
    try (RunningServe serve = RunningServe.start("--display", "none")) {
      assertThat(ask(serve.ntpPort()).leap().code()).isZero();
      Ds3231Simulator chip = serve.rtc().simulator().orElseThrow();
      // Main supply and battery both gone: the chip loses its time and sets OSF on power-up.
      chip.setPower(Ds3231Simulator.Power.NONE);
      chip.setPower(Ds3231Simulator.Power.VCC);
      assertThat(serve.rtc().refresh().isTrusted()).isFalse();
      NtpPacket reply = ask(serve.ntpPort());
      assertThat(reply.leap().code()).as("LI").isEqualTo(3);
      assertThat(reply.stratum()).as("stratum 16 goes out as 0").isZero();
      JsonObject time = time(serve.httpPort(), 503); // Service Unavailable: it does not know the time
      assertThat(time.get("synchronized")).isEqualTo(false);
      assertThat(time.get("leap")).hasToString("3");
      assertThat(time.get("iso")).isNull();
    }
  }

  @Test
  void terminalDisplayShowsTheClockFace() throws Exception {
    try (RunningServe serve = RunningServe.start("--display", "terminal")) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!serve.out().contains("█") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      String out = serve.out();
      assertThat(out).contains("display: terminal");
      // The 32x8 panel: rows of 32 LEDs, lit '█' and dark '·'; the bottom row is the seconds bar.
      assertThat(out).containsPattern("(?m)^[█·]{32}$");
      long panelRows = out.lines().filter(l -> l.matches("[█·]{32}")).count();
      assertThat(panelRows).isGreaterThanOrEqualTo(8).matches(n -> n % 8 == 0, "whole panels");
      assertThat(serve.clock().display().orElseThrow().lastShown()).matches("[0-9]{2}:[0-9]{2}:[0-9]{2}");
    }
  }

  @Test
  void pngDisplayWritesThePanelPicture(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("face.png");
    try (RunningServe serve = RunningServe.start("--display", "png:" + png)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.exists(png) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      byte[] bytes = Files.readAllBytes(png);
      assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
      assertThat(serve.out()).contains("display: png");
    }
  }

  @Test
  void badPortIsBadUsage() {
    CliRun.of("serve", "--http-port", "70000").fails(2, "ntpclock serve:", "--http-port", "0..65535");
    CliRun.of("serve", "--ntp-port", "-5").fails(2, "--ntp-port");
    CliRun.of("serve", "--ntp-port", "x").fails(2, "--ntp-port");
  }

  @Test
  void portInUseExitsOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun.of("serve", "--ntp-port", "0", "--display", "none", "--http-port", Integer.toString(taken.getLocalPort()))
          .fails(1, "cannot bind HTTP port");
    }
  }

  @Test
  void badDeviceSpecsAreBadUsage() {
    CliRun.of("serve", "--rtc", "quartz").fails(2, "--rtc", "simulated, system, sysfs, ds3231");
    CliRun.of("serve", "--display", "png").fails(2, "--display", "png needs");
    CliRun.of("serve", "--display", "lcd").fails(2, "--display");
    CliRun.of("serve", "--light", "iio").fails(2, "--light");
    CliRun.of("serve", "--bind", "no-such-host.invalid").fails(2, "--bind");
  }

  @Test
  void badRateLimitIsBadUsage() {
    CliRun.of("serve", "--rate-limit", "3").fails(2, "--rate-limit", "INTERVAL:BURST");
    CliRun.of("serve", "--rate-limit", "3:x").fails(2, "--rate-limit");
    CliRun.of("serve", "--rate-limit", "30:8").fails(2, "--rate-limit");
  }

  @Test
  void missingKeyFileIsBadUsage(@TempDir Path dir) {
    CliRun.of("serve", "--keyfile", dir.resolve("none.keys").toString()).fails(2, "invalid value for --keyfile", "file not found");
  }

  @Test
  void sysfsRtcThatDoesNotExistServesUnsynchronized(@TempDir Path dir) throws Exception {
    try (RunningServe serve = RunningServe.start("--display", "none", "--rtc", "sysfs:" + dir.resolve("rtc9"))) {
      assertThat(serve.out()).contains("RTC: Linux RTC", "serving unsynchronized");
      assertThat(ask(serve.ntpPort()).leap().code()).isEqualTo(3);
    }
  }

  /** Without a Raspberry Pi's buses the real devices fail to open: exit 1, one line naming them. */
  @Test
  void missingHardwareExitsOneNamingTheDevice() {
    CliRun.of("serve", "--ntp-port", "0", "--http-port", "0", "--display", "none", "--rtc", "ds3231:1")
        .fails(1, "ntpclock serve:", "--rtc ds3231:1");
    CliRun.of("serve", "--ntp-port", "0", "--http-port", "0", "--display", "max7219:0.0")
        .fails(1, "ntpclock serve:", "--display max7219:0.0");
  }

  @Test
  void rateLimitDropsABurstingClient() throws Exception {
    // One request per 2^12 s, burst 1, no leak: the second request in a row is dropped (chrony's
    // default is to drop, not to send a kiss-o'-death).
    try (RunningServe serve = RunningServe.start("--display", "none", "--rate-limit", "12:1:0")) {
      assertThat(ask(serve.ntpPort()).stratum()).isEqualTo(10);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ask(serve.ntpPort()))
          .isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }

  @Test
  void keyFileSignsRepliesToAuthenticatedQueries(@TempDir Path dir) throws Exception {
    Path keys = Files.writeString(dir.resolve("chrony.keys"), "3 SHA1 HEX:00112233445566778899aabbccddeeff00112233\n");
    try (RunningServe serve = RunningServe.start("--display", "none", "--keyfile", keys.toString())) {
      JsonObject o = CliRun.of("query", "--json", "--keyfile", keys.toString(), "--key", "3",
          "127.0.0.1:" + serve.ntpPort()).json();
      assertThat(o.get("stratum")).hasToString("10");
    }
  }
}
