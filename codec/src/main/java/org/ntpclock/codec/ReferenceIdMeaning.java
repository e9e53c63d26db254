package org.ntpclock.codec;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.ntpclock.core.ReferenceId;

/**
 * What the reference id of a header means for its stratum (RFC 5905 section 7.3): a kiss code at
 * stratum 0, an ASCII reference-clock name at stratum 1, an upstream server (IPv4 address or the
 * first four octets of the MD5 hash of an IPv6 address) at stratum 2..15, and nothing defined
 * otherwise. The raw bytes are always kept; the interpretation never loses them.
 *
 * <p>An IPv4 address and an IPv6 hash cannot be told apart on the wire;
 * {@link Upstream#matches(InetAddress)} answers the question that can be decided: is it this server?
 */
public sealed interface ReferenceIdMeaning
    permits ReferenceIdMeaning.Kiss, ReferenceIdMeaning.ReferenceClock, ReferenceIdMeaning.Upstream,
        ReferenceIdMeaning.Unidentified {

  /**
   * The raw identifier.
   *
   * @return the four bytes
   */
  ReferenceId referenceId();

  /**
   * Interprets a reference id for a wire stratum.
   *
   * @param stratum the header stratum, 0..255
   * @param referenceId the identifier
   * @return {@link Kiss} for stratum 0 with ASCII bytes, {@link ReferenceClock} for stratum 1 with
   *     ASCII bytes, {@link Upstream} for stratum 2..15, {@link Unidentified} otherwise
   * @throws IllegalArgumentException if the stratum is not 0..255
   */
  static ReferenceIdMeaning of(int stratum, ReferenceId referenceId) {
    checkArgument(stratum >= 0 && stratum <= 255, "stratum out of range 0..255: %s", stratum);
    checkNotNull(referenceId, "referenceId");
    if (stratum == 0 && referenceId.isAscii()) {
      return new Kiss(referenceId);
    }
    if (stratum == 1 && referenceId.isAscii()) {
      return new ReferenceClock(referenceId);
    }
    if (stratum >= 2 && stratum <= 15) {
      return new Upstream(referenceId);
    }
    return new Unidentified(referenceId);
  }

  /**
   * A kiss code (stratum 0, ASCII).
   *
   * @param referenceId the raw bytes
   */
  record Kiss(ReferenceId referenceId) implements ReferenceIdMeaning {
    /**
     * Checks the bytes.
     *
     * @param referenceId the raw bytes, ASCII
     */
    public Kiss {
      checkArgument(referenceId.isAscii(), "kiss code is not ASCII: %s", referenceId);
    }

    /**
     * The registered code, if it is one.
     *
     * @return the code, or empty for an unregistered (for example experimental {@code X...}) code
     */
    public Optional<KissCode> code() {
      return KissCode.of(referenceId);
    }

    /**
     * The reaction RFC 5905 section 7.4 requires; see {@link KissCode#reactionTo(int)}.
     *
     * @return the reaction
     */
    public KissCode.Reaction reaction() {
      return KissCode.reactionTo(referenceId.toBits());
    }

    /**
     * The code as text.
     *
     * @return one to four ASCII characters, for example {@code RATE}
     */
    public String text() {
      return referenceId.toAscii();
    }
  }

  /**
   * A reference-clock name of a primary server (stratum 1, ASCII), for example {@code GPS},
   * {@code PPS}, {@code DCF}; names starting with {@code X} are experimental.
   *
   * @param referenceId the raw bytes
   */
  record ReferenceClock(ReferenceId referenceId) implements ReferenceIdMeaning {
    /**
     * Checks the bytes.
     *
     * @param referenceId the raw bytes, ASCII
     */
    public ReferenceClock {
      checkArgument(referenceId.isAscii(), "reference clock id is not ASCII: %s", referenceId);
    }

    /**
     * The name.
     *
     * @return one to four ASCII characters
     */
    public String name() {
      return referenceId.toAscii();
    }
  }

  /**
   * The upstream server of a secondary server (stratum 2..15): its IPv4 address, or the first four
   * octets of the MD5 hash of its IPv6 address.
   *
   * @param referenceId the raw bytes
   */
  record Upstream(ReferenceId referenceId) implements ReferenceIdMeaning {
    /**
     * Checks the argument.
     *
     * @param referenceId the raw bytes
     */
    public Upstream {
      checkNotNull(referenceId, "referenceId");
    }

    /**
     * The bytes read as an IPv4 address (which they are unless the upstream is an IPv6 server).
     *
     * @return the address
     */
    public Inet4Address toInet4Address() {
      try {
        return (Inet4Address) InetAddress.getByAddress(referenceId.toBytes());
      } catch (UnknownHostException e) {
        throw new AssertionError("four bytes are always an IPv4 address", e);
      }
    }

    /**
     * Whether this identifies the given server: equal IPv4 bytes, or the MD5 prefix of an IPv6
     * address (an IPv4-mapped IPv6 address reaches Java as an {@link Inet4Address}).
     *
     * @param address a server address
     * @return true if the reference id names it
     */
    public boolean matches(InetAddress address) {
      checkNotNull(address, "address");
      if (address instanceof Inet4Address) {
        return ReferenceId.ofIpv4((Inet4Address) address).equals(referenceId);
      }
      return ReferenceId.ofIpv6((Inet6Address) address).equals(referenceId);
    }
  }

  /**
   * No meaning defined: stratum 0 or 1 with non-ASCII bytes (for example all zero, "unspecified"),
   * or stratum 16 and above (unsynchronized or reserved).
   *
   * @param referenceId the raw bytes
   */
  record Unidentified(ReferenceId referenceId) implements ReferenceIdMeaning {
    /**
     * Checks the argument.
     *
     * @param referenceId the raw bytes
     */
    public Unidentified {
      checkNotNull(referenceId, "referenceId");
    }
  }
}
