package org.ntpclock.codec.client;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.auth.AuthStatus;
import org.ntpclock.codec.nts.NtsException;

/**
 * A typed failure of a client exchange or query: one variant per kind of failure, each carrying
 * only the details that failure has (the kiss code and its required reaction, the failed checks,
 * the decode or authentication status, or how long to wait before the server may be queried
 * again). {@link #reason()} names the variant for code that only needs the kind.
 */
public sealed interface ExchangeFailure extends ExchangeResult {
  /**
   * Why there is no sample.
   *
   * @return the reason this variant stands for
   */
  FailureReason reason();

  /**
   * The server concerned.
   *
   * @return its address, as resolved, or unresolved if resolution failed
   */
  InetSocketAddress server();

  /**
   * Whether the exchange ends with this failure ({@link FailureReason#isFinal()}).
   *
   * @return true if final
   */
  default boolean isFinal() {
    return reason().isFinal();
  }

  /**
   * A failure with no details: {@link FailureReason#TIMEOUT}, {@link FailureReason#ALREADY_COMPLETED},
   * {@link FailureReason#PORT_UNREACHABLE}, {@link FailureReason#UNRESOLVED} or
   * {@link FailureReason#IO_ERROR}.
   *
   * @param reason one of the reasons above
   * @param server the server
   */
  record Plain(FailureReason reason, InetSocketAddress server) implements ExchangeFailure {
    private static final Set<FailureReason> REASONS = EnumSet.of(FailureReason.TIMEOUT,
        FailureReason.ALREADY_COMPLETED, FailureReason.PORT_UNREACHABLE, FailureReason.UNRESOLVED,
        FailureReason.IO_ERROR);

    /**
     * Checks the components.
     *
     * @param reason one of the reasons without details
     * @param server the server
     * @throws IllegalArgumentException for a reason that has its own variant
     */
    public Plain {
      checkNotNull(reason, "reason");
      checkNotNull(server, "server");
      checkArgument(REASONS.contains(reason), "%s has its own variant", reason);
    }
  }

  /**
   * A datagram that is not the reply to the pending request ({@link FailureReason#STRAY}): it came
   * from another address or port than the one queried, or its origin timestamp is not the
   * request's transmit value.
   *
   * @param server the server queried
   * @param check {@link ValidationFailure#SOURCE_MISMATCH} or {@link ValidationFailure#ORIGIN_MISMATCH}
   */
  record Stray(InetSocketAddress server, ValidationFailure check) implements ExchangeFailure {
    /**
     * Checks the components.
     *
     * @param server the server queried
     * @param check the gate the datagram failed
     * @throws IllegalArgumentException for a check that is not a source or origin gate
     */
    public Stray {
      checkNotNull(server, "server");
      checkArgument(check == ValidationFailure.SOURCE_MISMATCH || check == ValidationFailure.ORIGIN_MISMATCH,
          "not a stray datagram's check: %s", check);
    }

    @Override
    public FailureReason reason() {
      return FailureReason.STRAY;
    }
  }

  /**
   * A kiss-o'-death reply ({@link FailureReason#KISS_OF_DEATH}).
   *
   * @param server the server
   * @param kissCode the registered kiss code; empty for an unregistered code
   * @param reaction what RFC 5905 section 7.4 requires of the client for that code
   * @param retryAfter how long until the server may be queried again, when the code asks the
   *     client to slow down and the transport keeps a back-off
   */
  record KissOfDeath(InetSocketAddress server, Optional<KissCode> kissCode, KissCode.Reaction reaction,
      Optional<Duration> retryAfter) implements ExchangeFailure {
    /**
     * Checks the components.
     *
     * @param server the server
     * @param kissCode the kiss code
     * @param reaction the required reaction
     * @param retryAfter the wait before the next query
     */
    public KissOfDeath {
      checkNotNull(server, "server");
      checkNotNull(kissCode, "kissCode");
      checkNotNull(reaction, "reaction");
      checkNotNull(retryAfter, "retryAfter");
    }

    /**
     * This kiss-o'-death with a wait before the next query.
     *
     * @param wait how long to wait
     * @return the failure
     */
    public KissOfDeath withRetryAfter(Duration wait) {
      return new KissOfDeath(server, kissCode, reaction, Optional.of(wait));
    }

    @Override
    public FailureReason reason() {
      return FailureReason.KISS_OF_DEATH;
    }
  }

  /**
   * A reply that failed one or more response checks ({@link FailureReason#VALIDATION_FAILED}).
   *
   * @param server the server
   * @param failures the failed checks, in checklist order; not empty
   */
  record ValidationFailed(InetSocketAddress server, Set<ValidationFailure> failures) implements ExchangeFailure {
    /**
     * Checks and copies the components.
     *
     * @param server the server
     * @param failures the failed checks
     * @throws IllegalArgumentException if there are none
     */
    public ValidationFailed {
      checkNotNull(server, "server");
      checkArgument(!failures.isEmpty(), "no failed check");
      failures = Collections.unmodifiableSet(EnumSet.copyOf(failures));
    }

    @Override
    public FailureReason reason() {
      return FailureReason.VALIDATION_FAILED;
    }
  }

  /**
   * A datagram that did not decode ({@link FailureReason#MALFORMED}).
   *
   * @param server the server
   * @param decodeReason why it did not decode
   */
  record Malformed(InetSocketAddress server, NtpDecodeException.Reason decodeReason) implements ExchangeFailure {
    /**
     * Checks the components.
     *
     * @param server the server
     * @param decodeReason the decode failure
     */
    public Malformed {
      checkNotNull(server, "server");
      checkNotNull(decodeReason, "decodeReason");
    }

    @Override
    public FailureReason reason() {
      return FailureReason.MALFORMED;
    }
  }

  /**
   * A reply whose MAC did not pass while the query is authenticated
   * ({@link FailureReason#AUTHENTICATION_FAILED}).
   *
   * @param server the server
   * @param status the MAC check's outcome, never {@link AuthStatus#VALID}
   */
  record AuthenticationFailed(InetSocketAddress server, AuthStatus status) implements ExchangeFailure {
    /**
     * Checks the components.
     *
     * @param server the server
     * @param status the MAC check's outcome
     * @throws IllegalArgumentException if the status is {@link AuthStatus#VALID}
     */
    public AuthenticationFailed {
      checkNotNull(server, "server");
      checkArgument(status != null && status != AuthStatus.VALID, "not a failure: %s", status);
    }

    @Override
    public FailureReason reason() {
      return FailureReason.AUTHENTICATION_FAILED;
    }
  }

  /**
   * Nothing was sent: the server was queried too recently ({@link FailureReason#POLL_TOO_SOON}).
   *
   * @param server the server
   * @param retryAfter how long until it may be queried again
   */
  record PollTooSoon(InetSocketAddress server, Duration retryAfter) implements ExchangeFailure {
    /**
     * Checks the components.
     *
     * @param server the server
     * @param retryAfter the wait
     */
    public PollTooSoon {
      checkNotNull(server, "server");
      checkNotNull(retryAfter, "retryAfter");
    }

    @Override
    public FailureReason reason() {
      return FailureReason.POLL_TOO_SOON;
    }
  }

  /**
   * Nothing was sent: the server's kiss-o'-death RATE back-off has not passed
   * ({@link FailureReason#RATE_BACKOFF}). The kiss code is always {@link KissCode#RATE}.
   *
   * @param server the server
   * @param retryAfter how long until it may be queried again
   */
  record RateBackoff(InetSocketAddress server, Duration retryAfter) implements ExchangeFailure {
    /**
     * Checks the components.
     *
     * @param server the server
     * @param retryAfter the wait
     */
    public RateBackoff {
      checkNotNull(server, "server");
      checkNotNull(retryAfter, "retryAfter");
    }

    @Override
    public FailureReason reason() {
      return FailureReason.RATE_BACKOFF;
    }
  }

  /**
   * With NTS: a reply that failed an NTS check ({@link FailureReason#NTS_REJECTED}: the exchange
   * keeps waiting, as for a forgery) or an NTS NAK ({@link FailureReason#NTS_NAK}: final, the
   * cookies are worthless and the key exchange must run again).
   *
   * @param server the server queried
   * @param check which check: {@link NtsException.Reason#NTS_NAK},
   *     {@link NtsException.Reason#UNIQUE_ID_MISMATCH}, {@link NtsException.Reason#REPLAYED_REPLY},
   *     {@link NtsException.Reason#AUTHENTICATION_FAILED} or
   *     {@link NtsException.Reason#BAD_EXTENSION_FIELD}
   */
  record Nts(InetSocketAddress server, NtsException.Reason check) implements ExchangeFailure {
    /**
     * Checks the components.
     *
     * @param server the server
     * @param check the NTS check that failed
     */
    public Nts {
      checkNotNull(server, "server");
      checkNotNull(check, "check");
    }

    @Override
    public FailureReason reason() {
      return check == NtsException.Reason.NTS_NAK ? FailureReason.NTS_NAK : FailureReason.NTS_REJECTED;
    }
  }

  /**
   * Nothing was sent: the server demobilized the client with an earlier kiss-o'-death
   * ({@link FailureReason#SERVER_DEMOBILIZED}).
   *
   * @param server the server
   * @param kissCode the code that demobilized it (DENY or RSTR)
   */
  record ServerDemobilized(InetSocketAddress server, KissCode kissCode) implements ExchangeFailure {
    /**
     * Checks the components.
     *
     * @param server the server
     * @param kissCode the demobilizing code
     */
    public ServerDemobilized {
      checkNotNull(server, "server");
      checkNotNull(kissCode, "kissCode");
    }

    @Override
    public FailureReason reason() {
      return FailureReason.SERVER_DEMOBILIZED;
    }
  }
}
