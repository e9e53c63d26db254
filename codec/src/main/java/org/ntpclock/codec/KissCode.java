package org.ntpclock.codec;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.util.Optional;
import org.ntpclock.core.ReferenceId;

/**
 * The kiss-o'-death codes of the IANA registry (RFC 5905 section 7.4, Figure 13; NTSN from
 * RFC 8915 section 5.7). A kiss-o'-death packet has stratum 0 and carries its code as four ASCII
 * characters, left-justified and zero-filled, in the reference id. Its receive and transmit
 * timestamps are undefined and must never be used (RFC 5905 section 7.4), whatever the code.
 *
 * <p>Each code knows the {@link Reaction} RFC 5905 (and RFC 8915 for NTSN) requires of a client.
 * A kiss-o'-death is unauthenticated unless NTS protects it; whether a client obeys
 * {@link Reaction#DEMOBILIZE} from a spoofable packet is the client engine's policy (ntpd-rs only
 * remembers it).
 */
public enum KissCode {
  /** The association belongs to a unicast server. */
  ACST(Reaction.DISCARD),
  /** Server authentication failed. */
  AUTH(Reaction.DISCARD),
  /** Autokey sequence failed. */
  AUTO(Reaction.DISCARD),
  /** The association belongs to a broadcast server. */
  BCST(Reaction.DISCARD),
  /** Cryptographic authentication or identification failed. */
  CRYP(Reaction.DISCARD),
  /** Access denied by the remote server: the client must demobilize (RFC 5905 section 7.4a). */
  DENY(Reaction.DEMOBILIZE),
  /** Lost peer in symmetric mode. */
  DROP(Reaction.DISCARD),
  /** Access denied due to local policy: the client must demobilize (RFC 5905 section 7.4a). */
  RSTR(Reaction.DEMOBILIZE),
  /** The association has not yet synchronized for the first time (transient). */
  INIT(Reaction.DISCARD),
  /** The association belongs to a dynamically discovered server. */
  MCST(Reaction.DISCARD),
  /** No key found: either the key was never installed or it is not trusted. */
  NKEY(Reaction.DISCARD),
  /** NTS negative acknowledgment (RFC 8915 section 5.7): drop cookies and keys, redo NTS-KE. */
  NTSN(Reaction.REKEY_NTS),
  /**
   * Rate exceeded: the client must immediately reduce its polling rate, and again at every further
   * RATE (RFC 5905 section 7.4b).
   */
  RATE(Reaction.REDUCE_RATE),
  /** Alteration of association from a remote host running ntpdc. */
  RMOT(Reaction.DISCARD),
  /** A step change in system time has occurred, but the association has not yet resynchronized. */
  STEP(Reaction.DISCARD);

  private static final KissCode[] VALUES = values();

  private final Reaction reaction;
  private final int bits;

  KissCode(Reaction reaction) {
    this.reaction = reaction;
    this.bits = ReferenceId.ofAscii(name()).toBits();
  }

  /**
   * What a client must do on receiving this code.
   *
   * @return the reaction
   */
  public Reaction reaction() {
    return reaction;
  }

  /**
   * The reference id that carries this code.
   *
   * @return four ASCII bytes
   */
  public ReferenceId toReferenceId() {
    return ReferenceId.ofBits(bits);
  }

  /**
   * The raw reference-id bits that carry this code, for allocation-free writers.
   *
   * @return four ASCII bytes, big-endian
   */
  public int toBits() {
    return bits;
  }

  /**
   * The registered code a reference id carries.
   *
   * @param referenceId the reference id of a stratum-0 packet
   * @return the code, or empty if the bytes are not a registered code
   */
  public static Optional<KissCode> of(ReferenceId referenceId) {
    checkNotNull(referenceId, "referenceId");
    return Optional.ofNullable(ofBits(referenceId.toBits()));
  }

  /**
   * The registered code the raw reference-id bits carry, without allocating.
   *
   * @param referenceIdBits the four reference-id bytes, big-endian
   * @return the code, or {@code null} if the bits are not a registered code
   */
  public static KissCode ofBits(int referenceIdBits) {
    for (KissCode code : VALUES) {
      if (code.bits == referenceIdBits) {
        return code;
      }
    }
    return null;
  }

  /**
   * The reaction RFC 5905 section 7.4 requires to any kiss code, registered or not: the code's own
   * reaction if registered; {@link Reaction#IGNORE} for an unrecognized experimental code (first
   * byte {@code X}, section 7.4c); {@link Reaction#DISCARD} for anything else (section 7.4d).
   * Allocates nothing.
   *
   * @param referenceIdBits the four reference-id bytes of a stratum-0 packet, big-endian
   * @return the reaction
   */
  public static Reaction reactionTo(int referenceIdBits) {
    KissCode code = ofBits(referenceIdBits);
    if (code != null) {
      return code.reaction;
    }
    return (referenceIdBits >>> 24) == 'X' ? Reaction.IGNORE : Reaction.DISCARD;
  }

  /**
   * What a client does on a kiss-o'-death. In every case the packet's time is not used
   * (RFC 5905 section 7.4).
   */
  public enum Reaction {
    /**
     * Demobilize the association and stop sending to that server (DENY, RSTR; RFC 5905
     * section 7.4a; RFC 4330 section 8 says switch to another server).
     */
    DEMOBILIZE,
    /** Reduce the polling rate immediately and on every further RATE (RFC 5905 section 7.4b). */
    REDUCE_RATE,
    /**
     * Discard NTS cookies and keys and run NTS-KE again (RFC 8915 section 5.7); an unauthenticated
     * NAK alone must not end service.
     */
    REKEY_NTS,
    /** Informational: inspect, then discard the packet (RFC 5905 section 7.4d). */
    DISCARD,
    /** An unrecognized experimental {@code X...} code: ignore it (RFC 5905 section 7.4c). */
    IGNORE
  }
}
