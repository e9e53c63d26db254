package org.ntpclock.codec.server;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.ntpclock.core.TimeSource;

/**
 * The JDK UDP transport for an {@link NtpResponder}: worker threads, each blocking on its own
 * {@link DatagramChannel} bound to the same address and port with {@code SO_REUSEPORT} so the
 * kernel spreads clients over them (falling back to one channel shared by every worker where the
 * option is unsupported).
 *
 * <p>Per datagram a worker takes the receive timestamp from the {@link TimeSource} as soon as
 * {@code receive} returns (the JDK offers no kernel receive timestamps, so the stamp includes the
 * thread's wake-up latency), lets the responder write the reply (its transmit timestamp read last)
 * into a direct buffer it owns, and sends it back to the sender's address and port. Buffers are
 * allocated once per worker; counters are primitive per-worker arrays.
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
  private static final Verdict[] VERDICTS = Verdict.values();

  private final NtpResponder responder;
  private final TimeSource timeSource;
  private final List<DatagramChannel> channels;
  private final List<Worker> workers;
  private final InetSocketAddress localAddress;
  private final boolean reusePort;
  private final Duration shutdownTimeout;
  private volatile boolean running = true;

  private NtpServer(Builder b) throws IOException {
    this.responder = b.responder;
    this.timeSource = responder.timeSource();
    this.shutdownTimeout = b.shutdownTimeout;
    List<DatagramChannel> opened = new ArrayList<>();
    try {
      DatagramChannel first = open(b.bindAddress);
      opened.add(first);
      boolean canReuse = b.reusePort && first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
      if (canReuse) {
        first.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      }
      configure(first, b);
      first.bind(new InetSocketAddress(b.bindAddress, b.port));
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
    } catch (IOException | RuntimeException e) {
      for (DatagramChannel ch : opened) {
        closeQuietly(ch);
      }
      throw e;
    }
    List<Worker> list = new ArrayList<>();
    for (int i = 0; i < b.workers; i++) {
      DatagramChannel ch = channels.get(reusePort ? i : 0);
      Worker w = new Worker(ch, "ntpclock-ntp-" + localAddress.getPort() + "-" + i);
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
   * The number of worker threads.
   *
   * @return the count
   */
  public int workerCount() {
    return workers.size();
  }

  /**
   * The worker threads (for diagnostics, e.g. per-thread allocation counters).
   *
   * @return the threads, in worker order
   */
  public List<Thread> workerThreads() {
    List<Thread> threads = new ArrayList<>();
    for (Worker w : workers) {
      threads.add(w.thread);
    }
    return threads;
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
    Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    for (Verdict v : VERDICTS) {
      verdicts.put(v, sums[v.ordinal()]);
    }
    return new ServerStats(sums[RECEIVED], verdicts, sums[SEND_ERRORS], sums[RECEIVE_ERRORS], sums[INTERNAL_ERRORS]);
  }

  /**
   * Stops the workers and releases the port. Waits at most the shutdown timeout for the workers to
   * finish the datagram at hand; idempotent.
   */
  @Override
  public void close() {
    running = false;
    for (DatagramChannel ch : channels) {
      closeQuietly(ch);
    }
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    for (Worker w : workers) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          w.thread.join(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (w.thread.isAlive()) {
        w.thread.interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "NtpServer{" + localAddress + ", workers=" + workers.size() + ", reusePort=" + reusePort
        + ", running=" + running + "}";
  }

  private static DatagramChannel open(InetAddress bindAddress) throws IOException {
    return DatagramChannel.open(bindAddress instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
  }

  private static void configure(DatagramChannel ch, Builder b) throws IOException {
    ch.configureBlocking(true);
    if (b.receiveBufferBytes > 0) {
      ch.setOption(StandardSocketOptions.SO_RCVBUF, b.receiveBufferBytes);
    }
  }

  private static void closeQuietly(DatagramChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // Closing on shutdown: nothing more to do with this channel.
    }
  }

  private final class Worker implements Runnable {
    private final DatagramChannel channel;
    private final Thread thread;
    private final AtomicLongArray counters = new AtomicLongArray(COUNTERS);
    // One byte more than the longest accepted request: a full buffer means "too long, maybe truncated".
    private final ByteBuffer in = ByteBuffer.allocateDirect(NtpResponder.MAX_REQUEST_LENGTH + 1);
    private final ByteBuffer out = ByteBuffer.allocateDirect(NtpResponder.MAX_REQUEST_LENGTH);
    private SocketAddress lastSender;
    private long senderHigh;
    private long senderLow;

    Worker(DatagramChannel channel, String name) {
      this.channel = channel;
      this.thread = new Thread(this, name);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        in.clear();
        SocketAddress sender;
        long receiveBits;
        try {
          sender = channel.receive(in);
          receiveBits = timeSource.nowBits();
        } catch (ClosedChannelException e) {
          return;
        } catch (IOException e) {
          increment(RECEIVE_ERRORS);
          continue;
        }
        if (sender == null) {
          continue;
        }
        increment(RECEIVED);
        in.flip();
        if (in.remaining() > NtpResponder.MAX_REQUEST_LENGTH) {
          increment(Verdict.DROPPED_TOO_LONG.ordinal());
          continue;
        }
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
          continue;
        }
        // Counted before the send, so a client that has the reply also sees it in stats().
        increment(verdict.ordinal());
        if (verdict.isAnswered()) {
          try {
            channel.send(out, sender);
          } catch (ClosedChannelException e) {
            return;
          } catch (IOException e) {
            increment(SEND_ERRORS);
          }
        }
      }
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
     * Sets whether each worker gets its own {@code SO_REUSEPORT} channel (default true; ignored
     * where unsupported). Note that on Linux any process of the same user may then bind the port too.
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
     * Binds the port and starts the workers.
     *
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public NtpServer start() throws IOException {
      checkState(responder != null, "responder");
      return new NtpServer(this);
    }
  }
}
