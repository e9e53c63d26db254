package org.ntpclock.codec.client;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.InstantSource;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.core.Ticker;

/**
 * What every {@link ClientExchange} of a client shares: the NTP version to send, the injected
 * wall clock (T1), monotonic ticker (round trip) and randomness (the transmit value), the response
 * checks' thresholds, and an optional symmetric key. Immutable.
 */
public final class ExchangeSettings {
  private final int version;
  private final InstantSource clock;
  private final Ticker ticker;
  private final RandomGenerator random;
  private final ValidationPolicy validationPolicy;
  private final SymmetricKey key;

  private ExchangeSettings(Builder b) {
    this.version = b.version;
    this.clock = b.clock;
    this.ticker = b.ticker;
    this.random = b.random;
    this.validationPolicy = b.validationPolicy;
    this.key = b.key;
  }

  /**
   * A builder with defaults: version 4, the system clock, {@link Ticker#system()}, a
   * {@link BufferedSecureRandom}, {@link ValidationPolicy#defaults()}, no key.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults of {@link #builder()}.
   *
   * @return the settings
   */
  public static ExchangeSettings defaults() {
    return builder().build();
  }

  /**
   * The version requests carry.
   *
   * @return 3 or 4
   */
  public int version() {
    return version;
  }

  /**
   * The wall clock T1 is read from.
   *
   * @return the clock
   */
  public InstantSource clock() {
    return clock;
  }

  /**
   * The monotonic ticker the round trip is measured on.
   *
   * @return the ticker
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * The source of transmit values.
   *
   * @return the generator
   */
  public RandomGenerator random() {
    return random;
  }

  /**
   * The response checks' thresholds.
   *
   * @return the policy
   */
  public ValidationPolicy validationPolicy() {
    return validationPolicy;
  }

  /**
   * The key requests are signed with and replies must be signed with.
   *
   * @return the key, or empty for unauthenticated exchanges
   */
  public Optional<SymmetricKey> key() {
    return Optional.ofNullable(key);
  }

  /**
   * A builder holding these settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.version = version;
    b.clock = clock;
    b.ticker = ticker;
    b.random = random;
    b.validationPolicy = validationPolicy;
    b.key = key;
    return b;
  }

  @Override
  public String toString() {
    return "ExchangeSettings{version=" + version + ", key=" + (key == null ? "none" : key.keyId() + "/" + key.algorithm())
        + ", " + validationPolicy + "}";
  }

  /** Builds {@link ExchangeSettings}. Not thread-safe. */
  public static final class Builder {
    private int version = 4;
    private InstantSource clock = InstantSource.system();
    private Ticker ticker = Ticker.system();
    private RandomGenerator random;
    private ValidationPolicy validationPolicy = ValidationPolicy.defaults();
    private SymmetricKey key;

    private Builder() {}

    /**
     * Sets the version requests carry (default 4).
     *
     * @param v 3 or 4
     * @return this builder
     * @throws IllegalArgumentException if not 3 or 4
     */
    public Builder version(int v) {
      checkArgument(v == 3 || v == 4, "version must be 3 or 4: %s", v);
      this.version = v;
      return this;
    }

    /**
     * Sets the wall clock T1 is read from (default the system clock).
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(InstantSource c) {
      this.clock = checkNotNull(c, "clock");
      return this;
    }

    /**
     * Sets the monotonic ticker (default {@link Ticker#system()}).
     *
     * @param t the ticker
     * @return this builder
     */
    public Builder ticker(Ticker t) {
      this.ticker = checkNotNull(t, "ticker");
      return this;
    }

    /**
     * Sets the source of transmit values (default a {@link BufferedSecureRandom}). Anything
     * predictable lets an off-path attacker forge replies.
     *
     * @param r the generator
     * @return this builder
     */
    public Builder random(RandomGenerator r) {
      this.random = checkNotNull(r, "random");
      return this;
    }

    /**
     * Sets the response checks' thresholds (default {@link ValidationPolicy#defaults()}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder validationPolicy(ValidationPolicy policy) {
      this.validationPolicy = checkNotNull(policy, "policy");
      return this;
    }

    /**
     * Authenticates exchanges with a symmetric key (RFC 5905 MAC, RFC 8573 AES-CMAC): requests are
     * signed, and only replies with a valid MAC made with this key are accepted.
     *
     * @param k the key
     * @return this builder
     */
    public Builder key(SymmetricKey k) {
      this.key = checkNotNull(k, "key");
      return this;
    }

    /**
     * The settings.
     *
     * @return new settings
     */
    public ExchangeSettings build() {
      if (random == null) {
        random = BufferedSecureRandom.create();
      }
      return new ExchangeSettings(this);
    }
  }
}
