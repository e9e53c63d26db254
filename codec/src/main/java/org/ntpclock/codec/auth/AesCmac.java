package org.ntpclock.codec.auth;

import static com.google.common.base.Preconditions.checkArgument;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC (RFC 4493, NIST SP 800-38B) on the JDK's raw AES block cipher ({@code AES/ECB/NoPadding}).
 *
 * <p>A reusable engine: {@link #init} derives the subkeys K1 and K2 once per key, then each
 * {@code compute} call allocates nothing. Not thread-safe; {@link NtpAuthenticator} keeps one per
 * thread.
 */
final class AesCmac {
  static final int BLOCK = 16;
  /** The constant R_b of RFC 4493 section 2.3 for a 128-bit block. */
  private static final int RB = 0x87;

  private final Cipher cipher;
  private final byte[] k1 = new byte[BLOCK];
  private final byte[] k2 = new byte[BLOCK];
  private final byte[] x = new byte[BLOCK];
  private final byte[] y = new byte[BLOCK];
  private final byte[] block = new byte[BLOCK];
  private boolean ready;

  AesCmac() {
    try {
      cipher = Cipher.getInstance("AES/ECB/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK must provide AES/ECB/NoPadding", e);
    }
  }

  /**
   * Sets the key and derives the subkeys (RFC 4493 section 2.3).
   *
   * @param key 16, 24 or 32 bytes
   */
  void init(byte[] key) {
    checkArgument(key.length == 16 || key.length == 24 || key.length == 32, "AES key must be 16, 24 or 32 bytes");
    try {
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES rejected a " + key.length + "-byte key", e);
    }
    Arrays.fill(x, (byte) 0);
    encrypt(x, y); // L = AES(K, 0^128)
    doubling(y, k1);
    doubling(k1, k2);
    ready = true;
  }

  /**
   * Computes the 16-byte tag of {@code data[offset, offset + length)} into {@code out[outOffset..]}.
   *
   * @param data the message
   * @param offset start of the message
   * @param length message length, may be 0
   * @param out receives 16 bytes
   * @param outOffset where
   */
  void compute(byte[] data, int offset, int length, byte[] out, int outOffset) {
    checkReady();
    Arrays.fill(x, (byte) 0);
    int remaining = length;
    int pos = offset;
    // Every block but the last goes through the CBC chain unmodified (RFC 4493 step 6).
    while (remaining > BLOCK) {
      for (int i = 0; i < BLOCK; i++) {
        y[i] = (byte) (x[i] ^ data[pos + i]);
      }
      encrypt(y, x);
      pos += BLOCK;
      remaining -= BLOCK;
    }
    System.arraycopy(data, pos, block, 0, remaining);
    finish(remaining, out, outOffset);
  }

  /** The last block (0..16 bytes, in {@code block}): complete -> xor K1, else pad 10* and xor K2. */
  private void finish(int lastLength, byte[] out, int outOffset) {
    byte[] subkey;
    if (lastLength == BLOCK) {
      subkey = k1;
    } else {
      block[lastLength] = (byte) 0x80;
      Arrays.fill(block, lastLength + 1, BLOCK, (byte) 0);
      subkey = k2;
    }
    for (int i = 0; i < BLOCK; i++) {
      y[i] = (byte) (x[i] ^ block[i] ^ subkey[i]);
    }
    encrypt(y, x);
    System.arraycopy(x, 0, out, outOffset, BLOCK);
  }

  private void encrypt(byte[] in, byte[] out) {
    try {
      int n = cipher.update(in, 0, BLOCK, out, 0);
      if (n != BLOCK) {
        throw new IllegalStateException("AES/ECB returned " + n + " bytes for one block");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES block encryption failed", e);
    }
  }

  /** Left shift by one bit of a 128-bit string, xor R_b when the shifted-out bit was 1 (RFC 4493 2.3). */
  private static void doubling(byte[] in, byte[] out) {
    int carry = 0;
    for (int i = BLOCK - 1; i >= 0; i--) {
      int b = in[i] & 0xFF;
      out[i] = (byte) ((b << 1) | carry);
      carry = b >>> 7;
    }
    // Constant-time conditional xor: mask is 0xFF when the msb was set, else 0.
    out[BLOCK - 1] ^= (byte) (RB & -carry);
  }

  /** Testing aid: the derived subkeys, to check against RFC 4493 section 4. */
  byte[] subkey1() {
    checkReady();
    return k1.clone();
  }

  byte[] subkey2() {
    checkReady();
    return k2.clone();
  }

  private void checkReady() {
    if (!ready) {
      throw new IllegalStateException("AesCmac.init was not called");
    }
  }
}
