package org.ntpclock.rtc.gps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntpclock.core.Ticker;
import org.ntpclock.epoch.UtcReading;
import org.ntpclock.epoch.nmea.NmeaDecoder;
import org.ntpclock.epoch.nmea.NmeaSentence;
import org.ntpclock.epoch.nmea.NmeaWriter;

/** The NMEA stream reader, the sysfs PPS reader and the gpsd client against files and a fake gpsd. */
class ReceiversTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void ppsReadingsParse() throws Exception {
    assertThat(PpsEvent.parse("1700000000.000012345#42\n"))
        .contains(new PpsEvent(Instant.ofEpochSecond(1_700_000_000L, 12_345), 42));
    assertThat(PpsEvent.parse("")).isEmpty();
    assertThat(PpsEvent.parse("0.000000000#0\n")).isEmpty();
    assertThat(new PpsEvent(Instant.ofEpochSecond(5, 7), 3).format()).isEqualTo("5.000000007#3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1700000000.12345#42", "1700000000#42", "x.000000000#1", "1.000000000#", "1.000000000#-1",
      "99999999999999999999.000000000#1", "1.000000000"})
  void malformedPpsReadingsAreTypedErrors(String text) {
    GpsException e = catchThrowableOfType(GpsException.class, () -> PpsEvent.parse(text));
    assertThat(e.reason()).isEqualTo(GpsException.Reason.BAD_PPS_READING);
  }

  @Test
  void nmeaStreamDeliversFixesAndCountsBadLinesWithoutBufferingThem() throws Exception {
    UtcReading t = UtcReading.of(T);
    String good = NmeaWriter.rmc("GN", t, 2, true) + "\r\n";
    String noFix = NmeaWriter.rmc("GN", UtcReading.of(T.plusSeconds(1)), 2, false) + "\r\n";
    String bad = good.replace("*", "0*");
    String endless = "$GPGGA," + "9".repeat(1_000_000) + "\r\n"; // a device that never ends its line
    String text = "$PMTK001,604,3*32\r\n" + good + bad + endless + noFix;
    RecordingSink sink = new RecordingSink();
    long[] tick = {0};
    try (NmeaReceiver r = NmeaReceiver.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)),
        NmeaDecoder.near(T), NmeaSentence.STANDARD_MAX_LENGTH, sink, () -> ++tick[0])) {
      RecordingSink.await(r::isDone, "the stream's end");
      assertThat(sink.fixes).extracting(RecordingSink.Fix::time).containsExactly(Optional.of(t), Optional.empty());
      assertThat(r.sentences()).isEqualTo(4);
      assertThat(r.checksumErrors()).isEqualTo(1);
      assertThat(r.otherErrors()).isEqualTo(1);
    }
  }

  @Test
  void sysfsReaderReportsEachNewSequenceOnceWithTheKernelsTime(@TempDir Path dir) throws Exception {
    Path assertFile = dir.resolve("assert");
    Files.writeString(assertFile, "");
    Instant wall = Instant.parse("2026-03-01T12:00:00.250Z");
    Clock clock = Clock.fixed(wall, ZoneOffset.UTC);
    Ticker ticker = () -> 5_000_000_000L;
    RecordingSink sink = new RecordingSink();
    try (SysfsPpsReader r = SysfsPpsReader.start(dir, sink, ticker, clock, Duration.ofMillis(2))) {
      Files.writeString(dir.resolve("tmp"), "1772366400.000000000#7\n");
      Files.move(dir.resolve("tmp"), assertFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      RecordingSink.await(() -> sink.edges.size() == 1, "an edge");
      // The edge was 250 ms before "now" on the system clock, so 250 ms before the ticker's now.
      assertThat(sink.edges.get(0).tick()).isEqualTo(5_000_000_000L - 250_000_000L);
      Thread.sleep(50); // more polls of the same sequence: still one edge
      assertThat(sink.edges).hasSize(1);
      Files.writeString(dir.resolve("tmp"), "garbage\n");
      Files.move(dir.resolve("tmp"), assertFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      RecordingSink.await(() -> r.errors() > 0, "a parse error");
      assertThat(r.lastError()).get().isInstanceOf(GpsException.class);
      Files.writeString(dir.resolve("tmp"), "1772366300.000000000#8\n"); // 100 s old: a stale reading
      Files.move(dir.resolve("tmp"), assertFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Thread.sleep(50);
      assertThat(sink.edges).hasSize(1);
      assertThat(r.edges()).isEqualTo(1);
    }
  }

  /** A FIFO named as the PPS file is refused at once: opening it would block the poller until a writer came. */
  @Test
  @Timeout(30) // guards the build against the hang this test is about
  void aFifoIsRefusedNotOpened(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("assert");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
        "needs mkfifo");
    assertThatThrownBy(() -> SysfsPpsReader.read(fifo)).isInstanceOf(FileSystemException.class);
  }

  @Test
  void gpsdClientWatchesAndReadsTpvPpsAndReconnects() throws Exception {
    RecordingSink sink = new RecordingSink();
    Instant wall = Instant.parse("2026-03-01T12:00:00.400Z");
    try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        GpsdReceiver r = GpsdReceiver.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
            sink, () -> 9_000_000_000L, Clock.fixed(wall, ZoneOffset.UTC))) {
      server.setSoTimeout(10_000);
      try (Socket s = server.accept()) {
        byte[] watch = new byte[GpsdReceiver.WATCH.length()];
        int n = s.getInputStream().readNBytes(watch, 0, watch.length);
        assertThat(new String(watch, 0, n, StandardCharsets.US_ASCII)).isEqualTo(GpsdReceiver.WATCH);
        OutputStream out = s.getOutputStream();
        out.write(("{\"class\":\"VERSION\",\"release\":\"3.22\"}\n"
            + "{\"class\":\"SKY\",\"satellites\":[{\"PRN\":1,\"used\":true}]}\n"
            + "{\"class\":\"TPV\",\"device\":\"/dev/ttyAMA0\",\"mode\":1,\"ept\":0.005}\n"
            + "{\"class\":\"TPV\",\"device\":\"/dev/ttyAMA0\",\"mode\":3,\"time\":\"2026-03-01T12:00:00.000Z\",\"leapseconds\":18}\n"
            + "{\"class\":\"PPS\",\"device\":\"/dev/pps0\",\"real_sec\":1772366400,\"real_nsec\":0,\"clock_sec\":1772366400,\"clock_nsec\":100000000,\"precision\":-20}\n"
            + "{\"class\":\"TPV\",\"mode\":3,\"time\":\"not a time\"}\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RecordingSink.await(() -> sink.edges.size() == 1 && r.errors() == 1, "TPV and PPS");
      }
      // a snapshot: the receiver may add the dropped connection's empty fix meanwhile
      assertThat(List.copyOf(sink.fixes).subList(0, 2)).extracting(RecordingSink.Fix::time)
          .containsExactly(Optional.empty(), Optional.of(UtcReading.of(T)));
      assertThat(sink.leapSeconds).containsExactly(18);
      // The edge was seen at 12:00:00.100 on the system clock, 300 ms before "now".
      assertThat(sink.edges.get(0)).isEqualTo(new RecordingSink.Edge(9_000_000_000L - 300_000_000L, 1_772_366_400L));
      // The connection dropped: the fix is gone and the client comes back (after a 1 s back-off).
      try (Socket again = server.accept()) {
        assertThat(again.isConnected()).isTrue();
        RecordingSink.await(() -> r.connections() == 2, "the second connection");
        assertThat(sink.fixes.get(sink.fixes.size() - 1).time()).isEmpty();
      }
    }
  }

  @Test
  void gpsdLeapSecondTimeIsAReadingInTheLeapSecond() throws Exception {
    assertThat(GpsdReceiver.parseTime("2016-12-31T23:59:60.500Z"))
        .isEqualTo(new UtcReading(Instant.parse("2016-12-31T23:59:59.500Z"), true));
    assertThat(catchThrowableOfType(GpsException.class, () -> GpsdReceiver.parseTime("yesterday")).reason())
        .isEqualTo(GpsException.Reason.BAD_GPSD_MESSAGE);
  }

}
