package org.ntpclock.rtc.gps;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;
import static org.ntpclock.core.internal.Preconditions.checkState;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.ntpclock.epoch.UtcReading;
import org.ntpclock.epoch.nmea.NmeaDecoder;
import org.ntpclock.epoch.nmea.NmeaWriter;

/**
 * A GPS receiver simulated from a clock (the system clock by default), for tests and for trying
 * {@code ntpclock serve} without hardware. At each whole second of the clock it writes the PPS
 * edge to a file in the Linux sysfs format ({@code SECONDS.NANOSECONDS#SEQUENCE}, replaced
 * atomically, as {@link SysfsPpsReader} reads it), then after a latency (default 150 ms, &plusmn; a
 * uniformly random jitter, default 20 ms) writes that second's RMC and GGA sentences, CR LF
 * terminated, to a stream, pipe or pseudo-terminal.
 *
 * <p>{@link Fault faults} can be switched on and off while it runs: a lost fix (status {@code V},
 * quality 0), a lost PPS (no more edges), and the week-rollover bug (dates 1024 weeks early).
 */
public final class SimulatedGpsReceiver implements AutoCloseable {
  /** Default time from the edge to the sentences. */
  public static final Duration DEFAULT_LATENCY = Duration.ofMillis(150);
  /** Default spread of the latency, either way. */
  public static final Duration DEFAULT_JITTER = Duration.ofMillis(20);

  /** What the simulated receiver can get wrong. */
  public enum Fault {
    /** The receiver loses its fix: RMC status {@code V}, GGA quality 0. */
    LOST_FIX,
    /** The PPS line goes quiet: no more edges. */
    LOST_PPS,
    /** The receiver reports dates 1024 weeks early, as after a week rollover it was not built for. */
    ROLLOVER_BUG
  }

  private final InstantSource clock;
  private final OutputStreamOpener nmea;
  private final Optional<Path> pps;
  private final Duration latency;
  private final Duration jitter;
  private final String talker;
  private final Set<Fault> faults = EnumSet.noneOf(Fault.class);
  private final SplittableRandom random;
  private final AtomicLong seconds = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;
  private volatile OutputStream out;
  private volatile Optional<Exception> lastError = Optional.empty();
  private long sequence;

  /** Opens the sentence output (in the simulator's thread: a FIFO blocks until a reader opens it). */
  @FunctionalInterface
  private interface OutputStreamOpener {
    OutputStream open() throws IOException;
  }

  private SimulatedGpsReceiver(Builder b) {
    this.clock = b.clock;
    this.nmea = b.nmea;
    this.pps = b.pps;
    this.latency = b.latency;
    this.jitter = b.jitter;
    this.talker = b.talker;
    this.random = new SplittableRandom(b.seed);
    this.faults.addAll(b.faults);
    this.thread = new Thread(this::run, "ntpclock-gps-simulator");
    this.thread.setDaemon(true);
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Switches a fault on or off.
   *
   * @param fault the fault
   * @param on whether it is on
   */
  public void set(Fault fault, boolean on) {
    checkNotNull(fault, "fault");
    synchronized (faults) {
      if (on) {
        faults.add(fault);
      } else {
        faults.remove(fault);
      }
    }
  }

  private boolean has(Fault fault) {
    synchronized (faults) {
      return faults.contains(fault);
    }
  }

  /**
   * Seconds simulated so far (each one an edge and its sentences).
   *
   * @return the count
   */
  public long seconds() {
    return seconds.get();
  }

  /**
   * The last error writing the sentences or the PPS file.
   *
   * @return the error, or empty
   */
  public Optional<Exception> lastError() {
    return lastError;
  }

  private void run() {
    try (OutputStream o = nmea.open()) {
      out = o;
      while (!closed) {
        Instant now = clock.instant();
        long next = now.getEpochSecond() + 1;
        sleepUntil(Instant.ofEpochSecond(next));
        if (closed) {
          return;
        }
        if (pps.isPresent() && !has(Fault.LOST_PPS)) {
          writePps(pps.get(), Instant.ofEpochSecond(next));
        }
        long spread = jitter.toNanos() == 0 ? 0 : random.nextLong(-jitter.toNanos(), jitter.toNanos() + 1);
        long delay = Math.max(0, Math.min(900_000_000L, latency.toNanos() + spread));
        sleepUntil(Instant.ofEpochSecond(next, delay));
        if (closed) {
          return;
        }
        Instant reported = Instant.ofEpochSecond(next);
        if (has(Fault.ROLLOVER_BUG)) {
          reported = reported.minus(NmeaDecoder.ROLLOVER_PERIOD);
        }
        boolean valid = !has(Fault.LOST_FIX);
        UtcReading t = UtcReading.of(reported);
        String text = NmeaWriter.rmc(talker, t, 2, valid) + "\r\n" + NmeaWriter.gga(talker, t, 2, valid) + "\r\n";
        o.write(text.getBytes(StandardCharsets.US_ASCII));
        o.flush();
        seconds.incrementAndGet();
      }
    } catch (IOException e) {
      if (!closed) {
        lastError = Optional.of(e);
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  private void writePps(Path file, Instant edge) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, new PpsEvent(edge, ++sequence).format() + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      lastError = Optional.of(e);
    }
  }

  private void sleepUntil(Instant target) throws InterruptedException {
    while (!closed) {
      long nanos = Duration.between(clock.instant(), target).toNanos();
      if (nanos <= 0) {
        return;
      }
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
  }

  /**
   * Starts simulating on a thread of its own.
   *
   * @return this simulator
   * @throws IllegalStateException if already started
   */
  public SimulatedGpsReceiver start() {
    checkState(thread.getState() == Thread.State.NEW, "already started");
    thread.start();
    return this;
  }

  /** Stops, closes the output and waits (at most 2 s) for the thread. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    OutputStream o = out;
    if (o != null) {
      try {
        o.close();
      } catch (IOException e) {
        // closing to stop
      }
    }
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Configures a {@link SimulatedGpsReceiver}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private OutputStreamOpener nmea;
    private Optional<Path> pps = Optional.empty();
    private Duration latency = DEFAULT_LATENCY;
    private Duration jitter = DEFAULT_JITTER;
    private String talker = "GP";
    private long seed = 1;
    private final Set<Fault> faults = EnumSet.noneOf(Fault.class);

    private Builder() {}

    /**
     * The clock the simulated receiver follows (default the system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /**
     * Writes the sentences to a stream (closed with the simulator).
     *
     * @param out the stream
     * @return this builder
     */
    public Builder nmea(OutputStream out) {
      checkNotNull(out, "out");
      this.nmea = () -> out;
      return this;
    }

    /**
     * Writes the sentences to a file, named pipe or pseudo-terminal, opened when the simulator
     * starts (opening a named pipe waits for its reader).
     *
     * @param path the path
     * @return this builder
     */
    public Builder nmea(Path path) {
      checkNotNull(path, "path");
      this.nmea = () -> Files.newOutputStream(path);
      return this;
    }

    /**
     * Writes each PPS edge to a file in the sysfs {@code assert} format.
     *
     * @param file the file; a sibling {@code NAME.tmp} is used to replace it atomically
     * @return this builder
     */
    public Builder pps(Path file) {
      this.pps = Optional.of(checkNotNull(file, "file"));
      return this;
    }

    /**
     * The delay from the edge to the sentences and its spread.
     *
     * @param latency zero or more, under 900 ms
     * @param jitter zero or more; the delay is uniformly spread by this much either way
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder latency(Duration latency, Duration jitter) {
      checkArgument(!latency.isNegative() && latency.compareTo(Duration.ofMillis(900)) < 0, "latency out of range 0..900 ms: %s", latency);
      checkArgument(!jitter.isNegative(), "negative jitter: %s", jitter);
      this.latency = latency;
      this.jitter = jitter;
      return this;
    }

    /**
     * The talker (default {@code GP}).
     *
     * @param talker two upper-case letters
     * @return this builder
     */
    public Builder talker(String talker) {
      this.talker = checkNotNull(talker, "talker");
      return this;
    }

    /**
     * The seed of the latency jitter (default 1), for repeatable runs.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Faults on from the start.
     *
     * @param initial the faults
     * @return this builder
     */
    public Builder faults(Set<Fault> initial) {
      this.faults.addAll(initial);
      return this;
    }

    /**
     * The simulator, not yet started.
     *
     * @return the simulator
     * @throws IllegalStateException if no sentence output was given
     */
    public SimulatedGpsReceiver build() {
      checkState(nmea != null, "no NMEA output: call nmea(...)");
      NmeaWriter.rmc(talker, UtcReading.of(Instant.EPOCH), 0, true); // validates the talker now
      return new SimulatedGpsReceiver(this);
    }
  }
}
