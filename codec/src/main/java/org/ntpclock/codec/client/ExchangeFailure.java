package org.ntpclock.codec.client;

import static com.google.common.base.Preconditions.checkNotNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.ValidationFailure;
import org.ntpclock.codec.auth.AuthStatus;

/**
 * A typed failure of a client exchange or query: the reason, and the details that reason
 * carries (the kiss code and its required reaction, the failed validation checks, the decode or
 * authentication status, or how long to wait before the server may be queried again).
 *
 * @param reason why there is no sample
 * @param server the server concerned (as resolved, or unresolved if resolution failed)
 * @param validationFailures the failed checks for {@link FailureReason#VALIDATION_FAILED} (in
 *     checklist order), else empty
 * @param kissCode the registered kiss code of a kiss-o'-death, or of the one that demobilized the
 *     server or started a back-off; empty for an unregistered code or other reasons
 * @param kissReaction what RFC 5905 section 7.4 requires of the client for that kiss-o'-death
 * @param decodeReason why a datagram did not decode, for {@link FailureReason#MALFORMED}
 * @param authStatus the MAC check's outcome, for {@link FailureReason#AUTHENTICATION_FAILED}
 * @param retryAfter how long until the server may be queried again, for
 *     {@link FailureReason#POLL_TOO_SOON} and {@link FailureReason#RATE_BACKOFF}
 */
public record ExchangeFailure(
    FailureReason reason,
    InetSocketAddress server,
    Set<ValidationFailure> validationFailures,
    Optional<KissCode> kissCode,
    Optional<KissCode.Reaction> kissReaction,
    Optional<NtpDecodeException.Reason> decodeReason,
    Optional<AuthStatus> authStatus,
    Optional<Duration> retryAfter) implements ExchangeResult {

  /**
   * Validates and copies the components.
   *
   * @param reason reason
   * @param server server
   * @param validationFailures failed checks
   * @param kissCode kiss code
   * @param kissReaction required reaction
   * @param decodeReason decode failure
   * @param authStatus MAC outcome
   * @param retryAfter wait before the next query
   */
  public ExchangeFailure {
    checkNotNull(reason, "reason");
    checkNotNull(server, "server");
    checkNotNull(validationFailures, "validationFailures");
    validationFailures = validationFailures.isEmpty()
        ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(validationFailures));
    checkNotNull(kissCode, "kissCode");
    checkNotNull(kissReaction, "kissReaction");
    checkNotNull(decodeReason, "decodeReason");
    checkNotNull(authStatus, "authStatus");
    checkNotNull(retryAfter, "retryAfter");
  }

  /**
   * A failure with no details.
   *
   * @param reason the reason
   * @param server the server
   * @return the failure
   */
  public static ExchangeFailure of(FailureReason reason, InetSocketAddress server) {
    return new ExchangeFailure(reason, server, Set.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  /**
   * This failure with a wait before the next query.
   *
   * @param wait how long to wait
   * @return the failure
   */
  public ExchangeFailure withRetryAfter(Duration wait) {
    return new ExchangeFailure(reason, server, validationFailures, kissCode, kissReaction, decodeReason, authStatus,
        Optional.of(wait));
  }

  /**
   * Whether the exchange ends with this failure ({@link FailureReason#isFinal()}).
   *
   * @return true if final
   */
  public boolean isFinal() {
    return reason.isFinal();
  }
}
