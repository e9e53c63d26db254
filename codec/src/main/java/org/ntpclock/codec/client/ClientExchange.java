package org.ntpclock.codec.client;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.NtpWire;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.codec.auth.AuthStatus;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.codec.auth.NtpAuthenticator;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.core.NtpDuration;
import org.ntpclock.core.NtpFraction;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.OnWire;

/**
 * One sans-I/O client/server exchange: it writes a data-minimized request and turns datagrams
 * into a typed {@link ExchangeResult}. The transport ({@link org.ntpclock.codec.transport.SntpClient}, or any other) sends the
 * request, hands every datagram that arrives on its socket to {@link #receive}, and calls
 * {@link #timeout()} when it gives up.
 *
 * <p>The request (draft-ietf-ntp-data-minimization): LI 0, the version, mode
 * 3, every other field zero but the transmit timestamp, an unpredictable non-zero 64-bit value
 * from the injected random generator. That value is the match key; the real send time T1 stays
 * local, read from the injected {@link java.time.InstantSource} when the request is written. The
 * round trip is measured on the injected monotonic {@link org.ntpclock.core.Ticker}, and T4 = T1 +
 * elapsed ticks, as AOSP and beevik/ntp do, so a wall-clock step during the exchange corrupts
 * neither the delay nor the offset.
 *
 * <p>A reply is accepted once: from the queried address and port, decoding under the codec's
 * client policy, with an origin timestamp equal bit for bit to our transmit value, with a valid
 * MAC if a key is set, and passing the codec's {@link ResponseValidator} checks (kiss-o'-death,
 * zero timestamps, LI 3, stratum, root distance, reference time, server time vs round trip,
 * offset bound). Offset and delay come from {@link OnWire} on the raw bits (era-safe).
 *
 * <p>Datagrams that are not the reply (another source, another origin, undecodable, badly
 * authenticated) yield a non-final {@link ExchangeFailure} and leave the exchange open. Not
 * thread-safe: one exchange belongs to one transport thread.
 */
public final class ClientExchange {
  private final ExchangeSettings settings;
  private final InetSocketAddress server;
  private long transmitKey;
  private long t1Bits;
  private long t1Ticks;
  private boolean sent;
  private boolean completed;
  private ExchangeFailure lastRejection;

  private ClientExchange(ExchangeSettings settings, InetSocketAddress server) {
    this.settings = settings;
    this.server = server;
  }

  /**
   * A new exchange with a server.
   *
   * @param settings clock, ticker, randomness, checks and key
   * @param server the server's address and port; replies must come from exactly there
   * @return the exchange, before its request is written
   */
  public static ClientExchange create(ExchangeSettings settings, InetSocketAddress server) {
    return new ClientExchange(checkNotNull(settings, "settings"), checkNotNull(server, "server"));
  }

  /**
   * The length of the request {@link #writeRequest} writes.
   *
   * @return 48, plus the MAC when a key is set
   */
  public int requestLength() {
    return NtpWire.HEADER_LENGTH + settings.key().map(NtpAuthenticator::macLength).orElse(0);
  }

  /**
   * Writes the request at the buffer's position and takes T1; call it just before sending. The
   * buffer's position advances past the request.
   *
   * @param out receives {@link #requestLength()} bytes
   * @return the number of bytes written
   * @throws IllegalStateException if the request was already written
   * @throws java.nio.BufferOverflowException if the buffer has too little room
   */
  public int writeRequest(ByteBuffer out) {
    checkState(!sent, "request already written");
    int start = out.position();
    if (out.remaining() < requestLength()) {
      throw new java.nio.BufferOverflowException();
    }
    long key;
    do {
      key = settings.random().nextLong();
    } while (key == 0); // zero means "unknown" on the wire
    transmitKey = key;
    NtpWire.putHeader(out, start, 0, settings.version(), Mode.CLIENT.code(), 0, 0, 0, 0, 0, 0, 0, 0, 0, transmitKey);
    out.position(start + NtpWire.HEADER_LENGTH);
    settings.key().ifPresent(k -> NtpAuthenticator.appendMac(out, start, k));
    Instant now = settings.clock().instant();
    t1Ticks = settings.ticker().read();
    t1Bits = NtpTimestamp.bitsOf(now.getEpochSecond(), now.getNano());
    sent = true;
    return out.position() - start;
  }

  /**
   * Judges one datagram that arrived on the exchange's socket.
   *
   * @param datagram the datagram, position to limit; not modified
   * @param source where it came from
   * @return a {@link TimeSample}, a final failure (kiss-o'-death, failed checks), or a non-final
   *     failure for a datagram that is not the reply
   * @throws IllegalStateException if the request has not been written
   */
  public ExchangeResult receive(ByteBuffer datagram, InetSocketAddress source) {
    return receive(datagram, source, settings.ticker().read());
  }

  /**
   * Judges one datagram, with the ticker reading the transport took when it arrived (as early as
   * possible, for an accurate T4).
   *
   * @param datagram the datagram, position to limit; not modified
   * @param source where it came from
   * @param arrivalTicks the settings' ticker read when the datagram arrived
   * @return as {@link #receive(ByteBuffer, InetSocketAddress)}
   * @throws IllegalStateException if the request has not been written
   */
  public ExchangeResult receive(ByteBuffer datagram, InetSocketAddress source, long arrivalTicks) {
    checkState(sent, "request not written yet");
    checkNotNull(datagram, "datagram");
    checkNotNull(source, "source");
    if (completed) {
      return new ExchangeFailure.Plain(FailureReason.ALREADY_COMPLETED, server);
    }
    if (!server.equals(source)) {
      return reject(new ExchangeFailure.Stray(server, ValidationFailure.SOURCE_MISMATCH));
    }
    NtpPacket reply;
    try {
      reply = NtpPacket.decode(datagram.duplicate(), ParsePolicy.client());
    } catch (NtpDecodeException e) {
      return reject(new ExchangeFailure.Malformed(server, e.reason()));
    }
    if (reply.originTimestamp().toBits() != transmitKey) {
      return reject(new ExchangeFailure.Stray(server, ValidationFailure.ORIGIN_MISMATCH));
    }
    Optional<SymmetricKey> key = settings.key();
    if (key.isPresent()) {
      AuthStatus status = NtpAuthenticator.check(datagram, ParsePolicy.client(), KeyStore.of(key.get()));
      if (status != AuthStatus.VALID) {
        return reject(new ExchangeFailure.AuthenticationFailed(server, status));
      }
    }
    long elapsedNanos = Math.max(0, arrivalTicks - t1Ticks);
    long t4Bits = t1Bits + durationBits(elapsedNanos);
    ValidationResult result = ResponseValidator.validate(reply,
        Exchange.dataMinimized(transmitKey, t1Bits, t4Bits).withSource(server, source), settings.validationPolicy());
    completed = true; // each origin is accepted once
    if (result.isKissOfDeath()) {
      return new ExchangeFailure.KissOfDeath(server, result.kissCode(), result.kissReaction().orElseThrow(),
          Optional.empty());
    }
    if (!result.isValid()) {
      return new ExchangeFailure.ValidationFailed(server, result.failures());
    }
    long t2 = reply.receiveTimestamp().toBits();
    long t3 = reply.transmitTimestamp().toBits();
    NtpDuration offset = NtpDuration.ofBits(OnWire.offset(t1Bits, t2, t3, t4Bits));
    NtpDuration delay = NtpDuration.ofBits(Math.max(0, OnWire.delay(t1Bits, t2, t3, t4Bits)));
    return new TimeSample(server, offset, delay,
        TimeSample.rootDistance(delay, reply.rootDelay(), reply.rootDispersion()),
        reply.stratum(), reply.leap(), reply.referenceId(), reply.rootDelay(), reply.rootDispersion(),
        reply.poll(), reply.precision(), NtpTimestamp.ofBits(t1Bits), reply.receiveTimestamp(),
        reply.transmitTimestamp(), NtpTimestamp.ofBits(t4Bits));
  }

  /**
   * Ends the exchange for want of a reply. If a reply with our origin was rejected for its
   * authentication, that failure is more telling than a timeout and is returned instead.
   *
   * @return the final failure
   */
  public ExchangeFailure timeout() {
    completed = true;
    if (lastRejection != null && lastRejection.reason() == FailureReason.AUTHENTICATION_FAILED) {
      return lastRejection;
    }
    return new ExchangeFailure.Plain(FailureReason.TIMEOUT, server);
  }

  /**
   * Whether a reply was accepted or the exchange timed out.
   *
   * @return true once final
   */
  public boolean isCompleted() {
    return completed;
  }

  /**
   * The server queried.
   *
   * @return its address and port
   */
  public InetSocketAddress server() {
    return server;
  }

  /**
   * The transmit value of the request, the key the reply's origin must match.
   *
   * @return raw 64 bits, zero before the request is written
   */
  public long transmitKey() {
    return transmitKey;
  }

  /**
   * The ticker reading taken with T1.
   *
   * @return nanoseconds on the settings' ticker
   */
  public long t1Ticks() {
    return t1Ticks;
  }

  /**
   * The real local send time T1 (not on the wire).
   *
   * @return raw NTP timestamp bits, zero before the request is written
   */
  public long t1Bits() {
    return t1Bits;
  }

  private ExchangeFailure reject(ExchangeFailure failure) {
    lastRejection = failure;
    return failure;
  }

  /** Nanoseconds (non-negative) as 32.32 bits, the fraction rounded to nearest. */
  static long durationBits(long nanos) {
    long seconds = nanos / 1_000_000_000L;
    return (seconds << 32) + NtpFraction.fromNanos(nanos % 1_000_000_000L);
  }

  @Override
  public String toString() {
    return "ClientExchange{" + server + (sent ? String.format(", key=%016x", transmitKey) : ", unsent")
        + (completed ? ", completed" : "") + "}";
  }
}
