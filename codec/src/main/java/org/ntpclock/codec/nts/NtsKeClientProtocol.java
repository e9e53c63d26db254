package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkArgument;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The client side of NTS-KE without I/O (RFC 8915 section 4): the request it sends and the checks
 * on the server's response. The transport runs TLS, sends {@link #request}, collects one message
 * and hands it to {@link #parseResponse}.
 */
public final class NtsKeClientProtocol {
  /** The most cookies kept from one response: eight, as every implementation sends. */
  public static final int MAX_COOKIES = 8;
  /** The longest cookie accepted. */
  public static final int MAX_COOKIE_LENGTH = 1024;

  private NtsKeClientProtocol() {}

  /**
   * The request: Next Protocol (NTPv4), the AEADs in order of preference, End of Message.
   *
   * @param aeads the algorithms offered, most preferred first, at least one
   * @return the message octets
   */
  public static byte[] request(List<AeadAlgorithm> aeads) {
    checkArgument(!aeads.isEmpty(), "offer at least one AEAD");
    int[] ids = aeads.stream().mapToInt(AeadAlgorithm::id).toArray();
    return NtsKeMessage.encode(List.of(
        NtsKeRecord.ofU16s(true, NtsKeRecord.NEXT_PROTOCOL, NtsKeRecord.PROTOCOL_NTPV4),
        NtsKeRecord.ofU16s(true, NtsKeRecord.AEAD_ALGORITHM, ids)));
  }

  /**
   * Checks a server's response.
   *
   * @param message the response octets, through End of Message
   * @param offered the AEADs the request offered
   * @return what was negotiated
   * @throws NtsException {@link NtsException.Reason#SERVER_ERROR} for an Error record,
   *     {@link NtsException.Reason#UNKNOWN_CRITICAL_RECORD}, {@link NtsException.Reason#NO_COMMON_PROTOCOL},
   *     {@link NtsException.Reason#NO_COMMON_AEAD}, {@link NtsException.Reason#NO_COOKIES}, or a
   *     malformed message
   */
  public static NtsKeResponse parseResponse(byte[] message, List<AeadAlgorithm> offered) throws NtsException {
    List<NtsKeRecord> records = NtsKeMessage.decode(message);
    int[] protocols = null;
    int[] aeads = null;
    String server = null;
    Integer port = null;
    List<byte[]> cookies = new ArrayList<>();
    List<Integer> warnings = new ArrayList<>();
    for (NtsKeRecord r : records) {
      switch (r.type()) {
        case NtsKeRecord.END_OF_MESSAGE:
          break;
        case NtsKeRecord.ERROR:
          throw new NtsException(NtsException.Reason.SERVER_ERROR, "server sent NTS-KE error " + single(r) + " (" + errorName(single(r)) + ")");
        case NtsKeRecord.WARNING:
          warnings.add(single(r));
          break;
        case NtsKeRecord.NEXT_PROTOCOL:
          protocols = once(protocols, r);
          break;
        case NtsKeRecord.AEAD_ALGORITHM:
          aeads = once(aeads, r);
          break;
        case NtsKeRecord.NEW_COOKIE:
          if (r.bodyLength() == 0 || r.bodyLength() > MAX_COOKIE_LENGTH) {
            throw new NtsException(NtsException.Reason.RECORD_MALFORMED, "cookie of " + r.bodyLength() + " octets");
          }
          if (cookies.size() < MAX_COOKIES) {
            cookies.add(r.body());
          }
          break;
        case NtsKeRecord.SERVER:
          if (server != null) {
            throw new NtsException(NtsException.Reason.BAD_MESSAGE, "more than one Server Negotiation record");
          }
          server = ascii(r);
          break;
        case NtsKeRecord.PORT:
          if (port != null) {
            throw new NtsException(NtsException.Reason.BAD_MESSAGE, "more than one Port Negotiation record");
          }
          port = single(r);
          break;
        default:
          if (r.critical()) {
            throw new NtsException(NtsException.Reason.UNKNOWN_CRITICAL_RECORD, "server sent critical record type " + r.type());
          }
      }
    }
    if (protocols == null || protocols.length == 0) {
      throw new NtsException(NtsException.Reason.NO_COMMON_PROTOCOL, "server offers no next protocol");
    }
    if (protocols.length != 1 || protocols[0] != NtsKeRecord.PROTOCOL_NTPV4) {
      throw new NtsException(NtsException.Reason.NO_COMMON_PROTOCOL, "server chose protocols " + java.util.Arrays.toString(protocols) + ", not NTPv4 alone");
    }
    if (aeads == null || aeads.length == 0) {
      throw new NtsException(NtsException.Reason.NO_COMMON_AEAD, "server chose no AEAD from " + offered);
    }
    if (aeads.length != 1) {
      throw new NtsException(NtsException.Reason.BAD_MESSAGE, "server chose " + aeads.length + " AEADs");
    }
    int chosen = aeads[0];
    AeadAlgorithm aead = AeadAlgorithm.ofId(chosen).filter(offered::contains)
        .orElseThrow(() -> new NtsException(NtsException.Reason.NO_COMMON_AEAD, "server chose AEAD " + chosen + ", not one of " + offered));
    if (cookies.isEmpty()) {
      throw new NtsException(NtsException.Reason.NO_COOKIES, "server sent no cookie");
    }
    return new NtsKeResponse(aead, cookies, Optional.ofNullable(server), port == null ? OptionalInt.empty() : OptionalInt.of(port), warnings);
  }

  static int[] once(int[] seen, NtsKeRecord r) throws NtsException {
    if (seen != null) {
      throw new NtsException(NtsException.Reason.BAD_MESSAGE, "record type " + r.type() + " appears twice");
    }
    return r.u16s();
  }

  static int single(NtsKeRecord r) throws NtsException {
    int[] values = r.u16s();
    if (values.length != 1) {
      throw new NtsException(NtsException.Reason.RECORD_MALFORMED, "record type " + r.type() + " must hold one 16-bit value, has " + values.length);
    }
    return values[0];
  }

  static String ascii(NtsKeRecord r) throws NtsException {
    byte[] body = r.body();
    if (body.length == 0 || body.length > 255) {
      throw new NtsException(NtsException.Reason.RECORD_MALFORMED, "server name of " + body.length + " octets");
    }
    for (byte b : body) {
      if (b <= 0x20 || b >= 0x7F) {
        throw new NtsException(NtsException.Reason.RECORD_MALFORMED, "server name is not printable ASCII");
      }
    }
    return new String(body, StandardCharsets.US_ASCII);
  }

  static String errorName(int code) {
    switch (code) {
      case NtsKeRecord.ERROR_UNRECOGNIZED_CRITICAL:
        return "unrecognized critical record";
      case NtsKeRecord.ERROR_BAD_REQUEST:
        return "bad request";
      case NtsKeRecord.ERROR_INTERNAL:
        return "internal server error";
      default:
        return "unknown";
    }
  }
}
