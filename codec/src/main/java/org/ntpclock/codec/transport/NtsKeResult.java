package org.ntpclock.codec.transport;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import org.ntpclock.codec.nts.NtsKeResponse;
import org.ntpclock.codec.nts.NtsKeys;

/**
 * A finished NTS key exchange: what the server said, the keys, and where to send NTS-protected NTP.
 *
 * @param response the negotiated AEAD, cookies, and the server's Server/Port records if any
 * @param keys the exported C2S and S2C keys
 * @param ntpHost where to send NTP: the Server Negotiation record, else the NTS-KE host
 * @param ntpPort the Port Negotiation record, else 123
 * @param tlsStack which TLS implementation ran the handshake: {@code jdk} or {@code bouncycastle}
 */
public record NtsKeResult(NtsKeResponse response, NtsKeys keys, String ntpHost, int ntpPort, String tlsStack) {
  /**
   * Checks the fields.
   *
   * @param response the response
   * @param keys the keys
   * @param ntpHost the NTP host
   * @param ntpPort the NTP port
   * @param tlsStack the TLS stack's name
   */
  public NtsKeResult {
    checkNotNull(response, "response");
    checkNotNull(keys, "keys");
    checkNotNull(ntpHost, "ntpHost");
    checkNotNull(tlsStack, "tlsStack");
  }
}
