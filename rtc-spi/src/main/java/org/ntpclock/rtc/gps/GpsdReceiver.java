package org.ntpclock.rtc.gps;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ntpclock.core.Ticker;
import org.ntpclock.epoch.UtcReading;

/**
 * A gpsd client (TCP, default 127.0.0.1:2947): asks for JSON reports with
 * {@code ?WATCH={"enable":true,"json":true,"pps":true}} and feeds a {@link GpsSink}:
 * <ul>
 *   <li>{@code TPV}: {@code mode} 2 or 3 with a {@code time} is a valid fix at that time, mode 0 or
 *       1 is no fix; {@code leapseconds} is the receiver's GPS&minus;UTC count;
 *   <li>{@code PPS}: an edge at {@code real_sec} (whole second) that the system clock saw at
 *       {@code clock_sec.clock_nsec}; gpsd has labelled it, so it is a labelled edge;
 *   <li>{@code TOFF}: the serial time of the fix ({@code real}) and when the system clock saw the
 *       sentence ({@code clock}); while the last TPV had a fix it is a fix arriving at that moment,
 *       a better arrival time than the TPV's own, which gpsd sends at the end of the cycle.
 * </ul>
 * System-clock times become ticker readings by subtracting their age from the ticker now.
 *
 * <p>Lines are read with a bound of 64 KiB (longer ones are skipped and counted); a connection
 * that fails, ends, or stays silent for 30 s is dropped and made again with back-off (1 s doubling
 * to 60 s). The minimal JSON reading here looks only at the flat top-level members these three
 * classes carry.
 */
public final class GpsdReceiver extends ReaderThread {
  /** gpsd's port. */
  public static final int DEFAULT_PORT = 2947;
  /** The watch request sent on each connection. */
  public static final String WATCH = "?WATCH={\"enable\":true,\"json\":true,\"pps\":true};\n";
  static final int MAX_LINE = 65_536;
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final int READ_TIMEOUT_MILLIS = 30_000;
  private static final Pattern CLASS = Pattern.compile("\"class\"\\s*:\\s*\"([A-Z]+)\"");

  private final InetSocketAddress address;
  private final GpsSink sink;
  private final Ticker ticker;
  private final InstantSource clock;
  private final AtomicLong reports = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean hasFix;

  private GpsdReceiver(InetSocketAddress address, GpsSink sink, Ticker ticker, InstantSource clock) {
    super("ntpclock-gpsd " + address, ticker, MAX_LINE, FIRST_BACKOFF, MAX_BACKOFF);
    this.address = address;
    this.sink = sink;
    this.ticker = ticker;
    this.clock = clock;
  }

  /**
   * Connects (and keeps reconnecting) on a thread of its own.
   *
   * @param address gpsd's address, e.g. 127.0.0.1:2947
   * @param sink where reports go
   * @param ticker the ticker the sink uses
   * @param clock the system clock gpsd's {@code clock_sec} values are read on
   * @return the running receiver
   */
  public static GpsdReceiver connect(InetSocketAddress address, GpsSink sink, Ticker ticker, InstantSource clock) {
    GpsdReceiver r = new GpsdReceiver(checkNotNull(address, "address"), checkNotNull(sink, "sink"),
        checkNotNull(ticker, "ticker"), checkNotNull(clock, "clock"));
    r.start();
    return r;
  }

  /** Connects to gpsd and asks for its reports; the socket closes with the channel returned. */
  @Override
  ReadableByteChannel open() throws IOException {
    Socket s = new Socket();
    try {
      blockingOn(s);
      if (isClosed()) {
        // closed before the socket was registered: do not wait out a connect
        throw new SocketException("receiver closed");
      }
      s.connect(address, 5000);
      s.setSoTimeout(READ_TIMEOUT_MILLIS);
      connections.incrementAndGet();
      OutputStream out = s.getOutputStream();
      out.write(WATCH.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return Channels.newChannel(s.getInputStream());
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  @Override
  boolean onLine(String line, long tick) {
    if (line == LineReader.OVERLONG) {
      errors.incrementAndGet();
      return false;
    }
    try {
      return handle(line, tick);
    } catch (GpsException e) {
      errors.incrementAndGet();
      failed(e);
      return false;
    }
  }

  /** A lost connection is a lost fix until gpsd reports again; always reconnects. */
  @Override
  boolean sessionEnded() {
    hasFix = false;
    sink.onFix(Optional.empty(), ticker.read());
    return true;
  }

  /**
   * Handles one line of gpsd's output.
   *
   * @return whether it was a report this receiver uses
   */
  boolean handle(String line, long tick) throws GpsException {
    Matcher m = CLASS.matcher(line);
    if (!m.find()) {
      return false;
    }
    switch (m.group(1)) {
      case "TPV": {
        reports.incrementAndGet();
        OptionalLong mode = number(line, "mode");
        Optional<String> time = string(line, "time");
        number(line, "leapseconds").ifPresent(n -> sink.onLeapSeconds((int) n));
        if (mode.orElse(0) >= 2 && time.isPresent()) {
          hasFix = true;
          sink.onFix(Optional.of(parseTime(time.get())), tick);
        } else {
          hasFix = false;
          sink.onFix(Optional.empty(), tick);
        }
        return true;
      }
      case "PPS": {
        reports.incrementAndGet();
        long realSec = require(line, "real_sec");
        long realNsec = require(line, "real_nsec");
        long edgeTick = tickOf(require(line, "clock_sec"), require(line, "clock_nsec"));
        if (realNsec == 0) {
          sink.onLabeledPpsEdge(edgeTick, realSec);
        }
        return true;
      }
      case "TOFF": {
        reports.incrementAndGet();
        if (hasFix) {
          long realSec = require(line, "real_sec");
          long realNsec = require(line, "real_nsec");
          long arrival = tickOf(require(line, "clock_sec"), require(line, "clock_nsec"));
          sink.onFix(Optional.of(UtcReading.of(Instant.ofEpochSecond(realSec, realNsec))), arrival);
        }
        return true;
      }
      default:
        return false;
    }
  }

  private long tickOf(long clockSec, long clockNsec) throws GpsException {
    if (clockNsec < 0 || clockNsec > 999_999_999) {
      throw new GpsException(GpsException.Reason.BAD_GPSD_MESSAGE, "clock_nsec out of range: " + clockNsec);
    }
    long tickNow = ticker.read();
    Instant now = clock.instant();
    try {
      return tickNow - Duration.between(Instant.ofEpochSecond(clockSec, clockNsec), now).toNanos();
    } catch (ArithmeticException | DateTimeException e) {
      throw new GpsException(GpsException.Reason.BAD_GPSD_MESSAGE, "clock time out of range: " + clockSec);
    }
  }

  static UtcReading parseTime(String text) throws GpsException {
    try {
      int at = text.indexOf("T23:59:60");
      if (at > 0) {
        Instant i = Instant.parse(text.substring(0, at) + "T23:59:59" + text.substring(at + 9));
        return new UtcReading(i, true);
      }
      return UtcReading.of(Instant.parse(text));
    } catch (DateTimeException e) {
      throw new GpsException(GpsException.Reason.BAD_GPSD_MESSAGE, "TPV time is not ISO 8601: " + text);
    }
  }

  private static long require(String line, String key) throws GpsException {
    OptionalLong n = number(line, key);
    if (n.isEmpty()) {
      throw new GpsException(GpsException.Reason.BAD_GPSD_MESSAGE, "no integer \"" + key + "\" in " + abbreviated(line));
    }
    return n.getAsLong();
  }

  private static String abbreviated(String line) {
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  static OptionalLong number(String line, String key) {
    Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9]{1,18})(?![0-9.eE])").matcher(line);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  static Optional<String> string(String line, String key) {
    Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"\\\\]{0,64})\"").matcher(line);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * TPV, PPS and TOFF reports received.
   *
   * @return the count
   */
  public long reports() {
    return reports.get();
  }

  /**
   * Connections made to gpsd.
   *
   * @return the count
   */
  public long connections() {
    return connections.get();
  }

  /**
   * Lines dropped as malformed or too long.
   *
   * @return the count
   */
  public long errors() {
    return errors.get();
  }
}
