package org.ntpclock.codec.transport;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.codec.nts.NtsClientSession;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.client.ClientExchange;
import org.ntpclock.codec.client.ExchangeFailure;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.client.ExchangeSettings;
import org.ntpclock.codec.client.FailureReason;
import org.ntpclock.codec.client.Selection;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.core.Ticker;

/**
 * A blocking SNTP client (on the {@linkplain Transport#FFM FFM transport} with kernel receive
 * timestamps for T4 where available, else on JDK datagram channels) that does what the Commons Net client
 * does not (peers.md CN-8 to CN-10): a mandatory timeout, retries with a doubling timeout, a fresh
 * socket on a random ephemeral port for every request (RFC 9109), every resolved address tried in
 * turn, full reply validation through {@link ClientExchange}, and the polling rules of RFC 4330
 * section 10 for repeated use:
 *
 * <ul>
 *   <li>a server is never queried more often than every 15 s (the minimum poll interval), unless
 *       the caller opts out with {@link Builder#allowFastPollingForTests()} or allows a {@linkplain Builder#burst(int) burst}; a query made too soon
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
  /** The spacing of a {@linkplain Builder#burst(int) burst}'s queries, as RFC 5905's iburst. */
  public static final Duration BURST_SPACING = Duration.ofSeconds(2);
  /** The longest {@linkplain Builder#burst(int) burst}, as RFC 5905's iburst. */
  public static final int MAX_BURST = 8;
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
  private final boolean systemTicker;
  private final HostResolver resolver;
  private final Transport transport;
  private final int burst;
  private final Map<InetSocketAddress, ServerState> states = new HashMap<>();
  private final NtsKeClient ntsKe;
  private final Map<String, NtsAssociation> ntsAssociations = new HashMap<>();

  private SntpClient(Builder b) {
    this.timeout = b.timeout;
    this.maxTimeout = b.maxTimeout;
    this.retries = b.retries;
    this.minimumPollNanos = b.minimumPollInterval.toNanos();
    this.fastPolling = b.fastPolling;
    this.settings = b.settings;
    this.ticker = settings.ticker();
    this.systemTicker = ticker == Ticker.system();
    this.resolver = b.resolver;
    this.ntsKe = b.ntsKe;
    this.transport = b.transport;
    this.burst = b.burst;
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
   * Queries a server with Network Time Security (RFC 8915): runs NTS-KE with the host when there
   * is no session or its cookies are used up, then sends an NTS-protected request to the NTP
   * server and port the key exchange named. Only a reply whose Unique Identifier, Authenticator and
   * (once) freshness check out becomes a sample; replies that fail are ignored like forgeries
   * ({@link FailureReason#NTS_REJECTED} if no genuine one comes). An NTS NAK drops the session
   * and the key exchange runs again, once, at once.
   *
   * @param host the NTS-KE server's host name or address, as its certificate names it
   * @param ntsKePort its NTS-KE port (4460 by default)
   * @return a sample, or the failure of the NTP exchange
   * @throws NtsException if the key exchange fails (certificate, TLS, negotiation, no exporter)
   * @throws IllegalStateException if the client was built without {@link Builder#nts(NtsKeClient)}
   */
  public ExchangeResult queryNts(String host, int ntsKePort) throws NtsException {
    checkNotNull(host, "host");
    if (ntsKe == null) {
      throw new IllegalStateException("build the client with nts(NtsKeClient) to query with NTS");
    }
    NtsAssociation association;
    synchronized (ntsAssociations) {
      association = ntsAssociations.computeIfAbsent(host + " " + ntsKePort, k -> new NtsAssociation());
    }
    synchronized (association) {
      ExchangeResult result = null;
      for (int round = 0; round < 2; round++) {
        if (association.session == null || association.session.needsKeyExchange()) {
          NtsKeResult ke = ntsKe.exchange(host, ntsKePort);
          association.session = NtsClientSession.of(ke.keys(), ke.response(), settings.random());
          association.server = InetSocketAddress.createUnresolved(ke.ntpHost(), ke.ntpPort());
          association.keyExchanges++;
        }
        List<InetSocketAddress> addresses;
        try {
          addresses = resolve(association.server);
        } catch (UnknownHostException e) {
          return new ExchangeFailure.Plain(FailureReason.UNRESOLVED, association.server);
        }
        result = queryAddress(addresses.get(0), association.session);
        if (!(result instanceof ExchangeFailure) || ((ExchangeFailure) result).reason() != FailureReason.NTS_NAK) {
          return result;
        }
        association.session = null; // the NAK said our cookies are worthless: new key exchange
      }
      return result;
    }
  }

  /**
   * How many NTS key exchanges {@link #queryNts} has run with a host and port.
   *
   * @param host the NTS-KE host
   * @param ntsKePort its port
   * @return the count, 0 if never queried
   */
  public int ntsKeyExchanges(String host, int ntsKePort) {
    synchronized (ntsAssociations) {
      NtsAssociation a = ntsAssociations.get(host + " " + ntsKePort);
      return a == null ? 0 : a.keyExchanges;
    }
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
    return queryAddress(address, null);
  }

  private ExchangeResult queryAddress(InetSocketAddress address, NtsClientSession nts) {
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
      state.sent++;
      state.notBeforeTicks = now + (state.sent < burst ? Math.min(BURST_SPACING.toNanos(), minimumPollNanos) : minimumPollNanos);
    }
    ExchangeResult result = null;
    Duration attemptTimeout = timeout;
    for (int attempt = 0; attempt <= retries; attempt++) {
      result = attempt(address, attemptTimeout, nts);
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
        if (!fastPolling && state.sent >= burst && sample.poll() > 0) {
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

  private ExchangeResult attempt(InetSocketAddress address, Duration attemptTimeout, NtsClientSession nts) {
    ClientExchange exchange = ClientExchange.create(settings, address);
    boolean v4 = address.getAddress() instanceof Inet4Address;
    // A new socket bound to port 0 per request: the kernel picks a random ephemeral port (RFC 9109, RFC 6056).
    try (ClientSocket socket = ClientSockets.open(transport, v4)) {
      ByteBuffer out = ByteBuffer.allocate(exchange.requestLength());
      // Connected before the request is written (T1 read): only the send lies between them.
      socket.connect(address);
      exchange.writeRequest(out);
      out.flip();
      if (nts != null) {
        out = ByteBuffer.wrap(protect(nts, out));
      }
      socket.send(out, address);
      ExchangeFailure ntsRejection = null;
      ByteBuffer in = ByteBuffer.allocate(2048);
      // Socket waits run on real time whatever ticker the exchange measures with.
      long deadline = System.nanoTime() + attemptTimeout.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        in.clear();
        InetSocketAddress from = left > 0 ? socket.receive(in, left) : null;
        if (from == null) {
          return ntsRejection != null ? ntsRejection : exchange.timeout();
        }
        long arrival = ticker.read();
        if (systemTicker) {
          // The kernel stamped the reply's arrival this long ago (0 without kernel stamps): T4 is
          // the arrival, not the moment this thread woke up. Only the system ticker runs at the
          // real-time clock's rate; a test's ticker keeps its own reading. The age was measured
          // before this ticker read, so a pause in between makes T4 late, never before the arrival.
          arrival -= socket.arrivalAgeNanos();
        }
        if (nts != null && address.equals(from)) {
          byte[] reply = new byte[in.remaining()];
          in.duplicate().get(reply);
          try {
            nts.verify(reply);
          } catch (NtsException e) {
            if (e.reason() == NtsException.Reason.NTS_NAK) {
              return new ExchangeFailure.Nts(address, e.reason());
            }
            // Possibly forged or replayed: keep waiting for the genuine reply.
            ntsRejection = new ExchangeFailure.Nts(address, e.reason());
            continue;
          }
        }
        ExchangeResult r = exchange.receive(in, from, arrival);
        if (r.isSuccess() || ((ExchangeFailure) r).isFinal()) {
          return r;
        }
      }
    } catch (PortUnreachableException e) {
      return new ExchangeFailure.Plain(FailureReason.PORT_UNREACHABLE, address);
    } catch (IOException e) {
      return new ExchangeFailure.Plain(FailureReason.IO_ERROR, address);
    }
  }

  @Override
  public String toString() {
    return "SntpClient{timeout=" + timeout + ", retries=" + retries + ", minimumPoll="
        + Duration.ofNanos(minimumPollNanos) + (burst > 1 ? ", burst=" + burst : "") + ", " + transport + ", " + settings + "}";
  }

  /** The request the exchange wrote (48 octets), with the NTS fields appended. */
  private static byte[] protect(NtsClientSession nts, ByteBuffer request) {
    byte[] header = new byte[request.remaining()];
    request.get(header);
    try {
      return nts.protect(NtpPacket.decode(header, ParsePolicy.client()));
    } catch (NtpDecodeException | NtsException e) {
      // The exchange writes a plain header, and queryNts runs NTS-KE before cookies run out.
      throw new IllegalStateException("cannot protect our own request", e);
    }
  }

  /** One NTS-KE host's session and the NTP server it named; guarded by itself. */
  private static final class NtsAssociation {
    NtsClientSession session;
    InetSocketAddress server;
    int keyExchanges;
  }

  /** Per-address poll bookkeeping, guarded by the states map. */
  private static final class ServerState {
    boolean everSent;
    int sent;
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
    private NtsKeClient ntsKe;
    private Transport transport = Transport.best();
    private int burst = 1;

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
     * Allows a short burst when a server is first used, as RFC 5905's {@code iburst}: the first
     * {@code count} queries to each server may follow each other {@link #BURST_SPACING} (2 s)
     * apart and ignore the server's poll field; after them the minimum poll interval applies
     * again. Kiss-o'-death back-off and demobilization apply throughout. Default 1 (no burst).
     *
     * @param count 1..{@value #MAX_BURST} queries
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder burst(int count) {
      checkArgument(count >= 1 && count <= MAX_BURST, "burst out of range 1..%s: %s", MAX_BURST, count);
      this.burst = count;
      return this;
    }

    /**
     * Chooses the transport (default {@link Transport#best()}): on {@link Transport#FFM} T4 is
     * the kernel's receive stamp of the reply, with {@link Ticker#system()} as the ticker. On
     * both transports the socket is connected to the server, so a closed port is reported at once
     * as {@code PORT_UNREACHABLE}.
     *
     * @param transport the transport; {@link Transport#FFM} where unavailable falls back to the
     *     JDK channel transport
     * @return this builder
     */
    public Builder transport(Transport transport) {
      this.transport = checkNotNull(transport, "transport");
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
     * Enables {@link SntpClient#queryNts}, with this key-exchange client (its trust store, AEADs
     * and timeout).
     *
     * @param keClient the NTS-KE client
     * @return this builder
     */
    public Builder nts(NtsKeClient keClient) {
      this.ntsKe = checkNotNull(keClient, "keClient");
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
