package org.ntpclock.rtc.gps;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ntpclock.core.Ticker;
import org.ntpclock.core.input.BoundedInput;

/**
 * Polls a Linux PPS device through sysfs ({@code /sys/class/pps/ppsN/assert}) and reports each new
 * edge to a {@link GpsSink}: a new sequence number is one edge. The kernel's timestamp is the
 * system clock at the edge; it becomes a ticker reading by subtracting its age (system clock now
 * minus the timestamp) from the ticker now, so only the fraction of a second between the edge and
 * the poll depends on the system clock. A timestamp older than two seconds or in the future (the
 * clock was stepped, or the reading is left over from before the reader started) is not an edge.
 *
 * <p>Each poll reads at most {@value PpsEvent#MAX_LENGTH} bytes. The default poll interval is
 * 10 ms: a poll costs one small file read, and the edge time comes from the kernel, not from when
 * the poll saw it.
 */
public final class SysfsPpsReader implements AutoCloseable {
  /** Default poll interval. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(10);
  private static final long MAX_AGE_NANOS = 2_000_000_000L;

  private final Path file;
  private final GpsSink sink;
  private final Ticker ticker;
  private final InstantSource clock;
  private final ScheduledExecutorService poller;
  private final AtomicLong edges = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private long lastSequence = -1;
  private volatile Optional<Exception> lastError = Optional.empty();

  private SysfsPpsReader(Path file, GpsSink sink, Ticker ticker, InstantSource clock) {
    this.file = file;
    this.sink = sink;
    this.ticker = ticker;
    this.clock = clock;
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ntpclock-pps " + file);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts polling.
   *
   * @param device the PPS device directory ({@code /sys/class/pps/pps0}) or its {@code assert} file
   * @param sink where edges go
   * @param ticker the ticker the sink uses
   * @param clock the system clock the kernel timestamps edges with
   * @param pollInterval between polls, 1 ms to 500 ms
   * @return the running reader
   * @throws IllegalArgumentException if the poll interval is out of range
   */
  public static SysfsPpsReader start(Path device, GpsSink sink, Ticker ticker, InstantSource clock, Duration pollInterval) {
    checkNotNull(device, "device");
    checkArgument(pollInterval.compareTo(Duration.ofMillis(1)) >= 0 && pollInterval.compareTo(Duration.ofMillis(500)) <= 0,
        "poll interval out of range 1..500 ms: %s", pollInterval);
    Path file = Files.isDirectory(device) ? device.resolve("assert") : device;
    SysfsPpsReader r = new SysfsPpsReader(file, checkNotNull(sink, "sink"), checkNotNull(ticker, "ticker"), checkNotNull(clock, "clock"));
    r.poller.scheduleWithFixedDelay(r::poll, 0, pollInterval.toNanos(), TimeUnit.NANOSECONDS);
    return r;
  }

  /**
   * Reads the file once.
   *
   * @param file the {@code assert} file
   * @return the last edge, or empty before the first
   * @throws IOException if the file cannot be read, or is not a regular file (a FIFO would block
   *     the poller until a writer came)
   * @throws GpsException if its content is not a PPS reading
   */
  public static Optional<PpsEvent> read(Path file) throws IOException, GpsException {
    try (InputStream in = BoundedInput.openRegularFile(file)) {
      byte[] bytes = in.readNBytes(PpsEvent.MAX_LENGTH + 1);
      return PpsEvent.parse(new String(bytes, StandardCharsets.ISO_8859_1));
    }
  }

  private void poll() {
    try {
      Optional<PpsEvent> event = read(file);
      if (event.isEmpty() || event.get().sequence() == lastSequence) {
        return;
      }
      PpsEvent e = event.get();
      lastSequence = e.sequence();
      long tickNow = ticker.read();
      Instant now = clock.instant();
      long age = Duration.between(e.time(), now).toNanos();
      if (age < 0 || age > MAX_AGE_NANOS) {
        return;
      }
      edges.incrementAndGet();
      sink.onPpsEdge(tickNow - age);
    } catch (IOException | GpsException | ArithmeticException e) {
      errors.incrementAndGet();
      lastError = Optional.of(e);
    }
  }

  /**
   * Edges reported so far.
   *
   * @return the count
   */
  public long edges() {
    return edges.get();
  }

  /**
   * Polls that failed (unreadable file, malformed content).
   *
   * @return the count
   */
  public long errors() {
    return errors.get();
  }

  /**
   * The last failure.
   *
   * @return the failure, or empty
   */
  public Optional<Exception> lastError() {
    return lastError;
  }

  /** Stops polling and waits (at most 2 s) for a poll in progress. */
  @Override
  public void close() {
    poller.shutdownNow();
    try {
      poller.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
