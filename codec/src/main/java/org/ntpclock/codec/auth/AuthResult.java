package org.ntpclock.codec.auth;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/**
 * The outcome of verifying a packet's MAC together with the key id it named.
 *
 * @param status what the check found
 * @param keyId the unsigned 32-bit key id read from the MAC, or 0 when the MAC has no key id
 *     ({@link AuthStatus#NO_MAC}, a MAC field shorter than 4 bytes) or is a crypto-NAK
 */
public record AuthResult(AuthStatus status, long keyId) {
  /**
   * Checks the components.
   *
   * @param status what the check found
   * @param keyId 0 to 2<sup>32</sup>&nbsp;&minus;&nbsp;1
   * @throws IllegalArgumentException if the key id is out of range
   */
  public AuthResult {
    checkNotNull(status, "status");
    checkArgument(keyId >= 0 && keyId <= SymmetricKey.MAX_KEY_ID, "key id out of u32 range: %s", keyId);
  }

  /**
   * Whether the packet is authenticated.
   *
   * @return true only for {@link AuthStatus#VALID}
   */
  public boolean isValid() {
    return status.isValid();
  }
}
