package org.ntpclock.codec.auth;

/** The outcome of checking the MAC of a received packet. Only {@link #VALID} is authenticated. */
public enum AuthStatus {
  /** The digest matches the key named by the key id: the packet is authentic. */
  VALID,
  /** The packet carries no MAC (nothing after the header and extension fields). */
  NO_MAC,
  /**
   * A four-byte MAC of key id 0 and no digest (RFC 5905 section 9.2). Unauthenticated: anyone can
   * send one (CVE-2016-1547), so it must not by itself demobilise an association.
   */
  CRYPTO_NAK,
  /**
   * The MAC field has an impossible length: not 4 (crypto-NAK) or 20 to 24 bytes, a four-byte field
   * with a non-zero key id, a digest of another length than the key's algorithm produces, or the
   * authenticated part not a whole number of 32-bit words of at least 48 bytes.
   */
  BAD_LENGTH,
  /** No key with this id is configured (key id 0 is never a key). */
  UNKNOWN_KEY,
  /** The key is known but the digest does not match: forged, corrupted, or a different secret. */
  BAD_DIGEST;

  /**
   * Whether the packet is authenticated.
   *
   * @return true only for {@link #VALID}
   */
  public boolean isValid() {
    return this == VALID;
  }
}
