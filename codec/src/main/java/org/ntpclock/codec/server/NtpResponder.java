package org.ntpclock.codec.server;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpPacketView;
import org.ntpclock.codec.NtpWire;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.codec.auth.KeyLookup;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.codec.auth.NtpAuthenticator;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;

/**
 * The sans-I/O NTP server engine: request bytes, their receive timestamp and the client address
 * in; response bytes written into the caller's buffer, or a typed drop reason, out
 * ({@link Verdict}). Sockets live in a transport such as {@link org.ntpclock.codec.transport.NtpServer}.
 *
 * <p>What it answers (RFC 5905 section 9.2 and Fig. 31 {@code fast_xmit}, RFC 4330 section 6,
 * chrony's {@code NCR_ProcessRxUnknown}):
 *
 * <ul>
 *   <li>mode 3 (client) gets mode 4 (server); mode 1 (symmetric active) gets mode 2 (symmetric
 *       passive) unless turned off; modes 0, 2, 4 and 5 are dropped, and modes 6 (control) and 7
 *       (private) are never answered;
 *   <li>the version is echoed; versions outside the accepted range (1..4 by default) are dropped;
 *   <li>the origin timestamp is the request's transmit timestamp copied bit for bit; the receive
 *       timestamp is the caller's; the transmit timestamp is read from the {@link TimeSource} as
 *       late as possible, just before it is written;
 *   <li>leap indicator, stratum, precision, root delay and dispersion, reference id and reference
 *       time come from {@link TimeSource#status()}. An unsynchronized source answers LI 3 with
 *       stratum 0 on the wire (stratum 16 is never sent, RFC 5905 section 7.3), so a client never
 *       takes its time as good;
 *   <li>poll is {@code max(request poll, rate-limit interval)}, as chrony, to slow clients down;
 *   <li>the reply is never longer than the request (no amplification): 48 bytes for a plain
 *       request.
 * </ul>
 *
 * <p>Denied clients ({@link AccessList}) are dropped or get a KoD DENY; clients over their
 * {@link RateLimiter} budget are dropped or get a KoD RATE (stratum 0, LI 3, the kiss code as
 * reference id, origin echoed, every other field zero).
 *
 * <p>Thread-safe if its {@link TimeSource} is. The steady path (a plain 48-byte request)
 * allocates nothing: fields are read with {@link NtpWire}'s absolute getters and the reply written
 * by its one header writer into the caller's buffer, in either byte order, verdicts are enum constants, and the rate limiter and
 * access list work on primitive arrays.
 */
public final class NtpResponder {
  /**
   * Longest request accepted: the header, 1024 bytes of extension fields and the longest (version
   * 3) MAC, the codec's {@link ParsePolicy#DEFAULT_MAX_PACKET_LENGTH}.
   */
  public static final int MAX_REQUEST_LENGTH = ParsePolicy.DEFAULT_MAX_PACKET_LENGTH;

  private static final int LEAP_UNSYNCHRONIZED = LeapIndicator.UNSYNCHRONIZED.code();
  private static final int KISS_RATE = KissCode.RATE.toBits();
  private static final int KISS_DENY = KissCode.DENY.toBits();
  private static final ThreadLocal<NtpPacketView> VIEW = ThreadLocal.withInitial(NtpPacketView::new);

  private final TimeSource timeSource;
  private final int minVersion;
  private final int maxVersion;
  private final boolean answerSymmetricActive;
  private final AccessList accessList;
  private final RateLimiter rateLimiter;
  private final int minimumPoll;
  private final KeyLookup keys;
  private final boolean cryptoNak;
  private final ParsePolicy parsePolicy;

  private NtpResponder(Builder b) {
    this.parsePolicy = ParsePolicy.server().withVersions(b.minVersion, b.maxVersion);
    this.keys = b.keys;
    this.cryptoNak = b.cryptoNak;
    this.timeSource = b.timeSource;
    this.minVersion = b.minVersion;
    this.maxVersion = b.maxVersion;
    this.answerSymmetricActive = b.answerSymmetricActive;
    this.accessList = b.accessList;
    this.rateLimiter = b.rateLimiter;
    this.minimumPoll = rateLimiter == null ? Byte.MIN_VALUE : rateLimiter.interval();
  }

  /**
   * A builder serving from the given source.
   *
   * @param timeSource the time and status to serve
   * @return a new builder
   */
  public static Builder builder(TimeSource timeSource) {
    return new Builder(timeSource);
  }

  /**
   * Answers one request from a client given as an {@link InetAddress} (an IPv6 address is copied
   * once; see {@link AddressBits}).
   *
   * @param request the datagram, from its position to its limit; not modified
   * @param receiveBits the raw NTP timestamp at which the datagram arrived
   * @param client the client's address
   * @param response where the reply goes: written from its position; on a reply verdict its limit
   *     is set to the end of the reply and its position is left unchanged, ready to send
   * @return what was done
   */
  public Verdict respond(ByteBuffer request, long receiveBits, InetAddress client, ByteBuffer response) {
    return respond(request, receiveBits, AddressBits.high(client), AddressBits.low(client), response);
  }

  /**
   * Answers one request. Allocates nothing for a plain 48-byte request.
   *
   * @param request the datagram, from its position to its limit; not modified
   * @param receiveBits the raw NTP timestamp at which the datagram arrived
   * @param clientHigh the client address's high 64 bits ({@link AddressBits#high})
   * @param clientLow the client address's low 64 bits ({@link AddressBits#low})
   * @param response where the reply goes: written from its position; on a reply verdict its limit
   *     is set to the end of the reply and its position is left unchanged, ready to send
   * @return what was done
   */
  public Verdict respond(ByteBuffer request, long receiveBits, long clientHigh, long clientLow, ByteBuffer response) {
    int start = request.position();
    int length = request.remaining();
    if (length < NtpWire.HEADER_LENGTH) {
      return Verdict.DROPPED_TOO_SHORT;
    }
    if (length > MAX_REQUEST_LENGTH) {
      return Verdict.DROPPED_TOO_LONG;
    }
    int first = NtpWire.getU8(request, start + NtpWire.OFFSET_FLAGS);
    Mode mode = Mode.ofCode(NtpWire.modeOf(first));
    int version = NtpWire.versionOf(first);
    if (mode == Mode.CONTROL || mode == Mode.PRIVATE) {
      return Verdict.DROPPED_CONTROL_OR_PRIVATE;
    }
    if (version < minVersion || version > maxVersion) {
      return Verdict.DROPPED_BAD_VERSION;
    }
    Mode replyMode;
    if (mode == Mode.CLIENT) {
      replyMode = Mode.SERVER;
    } else if (mode == Mode.SYMMETRIC_ACTIVE && answerSymmetricActive) {
      replyMode = Mode.SYMMETRIC_PASSIVE;
    } else {
      return Verdict.DROPPED_NOT_A_REQUEST;
    }
    // Only requests longer than the header are framed here (chrony's parse_packet): the steady
    // path of a plain 48-byte request needs no view.
    NtpPacketView framed = null;
    if (length != NtpWire.HEADER_LENGTH) {
      framed = VIEW.get().wrap(request, start, length);
      if (framed.check(parsePolicy) != null) {
        return Verdict.DROPPED_MALFORMED;
      }
      if (!framed.hasMac() && !framed.isCryptoNak()) {
        framed = null; // extension fields only: answered as a plain request
      }
    }
    if (response.remaining() < NtpWire.HEADER_LENGTH) {
      return Verdict.DROPPED_NO_ROOM;
    }
    int poll = Math.max(NtpWire.getI8(request, start + NtpWire.OFFSET_POLL), minimumPoll);
    long origin = NtpWire.getTimestamp(request, start + NtpWire.OFFSET_TRANSMIT_TIMESTAMP);
    if (!accessList.isAllowed(clientHigh, clientLow)) {
      if (accessList.denyAction() == AccessList.DenyAction.KOD_DENY) {
        writeKod(response, version, replyMode.code(), poll, KISS_DENY, origin);
        return Verdict.KOD_DENY;
      }
      return Verdict.DROPPED_ACCESS_DENIED;
    }
    if (rateLimiter != null) {
      RateLimiter.Decision decision = rateLimiter.check(clientHigh, clientLow);
      if (decision == RateLimiter.Decision.DROP) {
        return Verdict.DROPPED_RATE_LIMITED;
      }
      if (decision == RateLimiter.Decision.KOD) {
        writeKod(response, version, replyMode.code(), poll, KISS_RATE, origin);
        return Verdict.KOD_RATE;
      }
    }
    if (framed == null) {
      writeReply(response, version, replyMode.code(), poll, origin, receiveBits);
      return Verdict.ANSWERED;
    }
    return respondAuthenticated(framed, response, version, replyMode.code(), poll, origin, receiveBits);
  }

  private Verdict respondAuthenticated(NtpPacketView framed, ByteBuffer response, int version, int replyMode,
      int poll, long origin, long receiveBits) {
    SymmetricKey key = NtpAuthenticator.verifiedKey(framed, keys);
    if (key != null) {
      int macLength = NtpAuthenticator.macLength(key);
      // Same key, same MAC length: never longer than the request. The caller's buffer must hold it.
      if (response.remaining() < NtpWire.HEADER_LENGTH + macLength) {
        return Verdict.DROPPED_NO_ROOM;
      }
      int p = response.position();
      int limit = response.limit();
      writeReply(response, version, replyMode, poll, origin, receiveBits);
      response.limit(limit).position(p + NtpWire.HEADER_LENGTH);
      NtpAuthenticator.appendMac(response, p, key);
      response.limit(response.position()).position(p);
      return Verdict.ANSWERED_AUTHENTICATED;
    }
    if (cryptoNak && !framed.isCryptoNak()) {
      if (response.remaining() < NtpWire.HEADER_LENGTH + NtpWire.CRYPTO_NAK_LENGTH) {
        return Verdict.DROPPED_NO_ROOM;
      }
      int p = response.position();
      int limit = response.limit();
      writeReply(response, version, replyMode, poll, origin, receiveBits);
      response.limit(limit).position(p + NtpWire.HEADER_LENGTH);
      NtpAuthenticator.appendCryptoNak(response);
      response.limit(response.position()).position(p);
      return Verdict.CRYPTO_NAK;
    }
    return Verdict.DROPPED_AUTHENTICATION_FAILED;
  }

  private void writeReply(ByteBuffer out, int version, int mode, int poll, long origin, long receiveBits) {
    TimeSourceStatus status = timeSource.status();
    int p = out.position();
    int leap = status.leap().code();
    int stratum = status.stratum();
    if (stratum >= TimeSourceStatus.UNSYNCHRONIZED_STRATUM || leap == LEAP_UNSYNCHRONIZED) {
      leap = LEAP_UNSYNCHRONIZED;
      stratum = 0;
    }
    // Read the clock as late as possible: the last argument evaluated before the header is written.
    NtpWire.putHeader(out, p, leap, version, mode, stratum, poll, status.precision(), status.rootDelay().toBits(),
        status.rootDispersion().toBits(), status.referenceId().toBits(), status.referenceTime().toBits(), origin,
        receiveBits, timeSource.nowBits());
    out.limit(p + NtpWire.HEADER_LENGTH);
  }

  private static void writeKod(ByteBuffer out, int version, int mode, int poll, int code, long origin) {
    int p = out.position();
    NtpWire.putHeader(out, p, LEAP_UNSYNCHRONIZED, version, mode, 0, poll, 0, 0, 0, code, 0, origin, 0, 0);
    out.limit(p + NtpWire.HEADER_LENGTH);
  }

  /**
   * The source served from.
   *
   * @return the time source
   */
  public TimeSource timeSource() {
    return timeSource;
  }

  /**
   * The rate limiter, if any.
   *
   * @return the limiter, or null when rate limiting is off
   */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /**
   * The access list.
   *
   * @return the list ({@link AccessList#allowAll()} by default)
   */
  public AccessList accessList() {
    return accessList;
  }

  @Override
  public String toString() {
    return "NtpResponder{versions=" + minVersion + ".." + maxVersion + ", symmetricActive=" + answerSymmetricActive
        + ", " + accessList + ", rateLimiter=" + rateLimiter + "}";
  }

  /** Configures an {@link NtpResponder}. Not thread-safe. */
  public static final class Builder {
    private final TimeSource timeSource;
    private int minVersion = 1;
    private int maxVersion = 4;
    private boolean answerSymmetricActive = true;
    private AccessList accessList = AccessList.allowAll();
    private RateLimiter rateLimiter;
    private KeyLookup keys = KeyStore.empty();
    private boolean cryptoNak;

    private Builder(TimeSource timeSource) {
      this.timeSource = checkNotNull(timeSource, "timeSource");
    }

    /**
     * Sets the accepted request versions (default 1..4, RFC 5905 section 9.2).
     *
     * @param min lowest accepted version, 1..4
     * @param max highest accepted version, min..4
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder versions(int min, int max) {
      checkArgument(min >= 1 && max <= 4 && min <= max, "versions must satisfy 1 <= min <= max <= 4: %s..%s", min, max);
      this.minVersion = min;
      this.maxVersion = max;
      return this;
    }

    /**
     * Sets whether mode 1 (symmetric active) requests get a mode 2 reply (default true, as chrony).
     *
     * @param answer true to answer them
     * @return this builder
     */
    public Builder answerSymmetricActive(boolean answer) {
      this.answerSymmetricActive = answer;
      return this;
    }

    /**
     * Sets the access list (default {@link AccessList#allowAll()}).
     *
     * @param list the list
     * @return this builder
     */
    public Builder accessList(AccessList list) {
      this.accessList = checkNotNull(list, "list");
      return this;
    }

    /**
     * Turns rate limiting on (default off, as chrony).
     *
     * @param limiter the limiter; its table is shared by everything that uses this responder
     * @return this builder
     */
    public Builder rateLimiter(RateLimiter limiter) {
      this.rateLimiter = checkNotNull(limiter, "limiter");
      return this;
    }

    /**
     * Sets the symmetric keys requests may be authenticated with (default none). A request with a
     * valid MAC gets a reply signed with the same key; a request whose MAC names an unknown key or
     * does not verify is dropped, or gets a crypto-NAK if {@link #cryptoNak(boolean)} is on.
     *
     * @param keys the keys, for example a {@link org.ntpclock.codec.auth.KeyFile} parsed into a
     *     {@link KeyStore}
     * @return this builder
     */
    public Builder keys(KeyLookup keys) {
      this.keys = checkNotNull(keys, "keys");
      return this;
    }

    /**
     * Sets whether requests that fail authentication get a crypto-NAK (RFC 5905 section 9.2)
     * instead of silence. Default off: chrony 4 drops them ({@code ntp_core.c}: no reply unless the
     * authentication layer asks for a KoD), and a crypto-NAK is unauthenticated anyway
     * (CVE-2016-1547).
     *
     * @param enabled true to answer with a crypto-NAK
     * @return this builder
     */
    public Builder cryptoNak(boolean enabled) {
      this.cryptoNak = enabled;
      return this;
    }

    /**
     * The responder.
     *
     * @return a new responder
     */
    public NtpResponder build() {
      return new NtpResponder(this);
    }
  }
}
