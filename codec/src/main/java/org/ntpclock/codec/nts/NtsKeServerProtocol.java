package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The server side of NTS-KE without I/O (RFC 8915 section 4): reads a client's request, chooses
 * the protocol and AEAD, derives the keys through the TLS exporter, and answers with cookies sealed
 * under the {@link NtsMasterKeys} — or with an Error record. Thread-safe; keeps no client state.
 */
public final class NtsKeServerProtocol {
  /** Cookies per response: eight, as RFC 8915 section 4 suggests. */
  public static final int COOKIES = 8;

  private final NtsMasterKeys masterKeys;
  private final List<AeadAlgorithm> supported;
  private final Optional<String> server;
  private final OptionalInt port;

  /**
   * A server.
   *
   * @param masterKeys the cookie keys
   * @param supported the AEADs this server accepts, at least one
   * @param server the NTPv4 server to name in responses, if not the NTS-KE host
   * @param port the NTPv4 port to name in responses, if not 123
   */
  public NtsKeServerProtocol(NtsMasterKeys masterKeys, List<AeadAlgorithm> supported, Optional<String> server, OptionalInt port) {
    this.masterKeys = checkNotNull(masterKeys, "masterKeys");
    checkArgument(!supported.isEmpty(), "support at least one AEAD");
    this.supported = List.copyOf(supported);
    this.server = checkNotNull(server, "server");
    this.port = checkNotNull(port, "port");
    port.ifPresent(p -> checkArgument(p > 0 && p <= 0xFFFF, "port out of range: %s", p));
  }

  /**
   * The outcome of one request.
   *
   * @param message the response octets to send
   * @param aead the AEAD negotiated, empty when the response is an error or refusal
   * @param failure why the request was refused, empty on success
   */
  public record Outcome(byte[] message, Optional<AeadAlgorithm> aead, Optional<NtsException> failure) {}

  /**
   * Answers one request.
   *
   * @param request the client's message, through End of Message
   * @param exporter the TLS exporter of this connection
   * @return the response and what happened
   */
  public Outcome respond(byte[] request, KeyExporter exporter) {
    List<NtsKeRecord> records;
    try {
      records = NtsKeMessage.decode(request);
    } catch (NtsException e) {
      return error(NtsKeRecord.ERROR_BAD_REQUEST, e);
    }
    int[] protocols = null;
    int[] aeads = null;
    try {
      for (NtsKeRecord r : records) {
        switch (r.type()) {
          case NtsKeRecord.NEXT_PROTOCOL:
            protocols = NtsKeClientProtocol.once(protocols, r);
            break;
          case NtsKeRecord.AEAD_ALGORITHM:
            aeads = NtsKeClientProtocol.once(aeads, r);
            break;
          case NtsKeRecord.ERROR:
          case NtsKeRecord.NEW_COOKIE:
            throw new NtsException(NtsException.Reason.BAD_MESSAGE, "a client must not send record type " + r.type());
          case NtsKeRecord.END_OF_MESSAGE:
          case NtsKeRecord.WARNING:
          case NtsKeRecord.SERVER:
          case NtsKeRecord.PORT:
            break;
          default:
            if (r.critical()) {
              return error(NtsKeRecord.ERROR_UNRECOGNIZED_CRITICAL,
                  new NtsException(NtsException.Reason.UNKNOWN_CRITICAL_RECORD, "client sent critical record type " + r.type()));
            }
        }
      }
      if (protocols == null) {
        throw new NtsException(NtsException.Reason.BAD_MESSAGE, "no Next Protocol record");
      }
    } catch (NtsException e) {
      return error(NtsKeRecord.ERROR_BAD_REQUEST, e);
    }
    if (!contains(protocols, NtsKeRecord.PROTOCOL_NTPV4)) {
      // No protocol in common: an empty Next Protocol record says so (RFC 8915 section 4.1.2).
      return new Outcome(NtsKeMessage.encode(List.of(NtsKeRecord.ofU16s(true, NtsKeRecord.NEXT_PROTOCOL))), Optional.empty(),
          Optional.of(new NtsException(NtsException.Reason.NO_COMMON_PROTOCOL, "client offered no NTPv4")));
    }
    if (aeads == null) {
      return error(NtsKeRecord.ERROR_BAD_REQUEST, new NtsException(NtsException.Reason.BAD_MESSAGE, "NTPv4 offered without an AEAD record"));
    }
    Optional<AeadAlgorithm> chosen = Optional.empty();
    for (int id : aeads) {
      Optional<AeadAlgorithm> a = AeadAlgorithm.ofId(id).filter(supported::contains);
      if (a.isPresent()) {
        chosen = a;
        break;
      }
    }
    List<NtsKeRecord> response = new ArrayList<>();
    response.add(NtsKeRecord.ofU16s(true, NtsKeRecord.NEXT_PROTOCOL, NtsKeRecord.PROTOCOL_NTPV4));
    if (chosen.isEmpty()) {
      // None of the client's algorithms: an empty AEAD record and no cookies.
      response.add(NtsKeRecord.ofU16s(true, NtsKeRecord.AEAD_ALGORITHM));
      return new Outcome(NtsKeMessage.encode(response), Optional.empty(),
          Optional.of(new NtsException(NtsException.Reason.NO_COMMON_AEAD, "client offered none of " + supported)));
    }
    AeadAlgorithm aead = chosen.get();
    NtsKeys keys;
    try {
      keys = NtsKeys.derive(exporter, aead);
    } catch (NtsException e) {
      return error(NtsKeRecord.ERROR_INTERNAL, e);
    }
    response.add(NtsKeRecord.ofU16s(true, NtsKeRecord.AEAD_ALGORITHM, aead.id()));
    server.ifPresent(s -> response.add(NtsKeRecord.ofAscii(true, NtsKeRecord.SERVER, s)));
    port.ifPresent(p -> response.add(NtsKeRecord.ofU16s(true, NtsKeRecord.PORT, p)));
    for (int i = 0; i < COOKIES; i++) {
      response.add(NtsKeRecord.of(false, NtsKeRecord.NEW_COOKIE, masterKeys.seal(keys)));
    }
    return new Outcome(NtsKeMessage.encode(response), Optional.of(aead), Optional.empty());
  }

  private static Outcome error(int code, NtsException why) {
    return new Outcome(NtsKeMessage.encode(List.of(NtsKeRecord.ofU16s(true, NtsKeRecord.ERROR, code))), Optional.empty(), Optional.of(why));
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }
}
