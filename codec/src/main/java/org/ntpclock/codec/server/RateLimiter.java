package org.ntpclock.codec.server;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.security.SecureRandom;
import org.ntpclock.core.Ticker;

/**
 * Per-client response rate limiting in the manner of chrony's {@code ratelimit} directive: a token
 * bucket per client address that refills one token every 2<sup>interval</sup> seconds up to
 * {@code burst} tokens; a request that finds the bucket empty is over the limit. Of the
 * over-limit requests, one in 2<sup>leak</sup> is still answered (so a spoofed flood in a victim's
 * name cannot silence the victim completely); the rest are dropped, or answered with a
 * kiss-o'-death RATE when {@code kod} is on.
 *
 * <p><b>The leak.</b> With leak L, of the over-limit requests from one address every 2<sup>L</sup>th
 * is answered normally. That is the whole trade: under a flood spoofed in a victim's name, each of
 * the victim's own requests still has a one in 2<sup>L</sup> chance of an answer; a real flooder gets
 * its request rate divided by 2<sup>L</sup> answered (never a byte more than it sent: replies are no
 * longer than requests). The default 2 is chrony's; on a network where sources cannot be spoofed,
 * leak 0 answers a flooder nothing beyond its budget, and with {@code kod} the over-limit requests
 * that are not leaked get a 48-byte KoD RATE, which a well-behaved client obeys by backing off.
 *
 * <p><b>The table.</b> Memory is fixed whatever the number of clients: the table is an
 * open-addressing set of primitive arrays with {@code capacity} slots, keyed by a seeded hash of the
 * address (the seed is secret, so a client cannot aim at another's slot). Each address probes one
 * group of {@value #GROUP} slots; when its group is full one slot is evicted, as with chrony's
 * {@code clientloglimit}, chosen so that a flood of new (for example spoofed) addresses cannot push
 * out the clients that use the server properly: an <em>established</em> client, one that has been
 * answered within its limit at least twice over at least one interval and whose last request was
 * within its limit, is evicted only when every slot of its group is established; otherwise the least
 * recently seen slot that is not established goes. A flood of addresses that each send once never
 * becomes established, so it only recycles the slots of other newcomers. A forgotten client starts
 * again with a full bucket, except while the table is under pressure (the evicted bucket has not
 * refilled yet): then it inherits the evicted bucket, so a flood from more addresses than the table
 * holds stays limited. The price: a genuinely new client that arrives during such a flood shares the
 * flood's bucket until the flood stops or the client becomes established.
 *
 * <p>Each bucket is kept in the equivalent "theoretical arrival time" form (GCRA): one
 * {@code long} of nanoseconds on the injected {@link Ticker}, so wall-clock steps do not affect it.
 * <p>Every request over its limit is told to the {@link RateLimitListener} with what became of it
 * (dropped, KoD RATE, leaked); the default listener logs it at DEBUG, rate-limited.
 *
 * <p>Thread-safe (striped locks over the groups); {@link #check(long, long)} allocates nothing
 * (nor does the default listener while DEBUG is off).
 */
public final class RateLimiter {
  /** Slots probed per address; a power of two. */
  public static final int GROUP = 8;
  /** Smallest interval, log2 s (as chrony). */
  public static final int MIN_INTERVAL = -19;
  /** Largest interval, log2 s (as chrony). */
  public static final int MAX_INTERVAL = 12;
  /** Largest leak, log2 (one in 2<sup>16</sup> over-limit requests still answered). */
  public static final int MAX_LEAK = 16;

  /** The outcome of one request. */
  public enum Decision {
    /** Within the limit (or leaked through): answer normally. */
    PASS,
    /** Over the limit: drop silently. */
    DROP,
    /** Over the limit: answer with a kiss-o'-death RATE. */
    KOD
  }

  private static final int LOCK_STRIPES = 64;
  // Outcomes of account().
  private static final int WITHIN = 0;
  private static final int LEAKED = 1;
  private static final int OVER = 2;

  private final int interval;
  private final int burst;
  private final int leak;
  private final boolean kod;
  private final Ticker ticker;
  private final RateLimitListener listener;
  private final long intervalNanos;
  private final long toleranceNanos;
  private final int slotMask;
  private final long seedHigh;
  private final long seedLow;
  private final long[] keyHigh;
  private final long[] keyLow;
  private final long[] arrival;
  private final long[] firstSeen;
  private final long[] lastSeen;
  private final boolean[] used;
  private final boolean[] polite;
  private final int[] passes;
  private final int[] overLimit;
  private final Object[] locks;

  private RateLimiter(Builder b) {
    this.interval = b.interval;
    this.burst = b.burst;
    this.leak = b.leak;
    this.kod = b.kod;
    this.ticker = b.ticker;
    this.listener = b.listener != null ? b.listener : new RateLimitLog(b.ticker);
    this.intervalNanos = interval >= 0 ? 1_000_000_000L << interval : 1_000_000_000L >> -interval;
    this.toleranceNanos = (burst - 1) * intervalNanos;
    int capacity = b.capacity <= GROUP ? GROUP : Integer.highestOneBit(b.capacity - 1) << 1;
    this.slotMask = capacity - 1;
    SecureRandom random = new SecureRandom();
    this.seedHigh = random.nextLong();
    this.seedLow = random.nextLong();
    this.keyHigh = new long[capacity];
    this.keyLow = new long[capacity];
    this.arrival = new long[capacity];
    this.firstSeen = new long[capacity];
    this.lastSeen = new long[capacity];
    this.used = new boolean[capacity];
    this.polite = new boolean[capacity];
    this.passes = new int[capacity];
    this.overLimit = new int[capacity];
    this.locks = new Object[Math.min(LOCK_STRIPES, capacity / GROUP)];
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * A builder with chrony's defaults: interval 3 (8 s), burst 8, leak 2, no KoD, 4096 slots, the
   * system ticker.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Accounts one request from a client at the ticker's current reading.
   *
   * @param high the client address's high 64 bits ({@link AddressBits})
   * @param low the client address's low 64 bits
   * @return whether to answer, drop, or send a KoD RATE
   */
  public Decision check(long high, long low) {
    return check(high, low, ticker.read());
  }

  /**
   * Accounts one request from a client at a given ticker reading.
   *
   * @param high the client address's high 64 bits
   * @param low the client address's low 64 bits
   * @param nowNanos the monotonic time of the request, nanoseconds on the limiter's ticker
   * @return whether to answer, drop, or send a KoD RATE
   */
  public Decision check(long high, long low, long nowNanos) {
    int outcome = account(high, low, nowNanos);
    if (outcome == WITHIN) {
      return Decision.PASS;
    }
    if (outcome == LEAKED) {
      listener.onOverLimit(high, low, RateLimitListener.Outcome.LEAKED);
      return Decision.PASS;
    }
    listener.onOverLimit(high, low, kod ? RateLimitListener.Outcome.KOD_RATE : RateLimitListener.Outcome.DROPPED);
    return kod ? Decision.KOD : Decision.DROP;
  }

  /** {@link #WITHIN}, {@link #LEAKED} or {@link #OVER}; the listener is called outside the lock. */
  private int account(long high, long low, long nowNanos) {
    int group = hash(high, low) & slotMask & ~(GROUP - 1);
    synchronized (locks[(group / GROUP) & (locks.length - 1)]) {
      int slot = find(group, high, low);
      if (slot < 0) {
        slot = victim(group);
        // A new client gets a full bucket, unless the entry it evicts has not refilled yet: then the
        // group is under pressure and the newcomer inherits that bucket, so cycling through more
        // addresses than the table holds cannot refill buckets by eviction.
        if (!used[slot] || arrival[slot] - nowNanos <= 0) {
          arrival[slot] = nowNanos;
          overLimit[slot] = 0;
        }
        used[slot] = true;
        keyHigh[slot] = high;
        keyLow[slot] = low;
        firstSeen[slot] = nowNanos;
        passes[slot] = 0;
        polite[slot] = false;
      }
      lastSeen[slot] = nowNanos;
      long tat = arrival[slot];
      if (tat - nowNanos < 0) {
        tat = nowNanos;
      }
      if (tat - nowNanos <= toleranceNanos) {
        arrival[slot] = tat + intervalNanos;
        polite[slot] = true;
        if (passes[slot] < Integer.MAX_VALUE) {
          passes[slot]++;
        }
        return WITHIN;
      }
      polite[slot] = false;
      int count = ++overLimit[slot];
      if (leak > 0 && (count & ((1 << leak) - 1)) == 0) {
        // Leaked responses do not consume tokens: the bucket stays empty.
        return LEAKED;
      }
      return OVER;
    }
  }

  /**
   * Whether a client is in the table and established (see the class description): answered within
   * its limit at least twice over at least one interval, and within its limit on its last request.
   *
   * @param high the client address's high 64 bits
   * @param low the client address's low 64 bits
   * @return true if eviction protects it
   */
  public boolean isEstablished(long high, long low) {
    int group = hash(high, low) & slotMask & ~(GROUP - 1);
    synchronized (locks[(group / GROUP) & (locks.length - 1)]) {
      int slot = find(group, high, low);
      return slot >= 0 && isEstablished(slot);
    }
  }

  private int find(int group, long high, long low) {
    for (int i = group; i < group + GROUP; i++) {
      if (used[i] && keyHigh[i] == high && keyLow[i] == low) {
        return i;
      }
    }
    return -1;
  }

  private boolean isEstablished(int slot) {
    return polite[slot] && passes[slot] >= 2 && lastSeen[slot] - firstSeen[slot] >= intervalNanos;
  }

  /**
   * The slot a newcomer takes: a free one, else the least recently seen one that is not
   * established, else (every slot established) the least recently seen one.
   */
  private int victim(int group) {
    int newcomer = -1;
    int any = group;
    for (int i = group; i < group + GROUP; i++) {
      if (!used[i]) {
        return i;
      }
      if (lastSeen[i] - lastSeen[any] < 0) {
        any = i;
      }
      if (!isEstablished(i) && (newcomer < 0 || lastSeen[i] - lastSeen[newcomer] < 0)) {
        newcomer = i;
      }
    }
    return newcomer >= 0 ? newcomer : any;
  }

  /**
   * The interval as log2 seconds; a server answers with at least this poll to slow clients down.
   *
   * @return -19..12
   */
  public int interval() {
    return interval;
  }

  /**
   * The bucket size.
   *
   * @return 1..255 tokens
   */
  public int burst() {
    return burst;
  }

  /**
   * The leak, log2: one in 2<sup>leak</sup> over-limit requests is answered; 0 disables leaking.
   *
   * @return 0..16
   */
  public int leak() {
    return leak;
  }

  /**
   * Whether over-limit requests get a KoD RATE instead of silence.
   *
   * @return the setting
   */
  public boolean kod() {
    return kod;
  }

  /**
   * The number of slots (fixed at construction, a power of two).
   *
   * @return the table capacity
   */
  public int capacity() {
    return slotMask + 1;
  }

  private int hash(long high, long low) {
    long h = (high ^ seedHigh) * 0x9E37_79B9_7F4A_7C15L;
    h ^= (low ^ seedLow) + (h >>> 29);
    h *= 0xBF58_476D_1CE4_E5B9L;
    h ^= h >>> 31;
    h *= 0x94D0_49BB_1331_11EBL;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return "RateLimiter{interval=" + interval + ", burst=" + burst + ", leak=" + leak + ", kod=" + kod
        + ", capacity=" + capacity() + "}";
  }

  /** Configures a {@link RateLimiter}. Not thread-safe. */
  public static final class Builder {
    private int interval = 3;
    private int burst = 8;
    private int leak = 2;
    private boolean kod;
    private int capacity = 4096;
    private Ticker ticker = Ticker.system();
    private RateLimitListener listener;

    private Builder() {}

    /**
     * Sets the average spacing allowed between requests, log2 seconds (chrony {@code interval},
     * default 3 = 8 s).
     *
     * @param log2Seconds -19..12
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder interval(int log2Seconds) {
      checkArgument(log2Seconds >= MIN_INTERVAL && log2Seconds <= MAX_INTERVAL,
          "interval out of range %s..%s: %s", MIN_INTERVAL, MAX_INTERVAL, log2Seconds);
      this.interval = log2Seconds;
      return this;
    }

    /**
     * Sets the bucket size: how many requests may come back to back (chrony {@code burst},
     * default 8).
     *
     * @param tokens 1..255
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder burst(int tokens) {
      checkArgument(tokens >= 1 && tokens <= 255, "burst out of range 1..255: %s", tokens);
      this.burst = tokens;
      return this;
    }

    /**
     * Sets the leak: one in 2<sup>leak</sup> over-limit requests is still answered (chrony
     * {@code leak}, default 2); 0 answers none.
     *
     * @param log2 0..16
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder leak(int log2) {
      checkArgument(log2 >= 0 && log2 <= MAX_LEAK, "leak out of range 0..%s: %s", MAX_LEAK, log2);
      this.leak = log2;
      return this;
    }

    /**
     * Sets whether over-limit requests that are not leaked get a KoD RATE (default off, as chrony).
     *
     * @param enabled true to send KoD RATE
     * @return this builder
     */
    public Builder kod(boolean enabled) {
      this.kod = enabled;
      return this;
    }

    /**
     * Sets the number of client slots, rounded up to a power of two (default 4096, about 200 KiB).
     *
     * @param slots {@value RateLimiter#GROUP}..2<sup>24</sup>
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder capacity(int slots) {
      checkArgument(slots >= GROUP && slots <= 1 << 24, "capacity out of range %s..%s: %s", GROUP, 1 << 24, slots);
      this.capacity = slots;
      return this;
    }

    /**
     * Sets the monotonic clock buckets refill on (default {@link Ticker#system()}).
     *
     * @param ticker the ticker
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = checkNotNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets who is told about each request over its limit (default: a DEBUG log line per decision
     * to {@link System.Logger} {@code org.ntpclock.codec.server.RateLimiter}, at most 20 a minute
     * on the limiter's ticker; {@link RateLimitListener#NONE} for nothing).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(RateLimitListener listener) {
      this.listener = checkNotNull(listener, "listener");
      return this;
    }

    /**
     * The limiter.
     *
     * @return a new limiter with an empty table
     */
    public RateLimiter build() {
      return new RateLimiter(this);
    }
  }
}
