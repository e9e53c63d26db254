package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a server's NTS-KE response negotiated (RFC 8915 section 4): the AEAD, the cookies, and where
 * to send NTP if not to the NTS-KE host on port 123.
 *
 * @param aead the AEAD the server chose
 * @param cookies the cookies, each used once; the list and its arrays are the caller's to consume
 * @param server the NTPv4 server the response names, if any
 * @param port the NTPv4 port the response names, if any
 * @param warnings warning codes the server sent
 */
public record NtsKeResponse(AeadAlgorithm aead, List<byte[]> cookies, Optional<String> server, OptionalInt port, List<Integer> warnings) {
  /**
   * Checks the fields.
   *
   * @param aead the AEAD the server chose
   * @param cookies at least one
   * @param server the NTPv4 server, if any
   * @param port the NTPv4 port, if any
   * @param warnings warning codes
   */
  public NtsKeResponse {
    checkNotNull(aead, "aead");
    checkArgument(!cookies.isEmpty(), "an NTS-KE response has at least one cookie");
    cookies = List.copyOf(cookies);
    checkNotNull(server, "server");
    checkNotNull(port, "port");
    warnings = List.copyOf(warnings);
  }
}
