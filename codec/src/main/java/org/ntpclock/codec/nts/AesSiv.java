package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ntpclock.codec.auth.AesCmac;

/**
 * AES-SIV (RFC 5297): deterministic authenticated encryption with a vector of associated-data
 * components, built from S2V over AES-CMAC and AES-CTR on the JDK's AES.
 *
 * <p>The key is split in halves: the first keys S2V (CMAC), the second CTR. A 32-octet key is
 * AEAD_AES_SIV_CMAC_256, 64 octets AEAD_AES_SIV_CMAC_512 (48 would be _384). Sealing returns the
 * 16-octet synthetic IV followed by the ciphertext, as RFC 5297 and RFC 8915 lay it out; a nonce,
 * when there is one, is simply the last associated-data component (RFC 5297 section 3).
 *
 * <p>Not thread-safe: one engine per thread, or per use.
 */
public final class AesSiv {
  /** The synthetic IV (tag) length: 16 octets. */
  public static final int TAG_LENGTH = AesCmac.BLOCK;
  /** RFC 5297 section 7 allows at most 126 associated-data components. */
  public static final int MAX_COMPONENTS = 126;

  private static final byte[] ZERO = new byte[AesCmac.BLOCK];

  private final AesCmac cmac = new AesCmac();
  private SecretKeySpec ctrKey;
  private final Cipher ctr;
  private final byte[] d = new byte[AesCmac.BLOCK];
  private final byte[] mac = new byte[AesCmac.BLOCK];

  /**
   * An engine for one key.
   *
   * @param key 32, 48 or 64 octets; copied
   * @throws IllegalArgumentException for another length
   */
  public AesSiv(byte[] key) {
    try {
      ctr = Cipher.getInstance("AES/CTR/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK must provide AES/CTR/NoPadding", e);
    }
    rekey(key);
  }

  /**
   * Switches this engine to another key, keeping its ciphers: far cheaper than a new engine, which
   * looks the ciphers up again (a server opens every request under a new client's keys).
   *
   * @param key 32, 48 or 64 octets; copied
   * @return this engine
   * @throws IllegalArgumentException for another length
   */
  public AesSiv rekey(byte[] key) {
    checkNotNull(key, "key");
    checkArgument(key.length == 32 || key.length == 48 || key.length == 64, "AES-SIV key must be 32, 48 or 64 octets: %s", key.length);
    int half = key.length / 2;
    cmac.init(Arrays.copyOfRange(key, 0, half));
    ctrKey = new SecretKeySpec(key, half, half, "AES");
    return this;
  }

  /**
   * Encrypts and authenticates.
   *
   * @param plaintext the message, may be empty
   * @param associatedData the components, in order (a nonce last); at most {@link #MAX_COMPONENTS}
   * @return the synthetic IV (16 octets) followed by the ciphertext
   */
  public byte[] seal(byte[] plaintext, byte[]... associatedData) {
    checkNotNull(plaintext, "plaintext");
    checkArgument(associatedData.length <= MAX_COMPONENTS, "too many associated-data components: %s", associatedData.length);
    byte[] out = new byte[TAG_LENGTH + plaintext.length];
    s2v(associatedData, plaintext, 0, plaintext.length, out);
    ctr(out, plaintext, 0, plaintext.length, out, TAG_LENGTH);
    return out;
  }

  /**
   * Decrypts and verifies.
   *
   * @param sealed the synthetic IV followed by the ciphertext
   * @param associatedData the components the sender used, in order
   * @return the plaintext
   * @throws NtsException {@link NtsException.Reason#AUTHENTICATION_FAILED} if the tag does not
   *     verify or the input is shorter than a tag
   */
  public byte[] open(byte[] sealed, byte[]... associatedData) throws NtsException {
    return open(sealed, 0, sealed.length, associatedData);
  }

  /**
   * Decrypts and verifies a slice.
   *
   * @param sealed holds the synthetic IV followed by the ciphertext
   * @param offset where it starts
   * @param length its length
   * @param associatedData the components the sender used, in order
   * @return the plaintext
   * @throws NtsException {@link NtsException.Reason#AUTHENTICATION_FAILED} if the tag does not
   *     verify or the input is shorter than a tag
   */
  public byte[] open(byte[] sealed, int offset, int length, byte[]... associatedData) throws NtsException {
    checkArgument(associatedData.length <= MAX_COMPONENTS, "too many associated-data components: %s", associatedData.length);
    if (length < TAG_LENGTH) {
      throw new NtsException(NtsException.Reason.AUTHENTICATION_FAILED, "sealed data shorter than the 16-octet tag: " + length);
    }
    byte[] iv = Arrays.copyOfRange(sealed, offset, offset + TAG_LENGTH);
    byte[] plaintext = new byte[length - TAG_LENGTH];
    ctr(iv, sealed, offset + TAG_LENGTH, plaintext.length, plaintext, 0);
    byte[] check = new byte[TAG_LENGTH];
    s2v(associatedData, plaintext, 0, plaintext.length, check);
    // Constant-time comparison: the tag is the only authenticity check.
    if (!MessageDigest.isEqual(iv, check)) {
      Arrays.fill(plaintext, (byte) 0);
      throw new NtsException(NtsException.Reason.AUTHENTICATION_FAILED, "AES-SIV tag does not verify");
    }
    return plaintext;
  }

  /** S2V of RFC 5297 section 2.4 over the components then the plaintext; the result goes to out[0..16). */
  private void s2v(byte[][] components, byte[] last, int lastOffset, int lastLength, byte[] out) {
    cmac.compute(ZERO, 0, ZERO.length, d, 0);
    for (byte[] component : components) {
      checkNotNull(component, "associated-data component");
      AesCmac.doubling(d, d);
      cmac.compute(component, 0, component.length, mac, 0);
      xorInto(d, mac, 0, AesCmac.BLOCK, 0);
    }
    byte[] t;
    if (lastLength >= AesCmac.BLOCK) {
      // T = Sn xorend D: D goes into the last 16 octets.
      t = Arrays.copyOfRange(last, lastOffset, lastOffset + lastLength);
      xorInto(t, d, 0, AesCmac.BLOCK, lastLength - AesCmac.BLOCK);
    } else {
      // T = dbl(D) xor pad(Sn), pad = Sn || 1 || 0*.
      AesCmac.doubling(d, d);
      t = new byte[AesCmac.BLOCK];
      System.arraycopy(last, lastOffset, t, 0, lastLength);
      t[lastLength] = (byte) 0x80;
      xorInto(t, d, 0, AesCmac.BLOCK, 0);
    }
    cmac.compute(t, 0, t.length, out, 0);
  }

  /** AES-CTR from the synthetic IV with its bits 31 and 63 (counted from 0 at the left) cleared. */
  private void ctr(byte[] iv, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
    byte[] q = Arrays.copyOf(iv, AesCmac.BLOCK);
    q[8] &= 0x7F;
    q[12] &= 0x7F;
    try {
      ctr.init(Cipher.ENCRYPT_MODE, ctrKey, new IvParameterSpec(q));
      // A temporary copy: the input and output may be the same array at different offsets.
      byte[] result = ctr.doFinal(in, inOffset, length);
      System.arraycopy(result, 0, out, outOffset, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed", e);
    }
  }

  /** target[targetOffset + i] ^= source[sourceOffset + i] for i in [0, length). */
  private static void xorInto(byte[] target, byte[] source, int sourceOffset, int length, int targetOffset) {
    for (int i = 0; i < length; i++) {
      target[targetOffset + i] ^= source[sourceOffset + i];
    }
  }
}
