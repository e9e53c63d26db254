package org.ntpclock.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.core.LeapIndicator;

/**
 * What a {@link FakeNtpServer} does with one request: a correct answer, an answer with one thing
 * wrong, raw bytes, or silence. Immutable; start from {@link #correct()}, {@link #noReply()},
 * {@link #kissOfDeath(String)} or {@link #raw(byte[])} and refine with the {@code with…} methods,
 * each of which returns a new reply.
 *
 * <p>A correct reply is a mode-4 packet in the request's version, stratum 1, reference id {@code
 * FAKE}, its origin timestamp the request's transmit timestamp, and receive and transmit timestamps
 * read from the server's clock (shifted by {@link #withOffset}) when the request arrives and when
 * the reply is written.
 */
public final class FakeReply {
  private static final int MAX_RAW_LENGTH = 65_507;

  /** What kind of answer this is. */
  enum Kind {
    PACKET,
    RAW,
    NONE
  }

  final Kind kind;
  final Duration offset;
  final Duration delay;
  final LeapIndicator leap;
  final int stratum;
  final String kissCode;
  final boolean wrongOrigin;
  final boolean zeroTransmit;
  final Instant servingTime;
  final SymmetricKey key;
  final boolean corruptMac;
  final int truncateTo;
  final byte[] raw;

  private FakeReply(
      Kind kind,
      Duration offset,
      Duration delay,
      LeapIndicator leap,
      int stratum,
      String kissCode,
      boolean wrongOrigin,
      boolean zeroTransmit,
      Instant servingTime,
      SymmetricKey key,
      boolean corruptMac,
      int truncateTo,
      byte[] raw) {
    this.kind = kind;
    this.offset = offset;
    this.delay = delay;
    this.leap = leap;
    this.stratum = stratum;
    this.kissCode = kissCode;
    this.wrongOrigin = wrongOrigin;
    this.zeroTransmit = zeroTransmit;
    this.servingTime = servingTime;
    this.key = key;
    this.corruptMac = corruptMac;
    this.truncateTo = truncateTo;
    this.raw = raw;
  }

  private static FakeReply packet() {
    return new FakeReply(
        Kind.PACKET, Duration.ZERO, Duration.ZERO, LeapIndicator.NO_WARNING, 1, null, false, false,
        null, null, false, -1, null);
  }

  /**
   * A correct answer from a synchronized stratum-1 server whose clock is the fake server's clock.
   *
   * @return the reply
   */
  public static FakeReply correct() {
    return packet();
  }

  /**
   * No answer at all: the client's request times out.
   *
   * @return the reply
   */
  public static FakeReply noReply() {
    return new FakeReply(
        Kind.NONE, Duration.ZERO, Duration.ZERO, LeapIndicator.NO_WARNING, 1, null, false, false,
        null, null, false, -1, null);
  }

  /**
   * A kiss-o'-death: stratum 0 and the code as the reference id, timestamps as in a correct reply.
   *
   * @param code one to four printable ASCII characters, such as {@code RATE}, {@code DENY}, {@code
   *     RSTR} or {@code NTSN}
   * @return the reply
   * @throws IllegalArgumentException if the code is empty, longer than four characters or not
   *     printable ASCII
   */
  public static FakeReply kissOfDeath(String code) {
    Objects.requireNonNull(code, "code");
    if (code.isEmpty() || code.length() > 4 || !code.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("kiss code must be 1..4 printable ASCII characters: " + code);
    }
    FakeReply p = packet();
    return new FakeReply(
        Kind.PACKET, p.offset, p.delay, p.leap, 0, code, false, false, null, null, false, -1, null);
  }

  /**
   * These bytes as the datagram, whatever the request: junk, a truncated header, a reply from
   * another protocol.
   *
   * @param datagram the bytes to send (copied); may be empty
   * @return the reply
   * @throws IllegalArgumentException if longer than a UDP datagram can be (65,507 bytes)
   */
  public static FakeReply raw(byte[] datagram) {
    Objects.requireNonNull(datagram, "datagram");
    if (datagram.length > MAX_RAW_LENGTH) {
      throw new IllegalArgumentException("datagram longer than " + MAX_RAW_LENGTH + ": " + datagram.length);
    }
    return new FakeReply(
        Kind.RAW, Duration.ZERO, Duration.ZERO, LeapIndicator.NO_WARNING, 1, null, false, false,
        null, null, false, -1, datagram.clone());
  }

  private FakeReply packetOnly(String what) {
    if (kind != Kind.PACKET) {
      throw new IllegalStateException(what + " applies to a packet reply, not to " + kind);
    }
    return this;
  }

  /**
   * The same reply from a server whose clock is {@code offset} ahead of the fake server's clock
   * (negative: behind), as a client measures it.
   *
   * @param offset the server's clock error
   * @return the new reply
   * @throws IllegalStateException if this reply is not a packet
   */
  public FakeReply withOffset(Duration offset) {
    packetOnly("withOffset");
    Objects.requireNonNull(offset, "offset");
    return new FakeReply(kind, offset, delay, leap, stratum, kissCode, wrongOrigin, zeroTransmit,
        servingTime, key, corruptMac, truncateTo, raw);
  }

  /**
   * The same reply held back for {@code delay} after it is written: to the client it looks like a
   * slow return path (the reply's own timestamps do not include the wait), and a delay longer than
   * the client's timeout looks like a lost reply.
   *
   * @param delay how long to wait before sending, not negative
   * @return the new reply
   * @throws IllegalArgumentException if the delay is negative
   * @throws IllegalStateException if this reply is silence
   */
  public FakeReply withDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay is negative: " + delay);
    }
    if (kind == Kind.NONE) {
      throw new IllegalStateException("withDelay applies to a reply that is sent");
    }
    return new FakeReply(kind, offset, delay, leap, stratum, kissCode, wrongOrigin, zeroTransmit,
        servingTime, key, corruptMac, truncateTo, raw);
  }

  /**
   * The same reply with this leap indicator; {@link LeapIndicator#UNSYNCHRONIZED} is a server that
   * says it cannot vouch for its time.
   *
   * @param leap the leap indicator
   * @return the new reply
   * @throws IllegalStateException if this reply is not a packet
   */
  public FakeReply withLeap(LeapIndicator leap) {
    packetOnly("withLeap");
    Objects.requireNonNull(leap, "leap");
    return new FakeReply(kind, offset, delay, leap, stratum, kissCode, wrongOrigin, zeroTransmit,
        servingTime, key, corruptMac, truncateTo, raw);
  }

  /**
   * The same reply with this stratum octet on the wire: 0 is unspecified (a kiss-o'-death when the
   * reference id is a code), 16 unsynchronized.
   *
   * @param stratum 0..255
   * @return the new reply
   * @throws IllegalArgumentException if out of range
   * @throws IllegalStateException if this reply is not a packet
   */
  public FakeReply withStratum(int stratum) {
    packetOnly("withStratum");
    if (stratum < 0 || stratum > 255) {
      throw new IllegalArgumentException("stratum out of range 0..255: " + stratum);
    }
    return new FakeReply(kind, offset, delay, leap, stratum, kissCode, wrongOrigin, zeroTransmit,
        servingTime, key, corruptMac, truncateTo, raw);
  }

  /**
   * The same reply with an origin timestamp that is not the request's transmit timestamp: what a
   * spoofed or stale reply looks like.
   *
   * @return the new reply
   * @throws IllegalStateException if this reply is not a packet
   */
  public FakeReply withWrongOrigin() {
    packetOnly("withWrongOrigin");
    return new FakeReply(kind, offset, delay, leap, stratum, kissCode, true, zeroTransmit,
        servingTime, key, corruptMac, truncateTo, raw);
  }

  /**
   * The same reply with an all-zero transmit timestamp, which RFC 5905 says a client must reject.
   *
   * @return the new reply
   * @throws IllegalStateException if this reply is not a packet
   */
  public FakeReply withZeroTransmit() {
    packetOnly("withZeroTransmit");
    return new FakeReply(kind, offset, delay, leap, stratum, kissCode, wrongOrigin, true,
        servingTime, key, corruptMac, truncateTo, raw);
  }

  /**
   * The same reply from a server whose clock reads {@code start} when the fake server starts and
   * runs on from there: {@code 2040-01-01T00:00:00Z}, say, puts era-1 timestamps on the wire.
   * Applied before {@link #withOffset}.
   *
   * @param start what the served clock reads at the fake server's start
   * @return the new reply
   * @throws IllegalStateException if this reply is not a packet
   */
  public FakeReply withServedTimeFrom(Instant start) {
    packetOnly("withServedTimeFrom");
    Objects.requireNonNull(start, "start");
    return new FakeReply(kind, offset, delay, leap, stratum, kissCode, wrongOrigin, zeroTransmit,
        start, key, corruptMac, truncateTo, raw);
  }

  /**
   * The same reply signed with this symmetric key (a MAC after the header).
   *
   * @param key the key
   * @return the new reply
   * @throws IllegalStateException if this reply is not a packet
   */
  public FakeReply withMac(SymmetricKey key) {
    packetOnly("withMac");
    Objects.requireNonNull(key, "key");
    return new FakeReply(kind, offset, delay, leap, stratum, kissCode, wrongOrigin, zeroTransmit,
        servingTime, key, false, truncateTo, raw);
  }

  /**
   * The same reply with a MAC under this key's id that does not verify (one digest bit flipped).
   *
   * @param key the key whose id the MAC names
   * @return the new reply
   * @throws IllegalStateException if this reply is not a packet
   */
  public FakeReply withBadMac(SymmetricKey key) {
    packetOnly("withBadMac");
    Objects.requireNonNull(key, "key");
    return new FakeReply(kind, offset, delay, leap, stratum, kissCode, wrongOrigin, zeroTransmit,
        servingTime, key, true, truncateTo, raw);
  }

  /**
   * The same reply cut to its first {@code length} bytes, as a broken middlebox might deliver it.
   *
   * @param length how many bytes to keep, 0..47 for a truncated header
   * @return the new reply
   * @throws IllegalArgumentException if negative
   * @throws IllegalStateException if this reply is not a packet
   */
  public FakeReply truncatedTo(int length) {
    packetOnly("truncatedTo");
    if (length < 0) {
      throw new IllegalArgumentException("length is negative: " + length);
    }
    return new FakeReply(kind, offset, delay, leap, stratum, kissCode, wrongOrigin, zeroTransmit,
        servingTime, key, corruptMac, length, raw);
  }

  /**
   * The kiss code this reply carries, if it is a kiss-o'-death.
   *
   * @return the code
   */
  public Optional<String> kissCode() {
    return Optional.ofNullable(kissCode);
  }

  @Override
  public String toString() {
    switch (kind) {
      case NONE:
        return "FakeReply[no reply]";
      case RAW:
        return "FakeReply[raw " + raw.length + " bytes: " + Arrays.toString(Arrays.copyOf(raw, Math.min(raw.length, 8)))
            + (raw.length > 8 ? "…]" : "]");
      default:
        StringBuilder s = new StringBuilder("FakeReply[");
        s.append(kissCode != null ? "kiss " + kissCode : "stratum " + stratum).append(", leap ").append(leap);
        if (!offset.isZero()) {
          s.append(", offset ").append(offset);
        }
        if (!delay.isZero()) {
          s.append(", delay ").append(delay);
        }
        if (servingTime != null) {
          s.append(", served from ").append(servingTime);
        }
        if (wrongOrigin) {
          s.append(", wrong origin");
        }
        if (zeroTransmit) {
          s.append(", zero transmit");
        }
        if (key != null) {
          s.append(corruptMac ? ", bad MAC key " : ", MAC key ").append(key.keyId());
        }
        if (truncateTo >= 0) {
          s.append(", truncated to ").append(truncateTo);
        }
        return s.append(']').toString();
    }
  }
}
