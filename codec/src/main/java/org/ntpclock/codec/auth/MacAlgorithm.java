package org.ntpclock.codec.auth;

/**
 * The MAC algorithms of NTP symmetric-key authentication.
 *
 * <p>Hash algorithms compute the legacy digest {@code H(key || data)} of RFC 5905 section 7.3 and
 * accept keys of any non-zero length; CMAC algorithms compute {@code AES-CMAC(key, data)} (RFC 8573,
 * RFC 4493) and need a key of exactly the cipher's key length. {@code data} is the NTP header and
 * extension fields. On the wire a digest is cut to at most {@value #MAX_DIGEST_LENGTH} bytes (the
 * NTPv4 rule of chrony and ntpsec), so SHA-256/384/512 send their first 20 bytes.
 */
public enum MacAlgorithm {
  /** MD5 legacy digest, 16 bytes. Deprecated by RFC 8573; kept for old peers. */
  MD5("MD5", 16, 0, "MD5"),
  /** SHA-1 legacy digest, 20 bytes. */
  SHA1("SHA-1", 20, 0, "SHA1"),
  /** SHA-256 legacy digest, 32 bytes truncated to 20 on the wire. */
  SHA256("SHA-256", 32, 0, "SHA256"),
  /** SHA-384 legacy digest, 48 bytes truncated to 20 on the wire. */
  SHA384("SHA-384", 48, 0, "SHA384"),
  /** SHA-512 legacy digest, 64 bytes truncated to 20 on the wire. */
  SHA512("SHA-512", 64, 0, "SHA512"),
  /** AES-CMAC with a 128-bit key (RFC 8573, the recommended algorithm), 16-byte digest. */
  AES128_CMAC("AES", 16, 16, "AES128"),
  /** AES-CMAC with a 256-bit key (chrony's {@code AES256}), 16-byte digest. */
  AES256_CMAC("AES", 16, 32, "AES256");

  /** The longest digest an NTPv4 MAC carries; longer outputs are truncated to this. */
  public static final int MAX_DIGEST_LENGTH = 20;

  private final String jcaName;
  private final int outputLength;
  private final int keyLength;
  private final String chronyName;

  MacAlgorithm(String jcaName, int outputLength, int keyLength, String chronyName) {
    this.jcaName = jcaName;
    this.outputLength = outputLength;
    this.keyLength = keyLength;
    this.chronyName = chronyName;
  }

  /**
   * The number of digest bytes this algorithm puts into an NTPv4 MAC: the full output, truncated
   * to {@value #MAX_DIGEST_LENGTH}.
   *
   * @return 16 or 20
   */
  public int digestLength() {
    return Math.min(outputLength, MAX_DIGEST_LENGTH);
  }

  /**
   * The length of the MAC on the wire: the 4-byte key id plus {@link #digestLength()}.
   *
   * @return 20 or 24
   */
  public int macLength() {
    return 4 + digestLength();
  }

  /**
   * The full output length of the hash or CMAC before NTPv4 truncation.
   *
   * @return bytes
   */
  public int outputLength() {
    return outputLength;
  }

  /**
   * Whether this is an AES-CMAC algorithm (RFC 8573) rather than a legacy hash.
   *
   * @return true for {@link #AES128_CMAC} and {@link #AES256_CMAC}
   */
  public boolean isCmac() {
    return keyLength != 0;
  }

  /**
   * The exact key length a CMAC algorithm needs.
   *
   * @return 16 or 32 for CMAC algorithms, 0 for hash algorithms (any length of at least one byte)
   */
  public int requiredKeyLength() {
    return keyLength;
  }

  /**
   * The type name chrony's key file uses for this algorithm, e.g. {@code AES128}.
   *
   * @return the name
   */
  public String chronyName() {
    return chronyName;
  }

  /** The JCA name of the digest, or of the block cipher under CMAC. */
  String jcaName() {
    return jcaName;
  }
}
