package org.ntpclock.codec.server;

import java.nio.ByteBuffer;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.NtpWire;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.nts.NtsExtensionFields;
import org.ntpclock.codec.nts.NtsServerCodec;

/**
 * The NTS step of {@link NtpResponder}: turns the plain reply the responder has just written into
 * an NTS-protected one, or an NTS NAK, or withdraws it. Off the allocation-free path: only requests
 * with extension fields and no MAC come here.
 */
final class NtsReplies {
  private NtsReplies() {}

  /**
   * Protects a reply.
   *
   * @param nts the server's NTS codec
   * @param request the request buffer; its octets [start, start + length) are the datagram
   * @param start where the datagram starts
   * @param length its length
   * @param response holds the plain 48-octet reply from its position to its limit; on an answer
   *     verdict its limit is moved to the end of the protected reply
   * @return {@link Verdict#ANSWERED} for a request without NTS fields (the plain reply stands),
   *     {@link Verdict#ANSWERED_NTS}, {@link Verdict#KOD_NTS_NAK}, {@link Verdict#DROPPED_NTS_INVALID}
   *     or {@link Verdict#DROPPED_NO_ROOM}
   */
  static Verdict protect(NtsServerCodec nts, ByteBuffer request, int start, int length, ByteBuffer response) {
    byte[] datagram = new byte[length];
    request.get(start, datagram);
    NtpPacket packet;
    NtpPacket header;
    int at = response.position();
    try {
      packet = NtpPacket.decode(datagram, ParsePolicy.server());
      if (!NtsExtensionFields.isNts(packet)) {
        return Verdict.ANSWERED;
      }
      byte[] plain = new byte[NtpWire.HEADER_LENGTH];
      response.get(at, plain);
      header = NtpPacket.decode(plain, ParsePolicy.server());
    } catch (NtpDecodeException e) {
      return Verdict.DROPPED_NTS_INVALID;
    }
    byte[] reply;
    Verdict verdict;
    try {
      reply = nts.seal(header, nts.open(packet, datagram, 0));
      verdict = Verdict.ANSWERED_NTS;
    } catch (NtsServerCodec.NakException e) {
      reply = NtsServerCodec.nak(header, e.uniqueIdField());
      verdict = Verdict.KOD_NTS_NAK;
    } catch (NtsException e) {
      return Verdict.DROPPED_NTS_INVALID;
    }
    if (reply.length > length || response.capacity() - at < reply.length) {
      return Verdict.DROPPED_NO_ROOM;
    }
    response.limit(at + reply.length);
    response.put(at, reply);
    return verdict;
  }
}
