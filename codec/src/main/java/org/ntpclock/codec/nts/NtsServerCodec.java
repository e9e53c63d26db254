package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ntpclock.codec.ExtensionField;
import org.ntpclock.codec.KissCode;
import org.ntpclock.codec.NtpPacket;

/**
 * The server side of NTS-protected NTP without I/O (RFC 8915 section 5): opening a request's cookie
 * and checking its Authenticator, then sealing the reply with fresh cookies, or answering an NTS NAK.
 *
 * <p>The reply is never longer than the request: it returns one cookie for the one used plus one
 * per placeholder, as many as fit in the request's length. No per-client state is kept: everything
 * a reply needs is in the request and its cookie. Thread-safe.
 */
public final class NtsServerCodec {
  private final NtsMasterKeys masterKeys;
  private final RandomGenerator random;
  /** Per thread, one engine rekeyed for each request's keys. */
  private final ThreadLocal<AesSiv> engine = ThreadLocal.withInitial(() -> new AesSiv(new byte[32]));

  /**
   * A codec.
   *
   * @param masterKeys the cookie keys
   * @param random reply nonces; a {@link java.security.SecureRandom} in production
   */
  public NtsServerCodec(NtsMasterKeys masterKeys, RandomGenerator random) {
    this.masterKeys = checkNotNull(masterKeys, "masterKeys");
    this.random = checkNotNull(random, "random");
  }

  /**
   * An opened, authenticated request.
   *
   * @param uniqueIdField the Unique Identifier field to echo
   * @param keys the association's keys from the cookie
   * @param cookiesWanted one plus the number of placeholders
   * @param requestLength the request datagram's length, which the reply must not exceed
   */
  public record Request(ExtensionField uniqueIdField, NtsKeys keys, int cookiesWanted, int requestLength) {}

  /**
   * A request whose cookie or Authenticator failed, to be answered with an NTS NAK.
   */
  public static final class NakException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ExtensionField uniqueIdField;

    NakException(ExtensionField uniqueIdField, NtsException cause) {
      super(cause.getMessage(), cause);
      this.uniqueIdField = uniqueIdField;
    }

    /**
     * The Unique Identifier field the NAK must echo.
     *
     * @return the field
     */
    public ExtensionField uniqueIdField() {
      return uniqueIdField;
    }

    /**
     * Why: {@link NtsException.Reason#COOKIE_INVALID} or
     * {@link NtsException.Reason#AUTHENTICATION_FAILED}.
     *
     * @return the reason
     */
    public NtsException.Reason reason() {
      return ((NtsException) getCause()).reason();
    }
  }

  /**
   * Opens a request that {@link NtsExtensionFields#isNts} says is one.
   *
   * @param request the decoded request
   * @param datagram the request as received (the Authenticator covers its octets)
   * @param offset where the datagram starts in the array
   * @return the request's keys and wishes
   * @throws NtsException {@link NtsException.Reason#BAD_EXTENSION_FIELD} if the NTS fields are
   *     malformed: no reply at all is due
   * @throws NakException if the cookie does not open or the Authenticator does not verify: an NTS
   *     NAK is due
   */
  public Request open(NtpPacket request, byte[] datagram, int offset) throws NtsException, NakException {
    List<ExtensionField> fields = request.extensionFields();
    ExtensionField uid = null;
    ExtensionField cookie = null;
    int placeholders = 0;
    int authIndex = -1;
    for (int i = 0; i < fields.size(); i++) {
      ExtensionField f = fields.get(i);
      if (authIndex >= 0) {
        throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, "field after the NTS Authenticator");
      }
      switch (f.type()) {
        case ExtensionField.NTS_UNIQUE_IDENTIFIER:
          if (uid != null) {
            throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, "two Unique Identifiers");
          }
          if (f.length() - 4 < NtsExtensionFields.UNIQUE_ID_LENGTH) {
            throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, "Unique Identifier shorter than 32 octets");
          }
          uid = f;
          break;
        case ExtensionField.NTS_COOKIE:
          if (cookie != null) {
            throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, "two cookies");
          }
          cookie = f;
          break;
        case ExtensionField.NTS_COOKIE_PLACEHOLDER:
          placeholders++;
          break;
        case ExtensionField.NTS_AUTHENTICATOR:
          authIndex = i;
          break;
        default:
          break;
      }
    }
    if (uid == null || cookie == null || authIndex < 0 || request.mac().isPresent()) {
      throw new NtsException(NtsException.Reason.BAD_EXTENSION_FIELD, "an NTS request needs a Unique Identifier, a cookie and a final Authenticator");
    }
    NtsExtensionFields.Authenticator auth = NtsExtensionFields.readAuthenticator(fields.get(authIndex));
    NtsKeys keys;
    try {
      keys = masterKeys.open(cookie.body());
      int authOffset = NtsExtensionFields.offsetOf(request, authIndex);
      byte[] ad = Arrays.copyOfRange(datagram, offset, offset + authOffset);
      // Encrypted fields from a client carry nothing this server acts on; decrypting checks them.
      NtsExtensionFields.readEncryptedFields(engine.get().rekey(keys.c2s()).open(auth.ciphertext(), ad, auth.nonce()));
    } catch (NtsException e) {
      throw new NakException(uid, e);
    }
    return new Request(uid, keys, 1 + placeholders, request.encodedLength());
  }

  /**
   * Seals a reply: the header, the echoed Unique Identifier, and an Authenticator whose encrypted
   * part holds the new cookies.
   *
   * @param header the reply packet as the responder built it, without extension fields or MAC
   * @param request the opened request
   * @return the reply datagram, no longer than the request
   */
  public byte[] seal(NtpPacket header, Request request) {
    NtpPacket unsealed = header.toBuilder().clearExtensionFields().noMac().addExtensionField(request.uniqueIdField()).build();
    byte[] ad = new byte[unsealed.encodedLength()];
    unsealed.encode(ByteBuffer.wrap(ad));
    int cookieFieldLength = NtsExtensionFields.cookie(new byte[NtsMasterKeys.cookieLength(request.keys().aead())]).length();
    int fixed = ad.length + 4 + 4 + NtsExtensionFields.NONCE_LENGTH + AesSiv.TAG_LENGTH;
    int fit = Math.max(0, (request.requestLength() - fixed) / cookieFieldLength);
    int count = Math.min(Math.min(request.cookiesWanted(), NtsKeClientProtocol.MAX_COOKIES), fit);
    List<ExtensionField> cookies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      cookies.add(NtsExtensionFields.cookie(masterKeys.seal(request.keys())));
    }
    byte[] nonce = new byte[NtsExtensionFields.NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] ciphertext = engine.get().rekey(request.keys().s2c()).seal(NtsExtensionFields.encodeFields(cookies), ad, nonce);
    ExtensionField auth = NtsExtensionFields.authenticator(nonce, ciphertext);
    ByteBuffer out = ByteBuffer.allocate(ad.length + auth.length());
    out.put(ad);
    auth.encode(out);
    return out.array();
  }

  /**
   * An NTS NAK: a kiss-o'-death with code NTSN echoing the Unique Identifier, unauthenticated.
   *
   * @param header the reply packet as the responder built it
   * @param uniqueIdField the request's Unique Identifier field
   * @return the datagram
   */
  public static byte[] nak(NtpPacket header, ExtensionField uniqueIdField) {
    NtpPacket nak = header.toBuilder().clearExtensionFields().noMac().stratum(0).kissCode(KissCode.NTSN)
        .addExtensionField(uniqueIdField).build();
    byte[] out = new byte[nak.encodedLength()];
    nak.encode(ByteBuffer.wrap(out));
    return out;
  }
}
