package org.ntpclock.clock.app;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ntpclock.core.Ticker;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.nmea.NmeaDecoder;
import org.ntpclock.epoch.nmea.NmeaSentence;
import org.ntpclock.rtc.gps.GpsTimeSource;
import org.ntpclock.rtc.gps.GpsdReceiver;
import org.ntpclock.rtc.gps.NmeaReceiver;
import org.ntpclock.rtc.gps.SimulatedGpsReceiver;
import org.ntpclock.rtc.gps.SysfsPpsReader;

/**
 * The clock's time source from a GPS receiver: the {@link GpsTimeSource} and the receiver, PPS
 * reader and (for {@code simulated}) simulator that feed it, closed together.
 *
 * <p>Receivers: {@code gpsd[://HOST:PORT]} (default 127.0.0.1:2947; gpsd's {@code PPS} messages
 * are the edges unless a PPS device is given), {@code nmea:PATH} (a serial device set up with
 * {@code stty}, or a named pipe), {@code simulated} (a simulated receiver following the system
 * clock, writing its PPS edges to a temporary sysfs-format file). With a PPS device the source is
 * stratum 1 with reference id {@code PPS}; a receiver without one (an {@code nmea:} source without
 * {@code --pps}, or gpsd with an NMEA offset) serves the sentences alone, reference id {@code GPS},
 * shifted by the given sentence latency and with a root dispersion of
 * {@value #NMEA_DISPERSION_MILLIS} ms.
 */
public final class GpsChoice implements AutoCloseable {
  /** Root dispersion claimed when serving from sentences alone. */
  static final long NMEA_DISPERSION_MILLIS = 100;

  private final String description;
  private final GpsTimeSource source;
  private final List<AutoCloseable> parts;
  private final Optional<Path> tempDir;

  private GpsChoice(String description, GpsTimeSource source, List<AutoCloseable> parts, Optional<Path> tempDir) {
    this.description = description;
    this.source = source;
    this.parts = parts;
    this.tempDir = tempDir;
  }

  /**
   * Opens a GPS source.
   *
   * @param receiver {@code gpsd[://HOST:PORT]}, {@code nmea:PATH} or {@code simulated}
   * @param pps a Linux PPS device ({@code /sys/class/pps/pps0}) or a file in its {@code assert} format
   * @param nmeaOffset the sentence latency; given, or no PPS at all, means serving from sentences alone
   * @param holdover how long the source serves after the PPS edges stop
   * @param table the leap-second table
   * @return the running source
   * @throws ClockHardware.HardwareException if the receiver text is invalid or a file cannot be made
   */
  public static GpsChoice open(String receiver, Optional<Path> pps, Optional<Duration> nmeaOffset, Duration holdover,
      LeapSecondTable table) {
    checkNotNull(receiver, "receiver");
    Ticker ticker = Ticker.system();
    InstantSource clock = InstantSource.system();
    boolean gpsd = receiver.equals("gpsd") || receiver.startsWith("gpsd://");
    boolean simulated = receiver.equals("simulated");
    boolean nmea = receiver.startsWith("nmea:") && receiver.length() > "nmea:".length();
    if (!gpsd && !simulated && !nmea) {
      throw new ClockHardware.HardwareException(
          "unknown GPS receiver '" + receiver + "' (expected gpsd[://HOST:PORT], nmea:PATH or simulated)", null);
    }
    Optional<Path> tempDir = Optional.empty();
    Optional<Path> ppsFile = pps;
    if (simulated && pps.isEmpty() && nmeaOffset.isEmpty()) {
      try {
        tempDir = Optional.of(Files.createTempDirectory("ntpclock-gps"));
      } catch (IOException e) {
        throw new ClockHardware.HardwareException("cannot create the simulated PPS file: " + e.getMessage(), e);
      }
      ppsFile = Optional.of(tempDir.get().resolve("assert"));
    }
    boolean ppsMode = nmeaOffset.isEmpty() && (ppsFile.isPresent() || gpsd);
    GpsTimeSource.Builder b = GpsTimeSource.builder(table).ticker(ticker)
        .holdover(Duration.ofMillis(1500), holdover);
    if (!ppsMode) {
      b.nmeaOnly(nmeaOffset.orElse(Duration.ZERO), Duration.ofMillis(NMEA_DISPERSION_MILLIS));
    }
    GpsTimeSource source = b.build();
    List<AutoCloseable> parts = new ArrayList<>();
    String description;
    NmeaDecoder decoder = NmeaDecoder.near(Instant.now(), NmeaSentence.LENIENT_MAX_LENGTH);
    if (gpsd) {
      InetSocketAddress address = gpsdAddress(receiver);
      parts.add(GpsdReceiver.connect(address, source, ticker, clock));
      description = "gpsd at " + address.getHostString() + ":" + address.getPort();
    } else if (nmea) {
      Path device = Path.of(receiver.substring("nmea:".length()));
      parts.add(NmeaReceiver.open(device, decoder, NmeaSentence.LENIENT_MAX_LENGTH, source, ticker));
      description = "NMEA receiver on " + device;
    } else {
      try {
        PipedInputStream in = new PipedInputStream(4096);
        PipedOutputStream out = new PipedOutputStream(in);
        SimulatedGpsReceiver.Builder sim = SimulatedGpsReceiver.builder().nmea(out);
        ppsFile.ifPresent(sim::pps);
        parts.add(sim.build().start());
        parts.add(NmeaReceiver.read(in, decoder, NmeaSentence.LENIENT_MAX_LENGTH, source, ticker));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      description = "simulated receiver" + ppsFile.map(p -> " with PPS in " + p).orElse("");
    }
    if (ppsFile.isPresent() && ppsMode) {
      parts.add(SysfsPpsReader.start(ppsFile.get(), source, ticker, clock, SysfsPpsReader.DEFAULT_POLL_INTERVAL));
      description += ", PPS from " + ppsFile.get();
    } else if (ppsMode) {
      description += ", PPS from gpsd";
    } else {
      description += ", no PPS (sentence offset " + nmeaOffset.orElse(Duration.ZERO).toMillis() + " ms)";
    }
    return new GpsChoice(description, source, parts, tempDir);
  }

  static InetSocketAddress gpsdAddress(String receiver) {
    if (receiver.equals("gpsd")) {
      return new InetSocketAddress("127.0.0.1", GpsdReceiver.DEFAULT_PORT);
    }
    try {
      URI uri = new URI(receiver);
      if (uri.getHost() == null || uri.getPath() != null && !uri.getPath().isEmpty()) {
        throw new URISyntaxException(receiver, "expected gpsd://HOST[:PORT]");
      }
      return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? GpsdReceiver.DEFAULT_PORT : uri.getPort());
    } catch (URISyntaxException e) {
      throw new ClockHardware.HardwareException("invalid gpsd address '" + receiver + "' (expected gpsd://HOST[:PORT])", e);
    }
  }

  /**
   * What the source is, for the start-up message.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * The time source.
   *
   * @return the source
   */
  public GpsTimeSource source() {
    return source;
  }

  /** Stops the receiver, PPS reader and simulator, and removes a temporary PPS file. */
  @Override
  public void close() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        // best effort: close the rest
      }
    }
    tempDir.ifPresent(dir -> {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    });
  }
}
