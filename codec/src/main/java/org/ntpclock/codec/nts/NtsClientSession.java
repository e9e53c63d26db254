package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ntpclock.codec.ExtensionField;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;

/**
 * The client side of NTS-protected NTP without I/O (RFC 8915 section 5): the keys and cookies one
 * NTS-KE gave, turned into protected requests and checked replies.
 *
 * <p>Each request carries a fresh random Unique Identifier, one cookie (never used again), enough
 * placeholders to get back to {@link NtsKeClientProtocol#MAX_COOKIES} cookies, and an Authenticator
 * over everything before it. A reply counts only if its Unique Identifier echoes a request still
 * outstanding, its Authenticator verifies under the server-to-client key, and no reply to that
 * request was accepted before; the new cookies come from its encrypted part. A matching NTS NAK
 * drops every cookie: the caller must run NTS-KE again ({@link #needsKeyExchange()}).
 *
 * <p>Not thread-safe: one session per client association, used by one thread at a time.
 */
public final class NtsClientSession {
  /** Requests remembered as outstanding, and replies remembered as accepted. */
  static final int REMEMBERED = 8;

  private final AeadAlgorithm aead;
  private final AesSiv c2s;
  private final AesSiv s2c;
  private final Deque<byte[]> cookies = new ArrayDeque<>();
  private final Deque<byte[]> outstanding = new ArrayDeque<>();
  private final Deque<byte[]> answered = new ArrayDeque<>();
  private final RandomGenerator random;
  private final int maxExtensionBytes;

  private NtsClientSession(NtsKeys keys, List<byte[]> cookies, RandomGenerator random, int maxExtensionBytes) {
    this.aead = keys.aead();
    this.c2s = new AesSiv(keys.c2s());
    this.s2c = new AesSiv(keys.s2c());
    cookies.forEach(c -> this.cookies.add(c.clone()));
    this.random = random;
    this.maxExtensionBytes = maxExtensionBytes;
  }

  /**
   * A session from a finished key exchange.
   *
   * @param keys the keys the TLS exporter gave
   * @param response the server's NTS-KE response (its cookies are copied)
   * @param random Unique Identifiers and nonces; a {@link java.security.SecureRandom} in production
   * @return the session
   */
  public static NtsClientSession of(NtsKeys keys, NtsKeResponse response, RandomGenerator random) {
    checkArgument(keys.aead() == response.aead(), "keys for %s, response for %s", keys.aead(), response.aead());
    return new NtsClientSession(keys, response.cookies(), checkNotNull(random, "random"), ParsePolicy.DEFAULT_MAX_EXTENSION_FIELD_BYTES);
  }

  /**
   * The AEAD of this session.
   *
   * @return the algorithm
   */
  public AeadAlgorithm aead() {
    return aead;
  }

  /**
   * Cookies left.
   *
   * @return 0..8
   */
  public int cookieCount() {
    return cookies.size();
  }

  /**
   * Whether NTS-KE must run again: no cookie is left (used up, or dropped on an NTS NAK).
   *
   * @return true if no request can be made
   */
  public boolean needsKeyExchange() {
    return cookies.isEmpty();
  }

  /**
   * Protects a request: the packet's header followed by the NTS fields.
   *
   * @param request a client packet without extension fields or MAC
   * @return the datagram to send
   * @throws NtsException {@link NtsException.Reason#NO_COOKIES} when none is left
   */
  public byte[] protect(NtpPacket request) throws NtsException {
    checkArgument(request.extensionFields().isEmpty() && request.mac().isEmpty(), "the request must have no extension fields or MAC");
    byte[] cookie = cookies.pollFirst();
    if (cookie == null) {
      throw new NtsException(NtsException.Reason.NO_COOKIES, "every cookie has been used; run NTS-KE again");
    }
    byte[] uid = new byte[NtsExtensionFields.UNIQUE_ID_LENGTH];
    random.nextBytes(uid);
    ExtensionField cookieField = NtsExtensionFields.cookie(cookie);
    ExtensionField uidField = NtsExtensionFields.uniqueIdentifier(uid);
    int authLength = 4 + 4 + NtsExtensionFields.NONCE_LENGTH + AesSiv.TAG_LENGTH;
    // Ask for the cookies this one and any lost ones leave missing, as far as the packet allows.
    int room = (maxExtensionBytes - uidField.length() - cookieField.length() - authLength) / cookieField.length();
    int placeholders = Math.max(0, Math.min(NtsKeClientProtocol.MAX_COOKIES - 1 - cookies.size(), room));
    NtpPacket.Builder b = request.toBuilder().addExtensionField(uidField).addExtensionField(cookieField);
    for (int i = 0; i < placeholders; i++) {
      b.addExtensionField(NtsExtensionFields.placeholder(cookie.length));
    }
    NtpPacket unsealed = b.build();
    byte[] ad = new byte[unsealed.encodedLength()];
    unsealed.encode(ByteBuffer.wrap(ad));
    byte[] nonce = new byte[NtsExtensionFields.NONCE_LENGTH];
    random.nextBytes(nonce);
    ExtensionField auth = NtsExtensionFields.authenticator(nonce, c2s.seal(new byte[0], ad, nonce));
    ByteBuffer out = ByteBuffer.allocate(ad.length + auth.length());
    out.put(ad);
    auth.encode(out);
    remember(outstanding, uid);
    return out.array();
  }

  /**
   * Checks a reply and takes its cookies.
   *
   * @param datagram the reply as received
   * @return the decoded reply, authenticated; its timestamps still need the usual validation
   * @throws NtsException {@link NtsException.Reason#UNIQUE_ID_MISMATCH},
   *     {@link NtsException.Reason#REPLAYED_REPLY}, {@link NtsException.Reason#NTS_NAK} (cookies are
   *     dropped), {@link NtsException.Reason#AUTHENTICATION_FAILED} or
   *     {@link NtsException.Reason#BAD_EXTENSION_FIELD}
   */
  public NtpPacket verify(byte[] datagram) throws NtsException {
    NtpPacket reply;
    try {
      reply = NtpPacket.decode(datagram, ParsePolicy.client());
    } catch (NtpDecodeException e) {
      throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, e.offset(), "reply does not decode: " + e.getMessage(), e);
    }
    List<ExtensionField> fields = reply.extensionFields();
    Optional<ExtensionField> uidField = fields.stream().filter(f -> f.type() == ExtensionField.NTS_UNIQUE_IDENTIFIER).findFirst();
    if (uidField.isEmpty()) {
      throw new NtsException(NtsException.Reason.UNIQUE_ID_MISMATCH, "reply has no Unique Identifier");
    }
    byte[] uid = uidField.get().body();
    if (contains(answered, uid)) {
      throw new NtsException(NtsException.Reason.REPLAYED_REPLY, "a reply to this request was already accepted");
    }
    if (!contains(outstanding, uid)) {
      throw new NtsException(NtsException.Reason.UNIQUE_ID_MISMATCH, "reply's Unique Identifier matches no outstanding request");
    }
    if (reply.isKissOfDeath() && reply.kissCode().filter(k -> k == KissCode.NTSN).isPresent()) {
      // Unauthenticated by design (the server could not open our cookie), but it echoes our id.
      forget(outstanding, uid);
      cookies.clear();
      throw new NtsException(NtsException.Reason.NTS_NAK, "server sent an NTS NAK: run NTS-KE again");
    }
    int authIndex = -1;
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).type() == ExtensionField.NTS_AUTHENTICATOR) {
        authIndex = i;
        break;
      }
    }
    if (authIndex < 0) {
      throw new NtsException(NtsException.Reason.AUTHENTICATION_FAILED, "reply has no NTS Authenticator");
    }
    if (authIndex != fields.size() - 1 || reply.mac().isPresent()) {
      throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, "unauthenticated data after the NTS Authenticator");
    }
    int authOffset = NtsExtensionFields.offsetOf(reply, authIndex);
    if (NtsExtensionFields.offsetOf(reply, fields.indexOf(uidField.get())) > authOffset) {
      throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, "Unique Identifier after the Authenticator");
    }
    NtsExtensionFields.Authenticator auth = NtsExtensionFields.readAuthenticator(fields.get(authIndex));
    byte[] ad = Arrays.copyOf(datagram, authOffset);
    byte[] plaintext = s2c.open(auth.ciphertext(), ad, auth.nonce());
    List<ExtensionField> inner = NtsExtensionFields.readEncryptedFields(plaintext);
    forget(outstanding, uid);
    remember(answered, uid);
    for (ExtensionField f : inner) {
      if (f.type() == ExtensionField.NTS_COOKIE && cookies.size() < NtsKeClientProtocol.MAX_COOKIES && f.length() > 4) {
        cookies.addLast(f.body());
      }
    }
    return reply;
  }

  private static void remember(Deque<byte[]> ids, byte[] id) {
    if (ids.size() == REMEMBERED) {
      ids.pollFirst();
    }
    ids.addLast(id);
  }

  private static boolean contains(Deque<byte[]> ids, byte[] id) {
    return ids.stream().anyMatch(x -> Arrays.equals(x, id));
  }

  private static void forget(Deque<byte[]> ids, byte[] id) {
    ids.removeIf(x -> Arrays.equals(x, id));
  }
}
