package org.ntpclock.codec.client;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.net.InetSocketAddress;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

/**
 * One successful client/server exchange: the clock offset and round-trip delay measured against a
 * server, and what the server said about itself. Durations are exact 32.32 values
 * ({@link NtpDuration#toDuration()} gives nanoseconds), never truncated to milliseconds.
 *
 * <p>The four timestamps are the real ones: {@code clientTransmit} (T1) is the local send time,
 * not the random value that went out on the wire as the match key; {@code clientReceive} (T4) is
 * T1 plus the round trip measured on a monotonic ticker, so a wall-clock step during the exchange
 * does not corrupt the delay.
 *
 * @param server the address and port the reply came from (the one queried)
 * @param offset θ = ((T2 − T1) + (T3 − T4)) / 2, positive when the server is ahead (RFC 5905 §8)
 * @param delay δ = (T4 − T1) − (T3 − T2), clamped at zero; never negative
 * @param rootDistance λ = (δ + rootDelay) / 2 + rootDispersion: the maximum error of this sample
 *     relative to the server's primary reference, as beevik/ntp and RFC 5905 §11.2.1 use it
 * @param stratum the server's stratum, 1..15
 * @param leap the server's leap indicator (never {@link LeapIndicator#UNSYNCHRONIZED} here)
 * @param referenceId the server's reference id
 * @param rootDelay the server's root delay
 * @param rootDispersion the server's root dispersion
 * @param poll the server's poll exponent, log2 s (a server may raise it to slow clients down)
 * @param precision the server's precision, log2 s
 * @param clientTransmit T1, local time the request left
 * @param serverReceive T2, the server's receive timestamp
 * @param serverTransmit T3, the server's transmit timestamp
 * @param clientReceive T4, local time the reply arrived
 */
public record TimeSample(
    InetSocketAddress server,
    NtpDuration offset,
    NtpDuration delay,
    NtpDuration rootDistance,
    int stratum,
    LeapIndicator leap,
    ReferenceId referenceId,
    NtpShort rootDelay,
    NtpShort rootDispersion,
    int poll,
    int precision,
    NtpTimestamp clientTransmit,
    NtpTimestamp serverReceive,
    NtpTimestamp serverTransmit,
    NtpTimestamp clientReceive) implements ExchangeResult {

  /**
   * Validates the components.
   *
   * @param server the server
   * @param offset θ
   * @param delay δ, not negative
   * @param rootDistance λ, not negative
   * @param stratum 1..15
   * @param leap leap indicator
   * @param referenceId reference id
   * @param rootDelay root delay
   * @param rootDispersion root dispersion
   * @param poll poll exponent, -128..127
   * @param precision precision exponent, -128..127
   * @param clientTransmit T1
   * @param serverReceive T2
   * @param serverTransmit T3
   * @param clientReceive T4
   * @throws IllegalArgumentException if a value is out of range
   */
  public TimeSample {
    checkNotNull(server, "server");
    checkNotNull(offset, "offset");
    checkNotNull(delay, "delay");
    checkNotNull(rootDistance, "rootDistance");
    checkNotNull(leap, "leap");
    checkNotNull(referenceId, "referenceId");
    checkNotNull(rootDelay, "rootDelay");
    checkNotNull(rootDispersion, "rootDispersion");
    checkNotNull(clientTransmit, "clientTransmit");
    checkNotNull(serverReceive, "serverReceive");
    checkNotNull(serverTransmit, "serverTransmit");
    checkNotNull(clientReceive, "clientReceive");
    checkArgument(!delay.isNegative(), "delay must not be negative: %s", delay);
    checkArgument(!rootDistance.isNegative(), "root distance must not be negative: %s", rootDistance);
    checkArgument(stratum >= 1 && stratum <= 15, "stratum out of range 1..15: %s", stratum);
    checkArgument(poll >= Byte.MIN_VALUE && poll <= Byte.MAX_VALUE, "poll out of range: %s", poll);
    checkArgument(precision >= Byte.MIN_VALUE && precision <= Byte.MAX_VALUE, "precision out of range: %s", precision);
  }

  /**
   * The root distance of a measurement: (δ + rootDelay) / 2 + rootDispersion, exact in 2^-32 s
   * units (the halving rounds toward negative infinity by at most 2^-33 s), saturating.
   *
   * @param delay δ, not negative
   * @param rootDelay the server's root delay
   * @param rootDispersion the server's root dispersion
   * @return λ
   */
  public static NtpDuration rootDistance(NtpDuration delay, NtpShort rootDelay, NtpShort rootDispersion) {
    // Short format has 16 fraction bits; shift into 32.32. Both are < 2^48, so sums cannot overflow.
    long rd = rootDelay.toBits() << 16;
    long disp = rootDispersion.toBits() << 16;
    long d = delay.toBits();
    long half = (d >> 1) + (rd >> 1) + (d & rd & 1);
    long sum = half + disp;
    return NtpDuration.ofBits(sum < half ? Long.MAX_VALUE : sum);
  }
}
