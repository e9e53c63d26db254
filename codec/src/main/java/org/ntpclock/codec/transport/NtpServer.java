package org.ntpclock.codec.transport;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;
import static org.ntpclock.core.internal.Preconditions.checkState;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.ntpclock.codec.server.AccessList;
import org.ntpclock.codec.server.AddressBits;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.server.RateLimiter;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.Ticker;
import org.ntpclock.core.TimeSource;

/**
 * A UDP server for an {@link NtpResponder} on one of two {@linkplain Transport transports}: the FFM
 * transport (Linux, JDK 22+, from the multi-release jar's JDK 22 layer) whose receive timestamps
 * are the kernel's, chosen automatically where it is available, else the JDK channel transport
 * described below; {@link Builder#transport(Transport)} chooses explicitly, and {@link #stats()}
 * and {@link #transport()} say which runs.
 *
 * <p>The JDK channel transport: worker threads, each blocking on its own
 * {@link DatagramChannel} bound to the same address and port with {@code SO_REUSEPORT} so the
 * kernel spreads clients over them (falling back to one channel shared by every worker where the
 * option is unsupported or turned off). The group binds only a port nobody else holds, port 0
 * included ({@link Builder#reusePort(boolean)}); a single worker binds one socket without the option.
 *
 * <p>Per datagram a worker takes the receive timestamp from the {@link TimeSource} as soon as
 * {@code receive} returns, lets the responder write the reply (its transmit timestamp read last)
 * into a direct buffer it owns, and sends it back to the sender's address and port. Buffers are
 * allocated once per worker; counters are primitive per-worker arrays.
 *
 * <p>Receive timestamps. The JDK offers no kernel receive timestamps ({@code SO_TIMESTAMP}), so
 * the stamp is late by the time from the datagram's arrival to the return of {@code receive}. With
 * the default blocking receive that includes waking the worker thread: tens to a hundred and more
 * microseconds on a virtual machine, which a client sees as the server being ahead by about half
 * of it and as a longer round trip. {@link Builder#busyPoll(Duration)} trades CPU for most of that:
 * its workers poll a non-blocking channel while datagrams keep coming, so a datagram is stamped a
 * few microseconds after it arrives, provided each spinning worker has a core to itself.
 *
 * <p>Allocation on the steady path: none in this class or the responder. What remains is inside
 * the JDK: {@link DatagramChannel#receive} returns the sender as an {@link InetSocketAddress},
 * which the JDK caches and reuses while consecutive datagrams come from the same address and port,
 * and allocates anew (an {@code InetSocketAddress} and an {@code InetAddress})
 * when the sender changes. The worker converts a sender to its two-long form once and reuses the
 * result while the JDK hands back the same object. A flood from many distinct source ports
 * therefore costs a couple of small short-lived objects per datagram. The {@link TimeSource} may
 * allocate too: {@link org.ntpclock.core.SystemTimeSource} reads an {@code Instant} per timestamp.
 * With one client and an allocation-free time source a worker allocates nothing per datagram
 * (a counted test).
 *
 * <p>Errors. A worker survives every error: it counts it ({@link ServerStats}), logs it with its
 * exception through {@link System.Logger} {@code org.ntpclock.codec.transport.NtpServer} at WARNING
 * (at most {@value #ERROR_LOG_BURST} per minute; the next message says how many were suppressed),
 * and tells the {@link Builder#errorListener(ServerErrorListener) error listener}, if any, about
 * each one; both transports report alike.
 *
 * <p>{@link #close()} stops the workers within the shutdown timeout and releases the port.
 * {@link #stats()} may be called at any time from any thread.
 *
 * <pre>{@code
 * NtpResponder responder = NtpResponder.builder(SystemTimeSource.create())
 *     .rateLimiter(RateLimiter.builder().interval(3).burst(8).build())   // optional, chrony-style
 *     .accessList(AccessList.defaultDeny().allow("192.168.0.0/16").build())
 *     .build();
 * try (NtpServer server = NtpServer.builder(responder)
 *     .bindAddress(InetAddress.getByName("0.0.0.0")).port(123).start()) {
 *   ...
 *   ServerStats stats = server.stats();
 * }
 * }</pre>
 */
public final class NtpServer implements AutoCloseable {
  private static final int RECEIVED = Verdict.values().length;
  private static final int SEND_ERRORS = RECEIVED + 1;
  private static final int RECEIVE_ERRORS = RECEIVED + 2;
  private static final int INTERNAL_ERRORS = RECEIVED + 3;
  private static final int COUNTERS = RECEIVED + 4;
  // Not part of ServerStats: how often a busy-polling worker parked (a diagnostic for tests).
  private static final int PARKS = COUNTERS;
  private static final Verdict[] VERDICTS = Verdict.values();
  // Outcomes of Worker.receiveAndServe.
  private static final int ACTIVE = 0;
  private static final int EMPTY = 1;
  private static final int STOPPED = 2;
  // select(Consumer) without the selected-key set: waking up allocates nothing.
  private static final Consumer<SelectionKey> IGNORE_KEY = key -> { };

  /** At most this many worker errors are logged per minute, so a flood cannot fill a disk. */
  static final int ERROR_LOG_BURST = WorkerErrors.LOG_BURST;

  /** The longest spin {@link Builder#busyPoll(Duration)} accepts. */
  public static final Duration MAX_BUSY_POLL = Duration.ofMinutes(1);

  private final NtpResponder responder;
  private final TimeSource timeSource;
  private final List<DatagramChannel> channels;
  private final List<Worker> workers;
  private final InetSocketAddress localAddress;
  private final boolean reusePort;
  private final Duration shutdownTimeout;
  private final Duration busyPoll;
  private final Transport transport;
  // The FFM transport's workers, or null on the JDK channel transport.
  private final ServerTransport ffm;
  private final WorkerErrors errors;
  private volatile boolean running = true;

  private NtpServer(Builder b, Transport transport) throws IOException {
    this.responder = b.responder;
    this.timeSource = responder.timeSource();
    this.shutdownTimeout = b.shutdownTimeout;
    this.busyPoll = b.busyPoll;
    this.errors = WorkerErrors.of(b.errorListener, b.errorLogTicker);
    this.transport = transport;
    if (transport == Transport.FFM) {
      this.ffm = FfmSupport.provider().startServer(new ServerConfig(responder, b.bindAddress, b.port, b.workers,
          b.reusePort, b.receiveBufferBytes, b.shutdownTimeout, errors));
      this.channels = List.of();
      this.workers = List.of();
      this.localAddress = ffm.localAddress();
      this.reusePort = ffm.usesReusePort();
      return;
    }
    this.ffm = null;
    List<DatagramChannel> opened = new ArrayList<>();
    List<Selector> selectors = new ArrayList<>();
    try {
      DatagramChannel first = open(b.bindAddress);
      opened.add(first);
      // One worker needs no group, and a single socket without the option is never shared.
      boolean canReuse = b.reusePort && b.workers > 1
          && first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
      configure(first, b);
      if (canReuse) {
        first.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        first.bind(ExclusivePort.claim(b.bindAddress, b.port));
      } else {
        first.bind(new InetSocketAddress(b.bindAddress, b.port));
      }
      InetSocketAddress bound = (InetSocketAddress) first.getLocalAddress();
      if (canReuse) {
        for (int i = 1; i < b.workers; i++) {
          DatagramChannel ch = open(b.bindAddress);
          opened.add(ch);
          ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
          configure(ch, b);
          ch.bind(bound);
        }
      }
      this.reusePort = canReuse;
      this.localAddress = bound;
      this.channels = List.copyOf(opened);
      if (busyPoll != null) {
        // One selector per worker; where the channel is shared, each worker registers it with its own.
        for (int i = 0; i < b.workers; i++) {
          Selector selector = Selector.open();
          selectors.add(selector);
          channels.get(canReuse ? i : 0).register(selector, SelectionKey.OP_READ);
        }
      }
    } catch (IOException | RuntimeException e) {
      for (DatagramChannel ch : opened) {
        closeQuietly(ch);
      }
      for (Selector selector : selectors) {
        closeQuietly(selector);
      }
      throw e;
    }
    List<Worker> list = new ArrayList<>();
    for (int i = 0; i < b.workers; i++) {
      DatagramChannel ch = channels.get(reusePort ? i : 0);
      Worker w = new Worker(ch, selectors.isEmpty() ? null : selectors.get(i),
          "ntpclock-ntp-" + localAddress.getPort() + "-" + i);
      list.add(w);
    }
    this.workers = List.copyOf(list);
    for (Worker w : workers) {
      w.thread.start();
    }
  }

  /**
   * A builder for a server answering with the given responder.
   *
   * @param responder the engine
   * @return a new builder
   */
  public static Builder builder(NtpResponder responder) {
    return new Builder(checkNotNull(responder, "responder"));
  }

  /**
   * A builder for a server answering from the given source with a default responder (all
   * clients allowed, no rate limiting).
   *
   * @param timeSource the time to serve
   * @return a new builder
   */
  public static Builder builder(TimeSource timeSource) {
    return new Builder(NtpResponder.builder(timeSource).build());
  }

  /**
   * The address and port the server listens on (the actual port when built with port 0).
   *
   * @return the local address
   */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /**
   * Whether the workers have their own {@code SO_REUSEPORT} channels (false: they share one).
   *
   * @return true when the port is shared by several channels
   */
  public boolean usesReusePort() {
    return reusePort;
  }

  /**
   * The busy-poll spin the workers receive with, see {@link Builder#busyPoll(Duration)}.
   *
   * @return the spin, or empty when the workers block in {@code receive} (the default)
   */
  public Optional<Duration> busyPoll() {
    return Optional.ofNullable(busyPoll);
  }

  /**
   * The number of worker threads.
   *
   * @return the count
   */
  public int workerCount() {
    return ffm != null ? ffm.workerThreads().size() : workers.size();
  }

  /**
   * The worker threads (for diagnostics, e.g. per-thread allocation counters).
   *
   * @return the threads, in worker order
   */
  public List<Thread> workerThreads() {
    if (ffm != null) {
      return ffm.workerThreads();
    }
    List<Thread> threads = new ArrayList<>();
    for (Worker w : workers) {
      threads.add(w.thread);
    }
    return threads;
  }

  /**
   * The transport the server runs on.
   *
   * @return {@link Transport#FFM} or {@link Transport#JDK_CHANNEL}
   */
  public Transport transport() {
    return transport;
  }

  /**
   * Where the receive timestamps (T2) come from: the kernel on the FFM transport, user space on
   * the JDK channel transport.
   *
   * @return the timestamp source
   */
  public ReceiveTimestamps receiveTimestamps() {
    return transport.receiveTimestamps();
  }

  /**
   * The engine.
   *
   * @return the responder
   */
  public NtpResponder responder() {
    return responder;
  }

  /**
   * Whether the server is still serving.
   *
   * @return false after {@link #close()}
   */
  public boolean isRunning() {
    return running;
  }

  /**
   * A snapshot of the counters.
   *
   * @return the counts since start
   */
  public ServerStats stats() {
    long[] sums = new long[COUNTERS];
    for (Worker w : workers) {
      for (int i = 0; i < COUNTERS; i++) {
        sums[i] += w.counters.getAcquire(i);
      }
    }
    if (ffm != null) {
      // WorkerCounters has the same slot order as this class's counters.
      for (WorkerCounters c : ffm.counters()) {
        for (int i = 0; i < COUNTERS; i++) {
          sums[i] += c.get(i);
        }
      }
    }
    Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    for (Verdict v : VERDICTS) {
      verdicts.put(v, sums[v.ordinal()]);
    }
    return new ServerStats(sums[RECEIVED], verdicts, sums[SEND_ERRORS], sums[RECEIVE_ERRORS], sums[INTERNAL_ERRORS],
        transport, transport.receiveTimestamps());
  }

  /** How often busy-polling workers have parked since start (0 without busy-poll); for tests. */
  long parkCount() {
    long sum = 0;
    for (Worker w : workers) {
      sum += w.counters.getAcquire(PARKS);
    }
    return sum;
  }

  /**
   * Stops the workers and releases the port. Waits at most the shutdown timeout for the workers to
   * finish the datagram at hand; idempotent.
   */
  @Override
  public void close() {
    running = false;
    if (ffm != null) {
      ffm.close();
      return;
    }
    for (DatagramChannel ch : channels) {
      closeQuietly(ch);
    }
    // Wakes parked workers; and a closed channel registered with a selector keeps its socket
    // (and the port) until it is deregistered, which closing the selector does.
    for (Worker w : workers) {
      if (w.selector != null) {
        closeQuietly(w.selector);
      }
    }
    List<Thread> threads = workerThreads();
    if (!WorkerErrors.join(threads, shutdownTimeout)) {
      for (Thread thread : threads) {
        if (thread.isAlive()) {
          thread.interrupt();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "NtpServer{" + localAddress + ", " + transport + ", workers=" + workerCount() + ", reusePort=" + reusePort
        + (busyPoll == null ? "" : ", busyPoll=" + busyPoll) + ", running=" + running + "}";
  }

  private static DatagramChannel open(InetAddress bindAddress) throws IOException {
    return DatagramChannel.open(bindAddress instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
  }

  private static void configure(DatagramChannel ch, Builder b) throws IOException {
    ch.configureBlocking(b.busyPoll == null);
    if (b.receiveBufferBytes > 0) {
      ch.setOption(StandardSocketOptions.SO_RCVBUF, b.receiveBufferBytes);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // Closing on shutdown: nothing more to do with it.
    }
  }

  private final class Worker implements Runnable {
    private final DatagramChannel channel;
    private final Selector selector;
    private final Thread thread;
    private final AtomicLongArray counters = new AtomicLongArray(COUNTERS + 1);
    // One byte more than the longest accepted request: a full buffer means "too long, maybe truncated".
    private final ByteBuffer in = ByteBuffer.allocateDirect(NtpResponder.MAX_REQUEST_LENGTH + 1);
    private final ByteBuffer out = ByteBuffer.allocateDirect(NtpResponder.MAX_REQUEST_LENGTH);
    private SocketAddress lastSender;
    private long senderHigh;
    private long senderLow;

    Worker(DatagramChannel channel, Selector selector, String name) {
      this.channel = channel;
      this.selector = selector;
      this.thread = new Thread(this, name);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      if (selector == null) {
        receiveBlocking();
      } else {
        receiveBusyPolling(busyPoll.toNanos());
      }
    }

    private void receiveBlocking() {
      while (running && receiveAndServe() != STOPPED) {
        // Each call blocks in receive until a datagram arrives or the channel is closed.
      }
    }

    /**
     * Polls the non-blocking channel; after {@code spinNanos} without a datagram parks in the
     * selector until the next one arrives (or close() closes the selector), then polls again.
     */
    private void receiveBusyPolling(long spinNanos) {
      boolean idle = false;
      long idleSince = 0;
      while (running) {
        int outcome = receiveAndServe();
        if (outcome == STOPPED) {
          return;
        }
        if (outcome == ACTIVE) {
          // No clock read for the spin here: the idle period starts at the next empty poll.
          idle = false;
          continue;
        }
        long now = System.nanoTime();
        if (!idle) {
          idle = true;
          idleSince = now;
        } else if (now - idleSince >= spinNanos) {
          if (!park()) {
            return;
          }
          idle = false;
          continue;
        }
        Thread.onSpinWait();
      }
    }

    /**
     * One receive, stamped as soon as it returns, and its answer: {@link #ACTIVE} when a datagram
     * (or a counted error) was handled, {@link #EMPTY} when a non-blocking receive found nothing,
     * {@link #STOPPED} once the channel is closed.
     */
    private int receiveAndServe() {
      in.clear();
      SocketAddress sender;
      long receiveBits;
      try {
        sender = channel.receive(in);
        if (sender == null) {
          return EMPTY;
        }
        receiveBits = timeSource.nowBits();
      } catch (ClosedChannelException e) {
        return STOPPED;
      } catch (IOException e) {
        increment(RECEIVE_ERRORS);
        report(ServerErrorListener.Kind.RECEIVE, e);
        return ACTIVE;
      } catch (RuntimeException e) {
        // A time source that cannot be read (an unreadable RTC) must not kill the worker: the
        // datagram is counted as received and failed, and left unanswered.
        increment(RECEIVED);
        increment(INTERNAL_ERRORS);
        report(ServerErrorListener.Kind.INTERNAL, e);
        return ACTIVE;
      }
      return serve(sender, receiveBits) ? ACTIVE : STOPPED;
    }

    /** Waits in the selector until the channel is readable; false once the server is closed. */
    private boolean park() {
      increment(PARKS);
      try {
        selector.select(IGNORE_KEY);
        return true;
      } catch (ClosedSelectorException e) {
        return false;
      } catch (IOException e) {
        // Counted; the worker polls again and parks after the next spin.
        increment(RECEIVE_ERRORS);
        report(ServerErrorListener.Kind.RECEIVE, e);
        return true;
      }
    }

    /** Answers one received datagram; false when the channel has been closed. */
    private boolean serve(SocketAddress sender, long receiveBits) {
      increment(RECEIVED);
      in.flip(); // one octet more than the longest request: the responder sees a datagram too long
      if (sender != lastSender) {
        InetAddress address = ((InetSocketAddress) sender).getAddress();
        senderHigh = AddressBits.high(address);
        senderLow = AddressBits.low(address);
        lastSender = sender;
      }
      out.clear();
      Verdict verdict;
      try {
        verdict = responder.respond(in, receiveBits, senderHigh, senderLow, out);
      } catch (RuntimeException e) {
        // A failing TimeSource or a bug must not kill the worker: count it and serve on.
        increment(INTERNAL_ERRORS);
        report(ServerErrorListener.Kind.INTERNAL, e);
        return true;
      }
      // Counted before the send, so a client that has the reply also sees it in stats().
      increment(verdict.ordinal());
      if (verdict.isAnswered()) {
        try {
          // In busy-poll mode the channel is non-blocking: a full send buffer sends nothing (0)
          // instead of waiting, and the reply counts as a failed send.
          if (channel.send(out, sender) == 0) {
            increment(SEND_ERRORS);
            report(ServerErrorListener.Kind.SEND, new IOException("send buffer full: reply to " + sender + " not sent"));
          }
        } catch (ClosedChannelException e) {
          return false;
        } catch (IOException e) {
          increment(SEND_ERRORS);
          report(ServerErrorListener.Kind.SEND, e);
        }
      }
      return true;
    }

    private void report(ServerErrorListener.Kind kind, Throwable error) {
      errors.report(localAddress, kind, error);
    }

    private void increment(int index) {
      // Single writer per array: a plain read and a release store are enough for readers of stats().
      counters.setRelease(index, counters.getPlain(index) + 1);
    }
  }

  /** Configures and starts an {@link NtpServer}. Not thread-safe. */
  public static final class Builder {
    private final NtpResponder responder;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = 123;
    private int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private boolean reusePort = true;
    private int receiveBufferBytes;
    private Duration shutdownTimeout = Duration.ofSeconds(2);
    private Duration busyPoll;
    private Transport transport;
    private ServerErrorListener errorListener;
    private Ticker errorLogTicker = Ticker.system();

    private Builder(NtpResponder responder) {
      this.responder = responder;
    }

    /**
     * Sets the local address to bind (default the loopback address; use a wildcard address such
     * as {@code 0.0.0.0} or {@code ::} to serve a network).
     *
     * @param address the address
     * @return this builder
     */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = checkNotNull(address, "address");
      return this;
    }

    /**
     * Sets the UDP port (default 123; 0 picks an ephemeral port, see {@link #localAddress()}).
     *
     * @param port 0..65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int port) {
      checkArgument(port >= 0 && port <= 65535, "port out of range 0..65535: %s", port);
      this.port = port;
      return this;
    }

    /**
     * Sets the number of worker threads (default the number of processors, at most 4).
     *
     * @param count 1..256
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder workers(int count) {
      checkArgument(count >= 1 && count <= 256, "workers out of range 1..256: %s", count);
      this.workers = count;
      return this;
    }

    /**
     * Sets whether each of several workers gets its own {@code SO_REUSEPORT} channel (default true;
     * ignored where unsupported and for one worker, which binds a single socket without it). The
     * port must be free when the server starts, port 0 included: one held by any other socket is
     * a {@link java.net.BindException}, not shared. A socket of the same user bound later with
     * {@code SO_REUSEPORT} can still join the group on Linux; false closes that too, at the cost of
     * the workers sharing one channel.
     *
     * @param enabled false to share one channel between the workers
     * @return this builder
     */
    public Builder reusePort(boolean enabled) {
      this.reusePort = enabled;
      return this;
    }

    /**
     * Sets {@code SO_RCVBUF} of each channel (default: the operating system's).
     *
     * @param bytes 0 for the system default, else the requested size
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder receiveBufferBytes(int bytes) {
      checkArgument(bytes >= 0, "receive buffer must not be negative: %s", bytes);
      this.receiveBufferBytes = bytes;
      return this;
    }

    /**
     * Sets how long {@link NtpServer#close()} waits for the workers (default 2 s).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder shutdownTimeout(Duration timeout) {
      checkNotNull(timeout, "timeout");
      checkArgument(!timeout.isNegative() && !timeout.isZero(), "shutdown timeout must be positive: %s", timeout);
      this.shutdownTimeout = timeout;
      return this;
    }

    /**
     * Makes the workers busy-poll for datagrams instead of blocking in {@code receive} (default:
     * off, the workers block). Each worker polls its non-blocking channel in a tight loop
     * ({@link Thread#onSpinWait()} between empty polls) until {@code spin} has passed without a
     * datagram, then parks in a {@link Selector} until the next datagram arrives, and spins again.
     * {@link NtpServer#close()} stops spinning and parked workers alike.
     *
     * <p>Why: the receive timestamp is read when {@code receive} returns. A blocked worker must
     * first be woken by the kernel and scheduled, which on a virtual machine takes tens to over a
     * hundred microseconds, so clients see the server ahead by about half of that and a longer
     * round trip; a spinning worker that has a core to itself picks the datagram up within a few
     * microseconds.
     *
     * <p>Cost: <b>while it spins, each worker keeps one CPU core 100 % busy</b>, for up to
     * {@code spin} after every datagram, taking that core from everything else on the machine;
     * under steady traffic that is one core per worker all the time. Use it on a machine with
     * cores to spare, with few workers, and a spin just longer than the gap between requests
     * (a client polling every 64 s is not worth a core).
     *
     * <p>What it cannot fix: the first datagram after an idle period longer than {@code spin}
     * still pays the wake-up (as does every datagram of clients polling less often than
     * {@code spin}); the stamp is still taken in user space, after the kernel's receive path and
     * the copy, never at the wire as a kernel or hardware timestamp would be; and the transmit side
     * (the time between the transmit timestamp and the datagram leaving) is unchanged. Nor does it
     * help when the cores are oversubscribed (more spinning workers than free cores, or other busy
     * processes): a thread that is always runnable loses the scheduler's preference for threads
     * waking from sleep, so a preempted spinning worker can be later than a blocked one would
     * have been, and its spinning slows the other processes, the clients on the same machine
     * included. Where the shared-channel fallback is used (no {@code SO_REUSEPORT}), one datagram
     * wakes every parked worker and all of them spin.
     *
     * @param spin how long a worker keeps polling after the last datagram before it parks; positive
     *     and at most {@link NtpServer#MAX_BUSY_POLL} (1 minute); nanosecond precision
     * @return this builder
     * @throws IllegalArgumentException if not positive or longer than {@link NtpServer#MAX_BUSY_POLL}
     */
    public Builder busyPoll(Duration spin) {
      checkNotNull(spin, "spin");
      checkArgument(!spin.isNegative() && !spin.isZero(), "busy-poll spin must be positive: %s", spin);
      checkArgument(spin.compareTo(MAX_BUSY_POLL) <= 0, "busy-poll spin must be at most %s: %s", MAX_BUSY_POLL, spin);
      this.busyPoll = spin;
      return this;
    }

    /**
     * Chooses the transport (default: {@link Transport#best()}, the FFM transport where it is
     * available, except with {@link #busyPoll(Duration)}, a JDK channel option).
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(Transport transport) {
      this.transport = checkNotNull(transport, "transport");
      return this;
    }

    /**
     * Sets a listener told about every error a worker survives, with its exception (default none;
     * the errors are counted and logged, rate-limited, either way, on both transports).
     *
     * @param listener the listener, called on worker threads; null for none
     * @return this builder
     */
    public Builder errorListener(ServerErrorListener listener) {
      this.errorListener = listener;
      return this;
    }

    /** Test hook: the monotonic time the error log's rate limit runs on. */
    Builder errorLogTicker(Ticker ticker) {
      this.errorLogTicker = checkNotNull(ticker, "ticker");
      return this;
    }

    /**
     * Binds the port and starts the workers.
     *
     * @return the running server
     * @throws IOException if the address cannot be bound
     * @throws IllegalStateException if {@link Transport#FFM} was chosen where it is unavailable
     *     (the message says why), or together with busy-poll
     */
    public NtpServer start() throws IOException {
      checkState(responder != null, "responder");
      Transport chosen = transport != null ? transport : busyPoll != null ? Transport.JDK_CHANNEL : Transport.best();
      if (chosen == Transport.FFM) {
        checkState(busyPoll == null, "busy-poll is a JDK channel option; the FFM transport has kernel timestamps");
        checkState(Transport.FFM.isAvailable(), "FFM transport unavailable: %s", Transport.FFM.unavailableReason());
      }
      return new NtpServer(this, chosen);
    }
  }
}
