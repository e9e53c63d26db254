package org.ntpclock.codec.transport;

import java.io.IOException;

/** Opens a client exchange's socket on the chosen transport. */
final class ClientSockets {
  private ClientSockets() {}

  static ClientSocket open(Transport transport, boolean ipv4) throws IOException {
    if (transport == Transport.FFM) {
      FfmProvider ffm = FfmSupport.provider();
      if (ffm != null) {
        return ffm.openClient(ipv4);
      }
    }
    return new JdkClientSocket(ipv4);
  }
}
