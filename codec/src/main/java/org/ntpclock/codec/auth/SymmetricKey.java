package org.ntpclock.codec.auth;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * A shared secret for NTP symmetric-key authentication: key id, algorithm and secret bytes.
 *
 * <p><b>Key id range.</b> The key id is an unsigned 32-bit field on the wire, held in a {@code
 * long}. This class accepts 1 to 2<sup>32</sup>&nbsp;&minus;&nbsp;1, chrony's range; 0 is reserved
 * (ntpd's fixed key 0, and the key id of the crypto-NAK) and rejected. ntpd and ntpsec key files
 * restrict ids further to 1..65535; {@link KeyFile} enforces that for {@link KeyFile.Dialect#NTPSEC}.
 *
 * <p><b>Secret.</b> CMAC keys are exactly {@link MacAlgorithm#requiredKeyLength()} bytes (16 for
 * AES-128, 32 for AES-256); hash keys are at least one byte, any length. The bytes are copied in
 * and out, and {@link #toString()} never shows them. {@link #equals} compares secrets in constant
 * time; {@link #hashCode()} does not depend on the secret.
 *
 * <p>Immutable and thread-safe.
 */
public final class SymmetricKey {
  /** The largest key id: the wire field is an unsigned 32-bit integer. */
  public static final long MAX_KEY_ID = 0xFFFF_FFFFL;

  private final long keyId;
  private final MacAlgorithm algorithm;
  private final byte[] secret;

  private SymmetricKey(long keyId, MacAlgorithm algorithm, byte[] secret) {
    this.keyId = keyId;
    this.algorithm = algorithm;
    this.secret = secret;
  }

  /**
   * A key from its parts.
   *
   * @param keyId 1 to {@link #MAX_KEY_ID}
   * @param algorithm the MAC algorithm
   * @param secret the secret bytes, copied; exactly 16 or 32 bytes for CMAC, at least one for hashes
   * @return the key
   * @throws IllegalArgumentException if the id is out of range or the secret has the wrong length
   */
  public static SymmetricKey of(long keyId, MacAlgorithm algorithm, byte[] secret) {
    checkNotNull(algorithm, "algorithm");
    checkNotNull(secret, "secret");
    checkArgument(isValidKeyId(keyId), "key id must be in 1..%s: %s", MAX_KEY_ID, keyId);
    checkArgument(isValidSecretLength(algorithm, secret.length),
        "%s needs a key of %s bytes, got %s", algorithm,
        algorithm.isCmac() ? Integer.toString(algorithm.requiredKeyLength()) : "at least 1", secret.length);
    return new SymmetricKey(keyId, algorithm, secret.clone());
  }

  /**
   * Whether a key id is usable: 1 to {@link #MAX_KEY_ID}.
   *
   * @param keyId the id
   * @return true if in range
   */
  public static boolean isValidKeyId(long keyId) {
    return keyId >= 1 && keyId <= MAX_KEY_ID;
  }

  /**
   * Whether a secret of the given length fits an algorithm.
   *
   * @param algorithm the algorithm
   * @param length the secret length in bytes
   * @return true if {@link #of} would accept it
   */
  public static boolean isValidSecretLength(MacAlgorithm algorithm, int length) {
    return algorithm.isCmac() ? length == algorithm.requiredKeyLength() : length >= 1;
  }

  /**
   * The key id as sent in the MAC.
   *
   * @return 1 to {@link #MAX_KEY_ID}
   */
  public long keyId() {
    return keyId;
  }

  /**
   * The MAC algorithm.
   *
   * @return the algorithm
   */
  public MacAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * A copy of the secret bytes.
   *
   * @return a new array each call
   */
  public byte[] secret() {
    return secret.clone();
  }

  /**
   * The secret length.
   *
   * @return bytes, at least 1
   */
  public int secretLength() {
    return secret.length;
  }

  /** The secret itself, for the authenticator; never handed out. */
  byte[] secretBytes() {
    return secret;
  }

  /**
   * Equal when id, algorithm and secret are equal; the secrets are compared in constant time.
   *
   * @param o the other object
   * @return true if equal
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof SymmetricKey
        && ((SymmetricKey) o).keyId == keyId
        && ((SymmetricKey) o).algorithm == algorithm
        && MessageDigest.isEqual(((SymmetricKey) o).secret, secret);
  }

  /**
   * A hash of the id and algorithm only, so the secret cannot leak through it.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(keyId, algorithm);
  }

  /**
   * Id, algorithm and secret length, never the secret, e.g. {@code SymmetricKey[id=10, AES128_CMAC,
   * 16 bytes]}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "SymmetricKey[id=" + keyId + ", " + algorithm + ", " + secret.length + " bytes]";
  }
}
