package org.ntpclock.codec.client;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.ntpclock.codec.KissCode;
import org.ntpclock.core.NtpDuration;

/**
 * The typed outcome of {@link ResponseValidator#validate}: the failed checks in checklist order
 * (empty when the reply is usable), the kiss-o'-death reaction if the reply was one, and the
 * offset and delay when the four timestamps could be used.
 *
 * <p>Immutable.
 */
public final class ValidationResult {
  private final Set<ValidationFailure> failures;
  private final KissCode.Reaction kissReaction;
  private final KissCode kissCode;
  private final NtpDuration offset;
  private final NtpDuration delay;

  ValidationResult(EnumSet<ValidationFailure> failures, KissCode.Reaction kissReaction, KissCode kissCode,
      NtpDuration offset, NtpDuration delay) {
    this.failures = Collections.unmodifiableSet(EnumSet.copyOf(failures));
    this.kissReaction = kissReaction;
    this.kissCode = kissCode;
    this.offset = offset;
    this.delay = delay;
  }

  /**
   * Whether every check passed and the sample may be used.
   *
   * @return true if there are no failures
   */
  public boolean isValid() {
    return failures.isEmpty();
  }

  /**
   * Every failed check, in checklist order.
   *
   * @return an unmodifiable set, empty when valid
   */
  public Set<ValidationFailure> failures() {
    return failures;
  }

  /**
   * The first failed check in checklist order.
   *
   * @return the failure, or empty when valid
   */
  public Optional<ValidationFailure> firstFailure() {
    return failures.stream().findFirst();
  }

  /**
   * Whether the reply is a kiss-o'-death that passed the gates (source, version, mode, origin), so
   * that its code may be acted on.
   *
   * @return true for {@link ValidationFailure#KISS_OF_DEATH}
   */
  public boolean isKissOfDeath() {
    return kissReaction != null;
  }

  /**
   * What RFC 5905 section 7.4 requires of the client for this kiss-o'-death.
   *
   * @return the reaction, or empty if the reply is no (acceptable) kiss-o'-death
   */
  public Optional<KissCode.Reaction> kissReaction() {
    return Optional.ofNullable(kissReaction);
  }

  /**
   * The registered kiss code of this kiss-o'-death.
   *
   * @return the code, or empty for no kiss-o'-death or an unregistered code
   */
  public Optional<KissCode> kissCode() {
    return Optional.ofNullable(kissCode);
  }

  /**
   * The clock offset θ, positive when the server is ahead (RFC 5905 section 8), computed whenever
   * the gates passed, the reply is no kiss-o'-death and its receive and transmit timestamps are
   * non-zero. Use it only if {@link #isValid()}.
   *
   * @return θ, or empty
   */
  public Optional<NtpDuration> offset() {
    return Optional.ofNullable(offset);
  }

  /**
   * The round-trip delay δ, clamped from below to the client precision (RFC 5905 section 8);
   * present under the same conditions as {@link #offset()}.
   *
   * @return δ, or empty
   */
  public Optional<NtpDuration> delay() {
    return Optional.ofNullable(delay);
  }

  @Override
  public boolean equals(Object obj) {
    if (!(obj instanceof ValidationResult)) {
      return false;
    }
    ValidationResult o = (ValidationResult) obj;
    return failures.equals(o.failures) && kissReaction == o.kissReaction && kissCode == o.kissCode
        && java.util.Objects.equals(offset, o.offset) && java.util.Objects.equals(delay, o.delay);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(failures, kissReaction, kissCode, offset, delay);
  }

  /** {@code VALID} or the failures, with kiss reaction, offset and delay when present. */
  @Override
  public String toString() {
    return (isValid() ? "VALID" : failures.toString())
        + (kissReaction == null ? "" : " kiss=" + (kissCode == null ? "?" : kissCode) + "/" + kissReaction)
        + (offset == null ? "" : " offset=" + offset + " delay=" + delay);
  }
}
