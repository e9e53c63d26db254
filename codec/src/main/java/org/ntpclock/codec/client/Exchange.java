package org.ntpclock.codec.client;

import static com.google.common.base.Preconditions.checkNotNull;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client knows about its own request when a reply arrives, for {@link ResponseValidator}:
 * the 64-bit value it put in the request's transmit field (which the reply must echo as origin),
 * the real local send time T1, the local arrival time T4, and optionally the addresses to compare.
 *
 * <p>A data-minimized request (draft-ietf-ntp-data-minimization: every field zero but an
 * unpredictable transmit timestamp, so it reveals neither the client's time nor its state) carries
 * an unpredictable transmit value
 * while the real T1 stays local: use {@link #dataMinimized(long, long, long)}. Otherwise the sent
 * transmit value is T1: use {@link #of(long, long)}. All timestamps are raw 64-bit NTP bits; T1
 * and T4 should come from one clock (better: T4 = T1 + monotonic elapsed time).
 *
 * <p>Replay protection (accept each origin once, RFC 5905 section 8) is the caller's state: clear
 * the expected origin after the first reply that passes.
 *
 * <p>Immutable.
 */
public final class Exchange {
  private final long sentTransmitBits;
  private final long t1Bits;
  private final long t4Bits;
  private final InetSocketAddress expectedSource;
  private final InetSocketAddress actualSource;

  private Exchange(long sentTransmitBits, long t1Bits, long t4Bits, InetSocketAddress expectedSource,
      InetSocketAddress actualSource) {
    this.sentTransmitBits = sentTransmitBits;
    this.t1Bits = t1Bits;
    this.t4Bits = t4Bits;
    this.expectedSource = expectedSource;
    this.actualSource = actualSource;
  }

  /**
   * An exchange whose request carried T1 itself as transmit timestamp.
   *
   * @param t1Bits the request's transmit timestamp, raw bits
   * @param t4Bits the reply's local arrival time, raw bits
   * @return the exchange
   */
  public static Exchange of(long t1Bits, long t4Bits) {
    return new Exchange(t1Bits, t1Bits, t4Bits, null, null);
  }

  /**
   * An exchange whose request carried a random transmit value while the real send time stayed
   * local.
   *
   * @param sentTransmitBits the value sent in the transmit field, which the reply must echo
   * @param t1Bits the real local send time, raw bits
   * @param t4Bits the reply's local arrival time, raw bits
   * @return the exchange
   */
  public static Exchange dataMinimized(long sentTransmitBits, long t1Bits, long t4Bits) {
    return new Exchange(sentTransmitBits, t1Bits, t4Bits, null, null);
  }

  /**
   * This exchange with the addresses to compare (RFC 4330 section 5 checks 1 and 2).
   *
   * @param expected the request's destination
   * @param actual the reply's source
   * @return the exchange
   */
  public Exchange withSource(InetSocketAddress expected, InetSocketAddress actual) {
    return new Exchange(sentTransmitBits, t1Bits, t4Bits, checkNotNull(expected, "expected"),
        checkNotNull(actual, "actual"));
  }

  /**
   * The value the reply's origin timestamp must equal.
   *
   * @return raw bits
   */
  public long sentTransmitBits() {
    return sentTransmitBits;
  }

  /**
   * The local send time T1.
   *
   * @return raw bits
   */
  public long t1Bits() {
    return t1Bits;
  }

  /**
   * The local arrival time T4.
   *
   * @return raw bits
   */
  public long t4Bits() {
    return t4Bits;
  }

  /**
   * The request's destination, if the source is to be checked.
   *
   * @return the address
   */
  public Optional<InetSocketAddress> expectedSource() {
    return Optional.ofNullable(expectedSource);
  }

  /**
   * The reply's source, if the source is to be checked.
   *
   * @return the address
   */
  public Optional<InetSocketAddress> actualSource() {
    return Optional.ofNullable(actualSource);
  }

  boolean sourceMatches() {
    return expectedSource == null || expectedSource.equals(actualSource);
  }

  @Override
  public boolean equals(Object obj) {
    if (!(obj instanceof Exchange)) {
      return false;
    }
    Exchange o = (Exchange) obj;
    return sentTransmitBits == o.sentTransmitBits && t1Bits == o.t1Bits && t4Bits == o.t4Bits
        && Objects.equals(expectedSource, o.expectedSource) && Objects.equals(actualSource, o.actualSource);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sentTransmitBits, t1Bits, t4Bits, expectedSource, actualSource);
  }

  /** The timestamps in hex and the addresses, if any. */
  @Override
  public String toString() {
    return String.format("Exchange[sent=%016x t1=%016x t4=%016x%s]", sentTransmitBits, t1Bits, t4Bits,
        expectedSource == null ? "" : " expected=" + expectedSource + " actual=" + actualSource);
  }
}
