package org.ntpclock.codec.auth;

import java.util.Optional;

/** Finds the key for a key id read from a MAC. Implementations must be thread-safe. */
@FunctionalInterface
public interface KeyLookup {
  /**
   * The key with the given id.
   *
   * @param keyId the unsigned 32-bit key id from the wire, 0 to 2<sup>32</sup>&nbsp;&minus;&nbsp;1
   * @return the key, or empty if none is configured (always empty for 0)
   */
  Optional<SymmetricKey> lookup(long keyId);
}
