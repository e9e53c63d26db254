package org.ntpclock.codec.nts;

import java.util.Optional;

/**
 * The AEAD algorithms this implementation speaks, with their IANA ids (RFC 5116 registry, as
 * RFC 8915 section 5.1 uses them). Every NTS implementation has {@link #AES_SIV_CMAC_256}.
 */
public enum AeadAlgorithm {
  /** AEAD_AES_SIV_CMAC_256, id 15: two AES-128 keys, 32 octets in all. */
  AES_SIV_CMAC_256(15, 32),
  /** AEAD_AES_SIV_CMAC_512, id 17: two AES-256 keys, 64 octets in all. */
  AES_SIV_CMAC_512(17, 64);

  private final int id;
  private final int keyLength;

  AeadAlgorithm(int id, int keyLength) {
    this.id = id;
    this.keyLength = keyLength;
  }

  /**
   * The IANA AEAD id as NTS-KE carries it.
   *
   * @return 15 or 17
   */
  public int id() {
    return id;
  }

  /**
   * The key length, which is also the length of each NTS key the TLS exporter produces.
   *
   * @return octets
   */
  public int keyLength() {
    return keyLength;
  }

  /**
   * The algorithm with an IANA id.
   *
   * @param id the 16-bit id
   * @return the algorithm, or empty if this implementation does not speak it
   */
  public static Optional<AeadAlgorithm> ofId(int id) {
    for (AeadAlgorithm a : values()) {
      if (a.id == id) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * The algorithm whose key has this length.
   *
   * @param keyLength octets
   * @return the algorithm, or empty
   */
  static Optional<AeadAlgorithm> ofKeyLength(int keyLength) {
    for (AeadAlgorithm a : values()) {
      if (a.keyLength == keyLength) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
