package org.ntpclock.codec.client;

import static com.google.common.base.Preconditions.checkNotNull;
import java.util.EnumSet;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.core.OnWire;

/**
 * Checks a decoded reply against the request it answers, the client checklist below (RFC 5905
 * Appendix A.5.1.1 and section 8, RFC 4330 section 5, chrony's tests 1..7, beevik/ntp's
 * {@code Validate}):
 *
 * <ol>
 *   <li>gates, in order, each ending the check when it fails: source address and port (if the
 *       {@link Exchange} carries them), version, mode, origin == sent transmit bits;
 *   <li>stratum 0: a kiss-o'-death, reported with the reaction of its code; nothing else judged;
 *   <li>then every remaining check is reported: transmit and receive non-zero; LI != 3 (RFC 4330
 *       section 5 literally says "LI is 0", a known slip: LI 3 is meant); stratum at most
 *       {@link ValidationPolicy#maxStratum()}; root delay / 2 + root dispersion below
 *       {@link ValidationPolicy#maxDispersion()}; reference not after transmit and not older than
 *       {@link ValidationPolicy#maxReferenceAge()}; receive not after transmit; server processing
 *       time not longer than the round trip; |offset| below {@link ValidationPolicy#maxOffset()}.
 * </ol>
 *
 * <p>All time comparisons are era-aware: differences of raw 64-bit timestamps read as signed
 * (RFC 5905 section 6), correct while the two instants are less than 68 years apart. Thresholds
 * compare exactly in units of 2<sup>-32</sup> s. NTS (the reply must echo the request's Unique
 * Identifier extension field, RFC 8915 section 5.3) is not judged here.
 */
public final class ResponseValidator {
  private ResponseValidator() {}

  /**
   * Validates a reply with {@link ValidationPolicy#defaults()}.
   *
   * @param reply the decoded reply
   * @param exchange what the client knows about its request
   * @return the typed result
   */
  public static ValidationResult validate(NtpPacket reply, Exchange exchange) {
    return validate(reply, exchange, ValidationPolicy.defaults());
  }

  /**
   * Validates a reply.
   *
   * @param reply the decoded reply
   * @param exchange what the client knows about its request
   * @param policy the thresholds
   * @return the typed result
   */
  public static ValidationResult validate(NtpPacket reply, Exchange exchange, ValidationPolicy policy) {
    checkNotNull(reply, "reply");
    checkNotNull(exchange, "exchange");
    checkNotNull(policy, "policy");
    EnumSet<ValidationFailure> failures = EnumSet.noneOf(ValidationFailure.class);
    if (!exchange.sourceMatches()) {
      return only(failures, ValidationFailure.SOURCE_MISMATCH);
    }
    if (reply.version() < policy.minVersion() || reply.version() > policy.maxVersion()) {
      return only(failures, ValidationFailure.UNSUPPORTED_VERSION);
    }
    if (reply.mode() != Mode.SERVER && !(policy.acceptBroadcast() && reply.mode() == Mode.BROADCAST)) {
      return only(failures, ValidationFailure.UNEXPECTED_MODE);
    }
    if (reply.mode() != Mode.BROADCAST && reply.originTimestamp().toBits() != exchange.sentTransmitBits()) {
      return only(failures, ValidationFailure.ORIGIN_MISMATCH);
    }
    if (reply.isKissOfDeath()) {
      failures.add(ValidationFailure.KISS_OF_DEATH);
      int code = reply.referenceId().toBits();
      return new ValidationResult(failures, KissCode.reactionTo(code), KissCode.ofBits(code), null, null);
    }
    long t1 = exchange.t1Bits();
    long t2 = reply.receiveTimestamp().toBits();
    long t3 = reply.transmitTimestamp().toBits();
    long t4 = exchange.t4Bits();
    if (t3 == 0) {
      failures.add(ValidationFailure.ZERO_TRANSMIT);
    }
    if (t2 == 0) {
      failures.add(ValidationFailure.ZERO_RECEIVE);
    }
    if (reply.leap() == LeapIndicator.UNSYNCHRONIZED) {
      failures.add(ValidationFailure.UNSYNCHRONIZED);
    }
    if (reply.stratum() > policy.maxStratum()) {
      failures.add(ValidationFailure.STRATUM_OUT_OF_RANGE);
    }
    // rootDelay / 2 + rootDisp in 2^-32 s: short format << 16, halved exactly by shifting 15.
    long distance = (reply.rootDelay().toBits() << 15) + (reply.rootDispersion().toBits() << 16);
    if (Long.compareUnsigned(distance, ValidationPolicy.units(policy.maxDispersion())) >= 0) {
      failures.add(ValidationFailure.ROOT_DISTANCE_TOO_LARGE);
    }
    long reference = reply.referenceTimestamp().toBits();
    long age = t3 - reference;
    if (reference == 0) {
      failures.add(ValidationFailure.STALE_REFERENCE);
    } else if (age < 0) {
      failures.add(ValidationFailure.REFERENCE_AFTER_TRANSMIT);
    } else if (Long.compareUnsigned(age, ValidationPolicy.units(policy.maxReferenceAge())) > 0) {
      failures.add(ValidationFailure.STALE_REFERENCE);
    }
    if (t2 == 0 || t3 == 0) {
      return new ValidationResult(failures, null, null, null, null);
    }
    long processing = t3 - t2;
    if (processing < 0) {
      failures.add(ValidationFailure.RECEIVE_AFTER_TRANSMIT);
    }
    long delay = OnWire.delay(t1, t2, t3, t4);
    if (delay < 0) {
      failures.add(ValidationFailure.SERVER_TIME_EXCEEDS_ROUND_TRIP);
    }
    long offset = OnWire.offset(t1, t2, t3, t4);
    long magnitude = offset < 0 ? -offset : offset; // MIN_VALUE stays 2^63 read unsigned
    if (Long.compareUnsigned(magnitude, ValidationPolicy.units(policy.maxOffset())) >= 0) {
      failures.add(ValidationFailure.OFFSET_TOO_LARGE);
    }
    long floor = 1L << (32 + policy.clientPrecision());
    return new ValidationResult(failures, null, null, NtpDuration.ofBits(offset),
        NtpDuration.ofBits(Math.max(delay, floor)));
  }

  private static ValidationResult only(EnumSet<ValidationFailure> failures, ValidationFailure failure) {
    failures.add(failure);
    return new ValidationResult(failures, null, null, null, null);
  }
}
