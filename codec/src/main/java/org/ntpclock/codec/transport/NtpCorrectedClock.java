package org.ntpclock.codec.transport;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;
import static org.ntpclock.core.internal.Preconditions.checkState;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.ntpclock.codec.client.ClockCorrector;
import org.ntpclock.codec.client.CorrectedTime;
import org.ntpclock.codec.client.ExchangeFailure;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.client.FailureReason;
import org.ntpclock.codec.client.Selection;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.core.Ticker;

/**
 * An {@link InstantSource} that tells the time of one or more NTP servers rather than the
 * system clock's: a background thread polls the servers through an {@link SntpClient} (all of them
 * at once, each on its own thread), combines the samples with {@link Selection} and anchors the
 * result to the client's monotonic ticker ({@link System#nanoTime()} by default), as the
 * {@link ClockCorrector} describes. Between polls the time advances with the ticker, so neither a
 * step of the system clock nor a slow poll moves it.
 *
 * <p>{@link #instant()} is the best estimate at any time (the system clock's reading until the
 * first good poll); {@link #read()} says how good it is: offset against the system clock, error
 * bound, staleness, and whether the clock vouches for it. {@link #clock()} is a UTC
 * {@link Clock} view for APIs that want one.
 *
 * <p>Logging ({@link System.Logger} {@code org.ntpclock.codec.transport.NtpCorrectedClock}): a change
 * of status (synchronized, stale, back to synchronized) at INFO or WARNING, each failed poll at
 * DEBUG with every server's failure.
 *
 * <pre>{@code
 * SntpClient client = SntpClient.builder(Duration.ofSeconds(2)).build();
 * try (NtpCorrectedClock clock = NtpCorrectedClock.builder(client,
 *     List.of(InetSocketAddress.createUnresolved("pool.ntp.org", 123))).start()) {
 *   clock.awaitPolls(1, Duration.ofSeconds(10));
 *   CorrectedTime now = clock.read();
 *   if (now.isVouched()) {
 *     Instant t = now.instant();            // within now.errorBound() of the servers' time
 *   }
 * }
 * }</pre>
 */
public final class NtpCorrectedClock implements InstantSource, AutoCloseable {
  private static final Logger LOG = System.getLogger(NtpCorrectedClock.class.getName());
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final SntpClient client;
  private final List<InetSocketAddress> servers;
  private final ClockCorrector corrector;
  private final Ticker ticker;
  private final InstantSource wall;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService queries;
  private final Object pollLock = new Object();
  private ScheduledFuture<?> next;
  private long polls;
  private CorrectedTime.Status lastStatus = CorrectedTime.Status.UNSYNCHRONIZED;
  private volatile boolean closed;

  private NtpCorrectedClock(Builder b) {
    this.client = b.client;
    this.servers = b.servers;
    this.corrector = b.corrector;
    this.ticker = client.settings().ticker();
    this.wall = client.settings().clock();
    int id = INSTANCES.incrementAndGet();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("ntpclock-corrected-clock-" + id));
    this.queries = Executors.newFixedThreadPool(servers.size(), daemon("ntpclock-corrected-clock-" + id + "-query"));
  }

  /**
   * A builder for a clock following the given servers.
   *
   * @param client the client to poll with (its timeout, retries, poll limits, key, wall clock and
   *     ticker)
   * @param servers one or more servers, resolved or not
   * @return a new builder
   * @throws IllegalArgumentException if there are no servers
   */
  public static Builder builder(SntpClient client, List<InetSocketAddress> servers) {
    checkNotNull(client, "client");
    checkNotNull(servers, "servers");
    checkArgument(!servers.isEmpty(), "at least one server");
    servers.forEach(s -> checkNotNull(s, "server"));
    return new Builder(client, List.copyOf(servers));
  }

  /**
   * The best estimate of the true time (the system clock's until the first good poll); see
   * {@link #read()} for how good it is.
   *
   * @return the estimate
   */
  @Override
  public Instant instant() {
    return read().instant();
  }

  /**
   * The corrected time with its offset, error bound, staleness and status.
   *
   * @return the reading
   */
  public CorrectedTime read() {
    return corrector.read(ticker.read(), wall.instant());
  }

  /**
   * A {@link Clock} view in UTC.
   *
   * @return the clock
   */
  public Clock clock() {
    return withZone(ZoneOffset.UTC);
  }

  /**
   * The engine, for its poll counts and the last poll's selection and failures.
   *
   * @return the corrector
   */
  public ClockCorrector corrector() {
    return corrector;
  }

  /**
   * The servers polled.
   *
   * @return the servers
   */
  public List<InetSocketAddress> servers() {
    return servers;
  }

  /**
   * Polls now, out of schedule, and waits for the outcome; the schedule continues from this poll.
   *
   * @return the reading right after the poll
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the clock is closed
   */
  public CorrectedTime pollNow() throws InterruptedException {
    checkState(!closed, "closed");
    try {
      scheduler.submit(this::poll).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("poll failed", e.getCause());
    }
    return read();
  }

  /**
   * Waits until at least {@code count} polls (good or failed) have completed since start.
   *
   * @param count the number of polls
   * @param timeout the longest wait
   * @return true if they have, false on timeout
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitPolls(long count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (pollLock) {
      while (polls < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(pollLock, left);
      }
      return true;
    }
  }

  /** Stops polling; the last anchor keeps answering {@link #read()}, going stale in time. */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    queries.shutdownNow();
  }

  @Override
  public String toString() {
    return "NtpCorrectedClock{" + servers + ", " + corrector + "}";
  }

  private NtpCorrectedClock startPolling() {
    synchronized (pollLock) {
      next = scheduler.schedule(this::poll, 0, TimeUnit.NANOSECONDS);
    }
    return this;
  }

  /** One poll of every server at once; runs on the scheduler thread only. */
  private void poll() {
    if (closed) {
      return;
    }
    synchronized (pollLock) {
      if (next != null) {
        next.cancel(false);
      }
    }
    List<Future<ExchangeResult>> pending = new ArrayList<>();
    for (InetSocketAddress server : servers) {
      pending.add(queries.submit(() -> client.query(server)));
    }
    List<TimeSample> samples = new ArrayList<>();
    List<ExchangeFailure> failures = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      ExchangeResult r;
      try {
        // Each query ends by itself (the client's timeout and retries); the bound only guards a bug.
        r = pending.get(i).get(10, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        LOG.log(Level.WARNING, "query of " + servers.get(i) + " failed unexpectedly", e);
        r = new ExchangeFailure.Plain(FailureReason.IO_ERROR, servers.get(i));
      }
      if (r instanceof TimeSample s) {
        samples.add(s);
      } else {
        failures.add((ExchangeFailure) r);
      }
    }
    Duration wait = corrector.onPoll(samples, failures, ticker.read(), wall.instant());
    CorrectedTime now = read();
    logOutcome(samples, failures, now, wait);
    synchronized (pollLock) {
      polls++;
      pollLock.notifyAll();
      if (!closed) {
        next = scheduler.schedule(this::poll, wait.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }

  private void logOutcome(List<TimeSample> samples, List<ExchangeFailure> failures, CorrectedTime now, Duration wait) {
    if (!failures.isEmpty() && LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "poll: " + samples.size() + " of " + servers.size() + " servers answered; "
          + failures.stream().map(f -> f.server() + " " + f.reason()).collect(Collectors.joining(", "))
          + "; next poll in " + wait);
    }
    CorrectedTime.Status status = now.status();
    if (status != lastStatus) {
      if (status == CorrectedTime.Status.SYNCHRONIZED) {
        LOG.log(Level.INFO, "synchronized to " + samples.size() + " of " + servers.size() + " servers: offset "
            + now.offset().orElseThrow() + ", error bound " + now.errorBound().orElseThrow());
      } else {
        LOG.log(Level.WARNING, "no longer vouching for the time: " + status + " ("
            + corrector.consecutiveFailures() + " failed polls in a row, last good poll "
            + now.staleness().map(Duration::toString).orElse("never") + " ago)");
      }
      lastStatus = status;
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Configures and starts an {@link NtpCorrectedClock}. Not thread-safe. */
  public static final class Builder {
    private final SntpClient client;
    private final List<InetSocketAddress> servers;
    private ClockCorrector corrector = ClockCorrector.builder().build();

    private Builder(SntpClient client, List<InetSocketAddress> servers) {
      this.client = client;
      this.servers = servers;
    }

    /**
     * Sets the engine: poll intervals and the limits of vouching (default
     * {@link ClockCorrector#builder()}'s defaults).
     *
     * @param corrector a corrector no other clock uses
     * @return this builder
     */
    public Builder corrector(ClockCorrector corrector) {
      this.corrector = checkNotNull(corrector, "corrector");
      return this;
    }

    /**
     * Starts the background polling; the first poll starts at once.
     *
     * @return the running clock
     */
    public NtpCorrectedClock start() {
      return new NtpCorrectedClock(this).startPolling();
    }
  }
}
