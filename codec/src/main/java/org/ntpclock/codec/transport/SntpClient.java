package org.ntpclock.codec.transport;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.client.ClientExchange;
import org.ntpclock.codec.client.ExchangeFailure;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.client.ExchangeSettings;
import org.ntpclock.codec.client.FailureReason;
import org.ntpclock.codec.client.Selection;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.core.Ticker;

/**
 * A blocking SNTP client over JDK {@link DatagramChannel}s that does what the Commons Net client
 * does not (peers.md CN-8 to CN-10): a mandatory timeout, retries with a doubling timeout, a fresh
 * socket on a random ephemeral port for every request (RFC 9109), every resolved address tried in
 * turn, full reply validation through {@link ClientExchange}, and the polling rules of RFC 4330
 * section 10 for repeated use:
 *
 * <ul>
 *   <li>a server is never queried more often than every 15 s (the minimum poll interval), unless
 *       the caller opts out with {@link Builder#allowFastPollingForTests()}; a query made too soon
 *       returns {@link FailureReason#POLL_TOO_SOON} at once, without sending anything. A reply
 *       whose poll field asks for a longer interval raises the floor (as chrony's servers use it
 *       to slow clients down);
 *   <li>a kiss-o'-death RATE starts a back-off: the server is not queried again until the back-off
 *       has passed ({@link FailureReason#RATE_BACKOFF}); it starts at 16 s or the minimum poll
 *       interval, whichever is larger, and doubles with every further RATE, up to 2<sup>17</sup> s
 *       (RFC 5905 MAXPOLL); a good reply resets it;
 *   <li>a kiss-o'-death DENY or RSTR demobilizes the server: every later query to it fails at once
 *       with {@link FailureReason#SERVER_DEMOBILIZED}.
 * </ul>
 *
 * <p>Poll bookkeeping uses the injected monotonic ticker, per resolved address and port. Several
 * servers are combined with {@link #queryAll(List)}, which applies {@link Selection}.
 * Thread-safe: queries may run concurrently (the per-server state is guarded).
 *
 * <pre>{@code
 * SntpClient client = SntpClient.builder(Duration.ofSeconds(2)).build();
 * ExchangeResult result = client.query("pool.ntp.org");
 * if (result instanceof TimeSample sample) {
 *   Duration offset = sample.offset().toDuration();   // exact, nanoseconds
 * } else {
 *   ExchangeFailure failure = (ExchangeFailure) result; // failure.reason(); details on its variant, e.g. KissOfDeath
 * }
 * }</pre>
 */
public final class SntpClient {
  /** RFC 4330 section 10: never poll a server more often than this. */
  public static final Duration MINIMUM_POLL_INTERVAL = Duration.ofSeconds(15);
  /** The first kiss-o'-death RATE back-off (2<sup>MINPOLL</sup>, RFC 5905 section 7.2). */
  public static final Duration INITIAL_RATE_BACKOFF = Duration.ofSeconds(16);
  /** The longest back-off (2<sup>MAXPOLL</sup> s, 36.4 hours). */
  public static final Duration MAXIMUM_BACKOFF = Duration.ofSeconds(1L << 17);
  /** The default NTP port. */
  public static final int NTP_PORT = 123;

  private static final int MAX_POLL_EXPONENT = 17;

  private final Duration timeout;
  private final Duration maxTimeout;
  private final int retries;
  private final long minimumPollNanos;
  private final boolean fastPolling;
  private final ExchangeSettings settings;
  private final Ticker ticker;
  private final HostResolver resolver;
  private final Map<InetSocketAddress, ServerState> states = new HashMap<>();

  private SntpClient(Builder b) {
    this.timeout = b.timeout;
    this.maxTimeout = b.maxTimeout;
    this.retries = b.retries;
    this.minimumPollNanos = b.minimumPollInterval.toNanos();
    this.fastPolling = b.fastPolling;
    this.settings = b.settings;
    this.ticker = settings.ticker();
    this.resolver = b.resolver;
  }

  /** Resolves a host name to the addresses to try, in order. */
  @FunctionalInterface
  public interface HostResolver {
    /**
     * The addresses of a host.
     *
     * @param host a host name or address literal
     * @return its addresses, in the order to try them; at least one
     * @throws UnknownHostException if it does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * The JDK's resolver, {@link InetAddress#getAllByName(String)}.
     *
     * @return the system resolver
     */
    static HostResolver system() {
      return host -> List.of(InetAddress.getAllByName(host));
    }
  }

  /**
   * A builder; the timeout is mandatory (a client that can wait forever is the Commons Net bug
   * CN-10).
   *
   * @param timeout how long to wait for the first reply; each retry doubles it, up to 8 times it
   * @return a new builder
   * @throws IllegalArgumentException if the timeout is not positive or longer than a minute
   */
  public static Builder builder(Duration timeout) {
    return new Builder(timeout);
  }

  /**
   * Queries a server named the way people write one: {@code host}, {@code host:port}, an IPv6
   * literal ({@code ::1}) or a bracketed one with a port ({@code [::1]:12300}). Without a port,
   * the NTP port (123).
   *
   * @param server the server; every address its host resolves to is tried in turn
   * @return a sample, or the failure of the last address tried
   * @throws IllegalArgumentException if the text is empty, a bracket is unclosed, or the port is
   *     not a number in 1..65535
   */
  public ExchangeResult query(String server) {
    return query(parseServer(checkNotNull(server, "server")));
  }

  /**
   * Queries a server on the given port.
   *
   * @param host a host name or address literal (an IPv6 literal without brackets); every address
   *     it resolves to is tried in turn
   * @param port the UDP port, 1..65535
   * @return a sample, or the failure of the last address tried
   * @throws IllegalArgumentException if the port is out of range or the host is empty
   */
  public ExchangeResult query(String host, int port) {
    checkNotNull(host, "host");
    checkArgument(!host.isEmpty(), "empty host");
    checkArgument(port >= 1 && port <= 65_535, "port out of range 1..65535: %s", port);
    return query(InetSocketAddress.createUnresolved(host, port));
  }

  /**
   * Splits {@code host}, {@code host:port}, a bare IPv6 literal or {@code [v6]:port} into an
   * unresolved address; the NTP port when none is given.
   *
   * @param text the server as written
   * @return the unresolved address
   * @throws IllegalArgumentException if it is not one of those forms
   */
  static InetSocketAddress parseServer(String text) {
    String host = text;
    int port = NTP_PORT;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      checkArgument(close > 1, "unclosed or empty bracket in server '%s'", text);
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        checkArgument(rest.startsWith(":"), "expected ':port' after ']' in server '%s'", text);
        port = parsePort(rest.substring(1), text);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = parsePort(text.substring(text.indexOf(':') + 1), text);
    }
    checkArgument(!host.isEmpty(), "no host in server '%s'", text);
    return InetSocketAddress.createUnresolved(host, port);
  }

  private static int parsePort(String digits, String text) {
    boolean ok = !digits.isEmpty() && digits.length() <= 5 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    int port = ok ? Integer.parseInt(digits) : -1;
    checkArgument(port >= 1 && port <= 65_535, "port must be 1..65535 in server '%s'", text);
    return port;
  }

  /**
   * Queries a server.
   *
   * @param server a resolved address, or an unresolved host name and port whose addresses are
   *     tried in turn
   * @return a sample, or the failure of the last address tried
   */
  public ExchangeResult query(InetSocketAddress server) {
    checkNotNull(server, "server");
    List<InetSocketAddress> addresses;
    try {
      addresses = resolve(server);
    } catch (UnknownHostException e) {
      return new ExchangeFailure.Plain(FailureReason.UNRESOLVED, server);
    }
    ExchangeResult last = null;
    for (InetSocketAddress address : addresses) {
      last = queryAddress(address);
      if (last.isSuccess()) {
        return last;
      }
    }
    return last;
  }

  /**
   * Queries several servers, one after the other, and combines the samples with
   * {@link Selection#select}, so that a minority of falsetickers cannot move the answer.
   *
   * @param servers the servers (resolved or not), each queried as by {@link #query(InetSocketAddress)}
   * @return the samples, the failures and the selection
   */
  public MultiServerResult queryAll(List<InetSocketAddress> servers) {
    checkNotNull(servers, "servers");
    List<TimeSample> samples = new ArrayList<>();
    List<ExchangeFailure> failures = new ArrayList<>();
    for (InetSocketAddress server : servers) {
      ExchangeResult r = query(server);
      if (r instanceof TimeSample) {
        samples.add((TimeSample) r);
      } else {
        failures.add((ExchangeFailure) r);
      }
    }
    return new MultiServerResult(samples, failures, Selection.select(samples));
  }

  /**
   * How long until a server may be queried again (zero if now), for callers that schedule polls.
   *
   * @param server a resolved address and port
   * @return the wait, or empty if the server is demobilized
   */
  public Optional<Duration> nextQueryAllowedIn(InetSocketAddress server) {
    synchronized (states) {
      ServerState s = states.get(server);
      if (s == null) {
        return Optional.of(Duration.ZERO);
      }
      if (s.demobilizedBy != null) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos(Math.max(0, s.notBeforeTicks - ticker.read())));
    }
  }

  /**
   * The settings exchanges use.
   *
   * @return the settings
   */
  public ExchangeSettings settings() {
    return settings;
  }

  private List<InetSocketAddress> resolve(InetSocketAddress server) throws UnknownHostException {
    if (!server.isUnresolved()) {
      return List.of(server);
    }
    List<InetSocketAddress> list = new ArrayList<>();
    List<InetAddress> addresses = resolver.resolve(server.getHostString());
    if (addresses.isEmpty()) {
      throw new UnknownHostException(server.getHostString());
    }
    for (InetAddress a : addresses) {
      list.add(new InetSocketAddress(a, server.getPort()));
    }
    return list;
  }

  private ExchangeResult queryAddress(InetSocketAddress address) {
    ServerState state;
    synchronized (states) {
      state = states.computeIfAbsent(address, a -> new ServerState());
      long now = ticker.read();
      if (state.demobilizedBy != null) {
        return new ExchangeFailure.ServerDemobilized(address, state.demobilizedBy);
      }
      if (state.everSent && now - state.notBeforeTicks < 0) {
        Duration wait = Duration.ofNanos(state.notBeforeTicks - now);
        if (state.rateBackoffNanos > 0) {
          return new ExchangeFailure.RateBackoff(address, wait);
        }
        return new ExchangeFailure.PollTooSoon(address, wait);
      }
      state.everSent = true;
      state.notBeforeTicks = now + minimumPollNanos;
    }
    ExchangeResult result = null;
    Duration attemptTimeout = timeout;
    for (int attempt = 0; attempt <= retries; attempt++) {
      result = attempt(address, attemptTimeout);
      if (!(result instanceof ExchangeFailure) || ((ExchangeFailure) result).reason() != FailureReason.TIMEOUT) {
        break;
      }
      // RFC 4330 section 10: back off when there is no reply.
      attemptTimeout = attemptTimeout.multipliedBy(2);
      if (attemptTimeout.compareTo(maxTimeout) > 0) {
        attemptTimeout = maxTimeout;
      }
    }
    return account(address, state, result);
  }

  private ExchangeResult account(InetSocketAddress address, ServerState state, ExchangeResult result) {
    synchronized (states) {
      long now = ticker.read();
      if (result instanceof TimeSample) {
        TimeSample sample = (TimeSample) result;
        state.rateBackoffNanos = 0;
        if (!fastPolling && sample.poll() > 0) {
          long floor = Duration.ofSeconds(1L << Math.min(sample.poll(), MAX_POLL_EXPONENT)).toNanos();
          state.notBeforeTicks = Math.max(state.notBeforeTicks, now + Math.min(floor, MAXIMUM_BACKOFF.toNanos()));
        }
        return result;
      }
      if (result instanceof ExchangeFailure.KissOfDeath kod) {
        KissCode.Reaction reaction = kod.reaction();
        if (reaction == KissCode.Reaction.DEMOBILIZE) {
          state.demobilizedBy = kod.kissCode().orElse(KissCode.DENY);
        } else if (reaction == KissCode.Reaction.REDUCE_RATE) {
          long first = Math.max(INITIAL_RATE_BACKOFF.toNanos(), minimumPollNanos);
          state.rateBackoffNanos = state.rateBackoffNanos == 0
              ? first : Math.min(state.rateBackoffNanos * 2, MAXIMUM_BACKOFF.toNanos());
          state.notBeforeTicks = now + state.rateBackoffNanos;
          return kod.withRetryAfter(Duration.ofNanos(state.rateBackoffNanos));
        }
      }
      return result;
    }
  }

  private ExchangeResult attempt(InetSocketAddress address, Duration attemptTimeout) {
    ClientExchange exchange = ClientExchange.create(settings, address);
    boolean v4 = address.getAddress() instanceof Inet4Address;
    // A new channel bound to port 0 per request: the kernel picks a random ephemeral port (RFC 9109, RFC 6056).
    try (DatagramChannel channel = DatagramChannel.open(v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6)) {
      channel.bind(null);
      // Connected: the kernel drops datagrams from any other address and port, and an ICMP port
      // unreachable for the request surfaces as PortUnreachableException instead of a timeout.
      channel.connect(address);
      channel.configureBlocking(true);
      // The socket adaptor gives a blocking receive with a timeout and no selector wake-up latency,
      // so T4 is read as soon as the datagram is handed over.
      DatagramSocket socket = channel.socket();
      byte[] buffer = new byte[2048];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      ByteBuffer out = ByteBuffer.allocate(exchange.requestLength());
      exchange.writeRequest(out);
      out.flip();
      channel.write(out);
      // Socket waits run on real time whatever ticker the exchange measures with.
      long deadline = System.nanoTime() + attemptTimeout.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return exchange.timeout();
        }
        socket.setSoTimeout((int) Math.max(1, (left + 999_999) / 1_000_000));
        try {
          packet.setLength(buffer.length);
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          continue;
        } catch (PortUnreachableException e) {
          return new ExchangeFailure.Plain(FailureReason.PORT_UNREACHABLE, address);
        }
        long arrival = ticker.read();
        ExchangeResult r = exchange.receive(ByteBuffer.wrap(buffer, 0, packet.getLength()),
            (InetSocketAddress) packet.getSocketAddress(), arrival);
        if (r.isSuccess() || ((ExchangeFailure) r).isFinal()) {
          return r;
        }
      }
    } catch (IOException e) {
      return new ExchangeFailure.Plain(FailureReason.IO_ERROR, address);
    }
  }

  @Override
  public String toString() {
    return "SntpClient{timeout=" + timeout + ", retries=" + retries + ", minimumPoll="
        + Duration.ofNanos(minimumPollNanos) + ", " + settings + "}";
  }

  /** Per-address poll bookkeeping, guarded by the states map. */
  private static final class ServerState {
    boolean everSent;
    long notBeforeTicks;
    long rateBackoffNanos;
    KissCode demobilizedBy;
  }

  /**
   * The outcome of {@link #queryAll(List)}.
   *
   * @param samples the samples, in server order
   * @param failures the servers that gave none, with why
   * @param selection the combination of the samples: offset, interval, truechimers, falsetickers
   */
  public record MultiServerResult(List<TimeSample> samples, List<ExchangeFailure> failures, Selection.Result selection) {
    /**
     * Copies the lists.
     *
     * @param samples samples
     * @param failures failures
     * @param selection selection
     */
    public MultiServerResult {
      samples = List.copyOf(samples);
      failures = List.copyOf(failures);
      checkNotNull(selection, "selection");
    }
  }

  /** Configures an {@link SntpClient}. Not thread-safe. */
  public static final class Builder {
    private final Duration timeout;
    private Duration maxTimeout;
    private int retries = 2;
    private Duration minimumPollInterval = MINIMUM_POLL_INTERVAL;
    private boolean fastPolling;
    private ExchangeSettings settings = ExchangeSettings.defaults();
    private HostResolver resolver = HostResolver.system();

    private Builder(Duration timeout) {
      checkNotNull(timeout, "timeout");
      checkArgument(!timeout.isNegative() && !timeout.isZero() && timeout.compareTo(Duration.ofMinutes(1)) <= 0,
          "timeout must be positive and at most a minute: %s", timeout);
      this.timeout = timeout;
      this.maxTimeout = timeout.multipliedBy(8);
    }

    /**
     * Sets how many times a request is repeated after a timeout, each time with double the timeout
     * (default 2).
     *
     * @param count 0..10
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder retries(int count) {
      checkArgument(count >= 0 && count <= 10, "retries out of range 0..10: %s", count);
      this.retries = count;
      return this;
    }

    /**
     * Sets the minimum interval between two queries to one server (default and least 15 s, RFC
     * 4330 section 10).
     *
     * @param interval at least 15 s, unless {@link #allowFastPollingForTests()} was called
     * @return this builder
     * @throws IllegalArgumentException if shorter than allowed
     */
    public Builder minimumPollInterval(Duration interval) {
      checkNotNull(interval, "interval");
      checkArgument(fastPolling ? !interval.isNegative() : interval.compareTo(MINIMUM_POLL_INTERVAL) >= 0,
          "minimum poll interval below 15 s (RFC 4330 section 10) needs allowFastPollingForTests(): %s", interval);
      this.minimumPollInterval = interval;
      return this;
    }

    /**
     * Lifts the 15 s minimum poll interval (to zero) for tests against local servers. Kiss-o'-death
     * back-off and demobilization still apply. Never use it against servers you do not run.
     *
     * @return this builder
     */
    public Builder allowFastPollingForTests() {
      this.fastPolling = true;
      this.minimumPollInterval = Duration.ZERO;
      return this;
    }

    /**
     * Sets the exchange settings: version, clock, ticker, randomness, checks, key (default
     * {@link ExchangeSettings#defaults()}).
     *
     * @param s the settings
     * @return this builder
     */
    public Builder settings(ExchangeSettings s) {
      this.settings = checkNotNull(s, "settings");
      return this;
    }

    /**
     * Sets how host names are resolved (default {@link HostResolver#system()}).
     *
     * @param r the resolver
     * @return this builder
     */
    public Builder resolver(HostResolver r) {
      this.resolver = checkNotNull(r, "resolver");
      return this;
    }

    /**
     * The client.
     *
     * @return a new client with no history
     */
    public SntpClient build() {
      return new SntpClient(this);
    }
  }
}
