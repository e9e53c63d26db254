package org.ntpclock.codec.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One thread's reusable digest state: a {@link MessageDigest} per hash algorithm, an {@link
 * AesCmac} that keeps the subkeys of the last key it saw, and scratch arrays, so signing and
 * verifying allocate nothing once warm. Not thread-safe; {@link NtpAuthenticator} keeps one per
 * thread.
 */
final class AuthEngine {
  /** Room for the longest packet the decoder accepts; a longer one grows the array once. */
  private static final int SCRATCH = 2048;

  private final MessageDigest[] digests = new MessageDigest[MacAlgorithm.values().length];
  private final AesCmac cmac = new AesCmac();
  /** The secret array {@link #cmac} was initialised with; SymmetricKey never mutates or shares it. */
  private byte[] cmacSecret;
  /** The full (untruncated) output of the last computation. */
  final byte[] output = new byte[64];
  private byte[] scratch = new byte[SCRATCH];
  /** Exact-length arrays for {@link MessageDigest#isEqual}, indexed by digest length. */
  private final byte[][] expected = new byte[MacAlgorithm.MAX_DIGEST_LENGTH + 1][];
  private final byte[][] received = new byte[MacAlgorithm.MAX_DIGEST_LENGTH + 1][];

  /** Computes the MAC digest of {@code data[offset, offset + length)} into {@link #output}. */
  void compute(SymmetricKey key, byte[] data, int offset, int length) {
    MacAlgorithm algorithm = key.algorithm();
    if (algorithm.isCmac()) {
      cmacFor(key).compute(data, offset, length, output, 0);
    } else {
      MessageDigest md = digestFor(algorithm);
      md.reset(); // in case an earlier call was interrupted mid-way
      md.update(key.secretBytes());
      md.update(data, offset, length);
      finishDigest(md);
    }
  }

  /**
   * Computes the MAC digest of {@code data[start, start + length)}, absolute indices. A buffer
   * without an accessible array (a direct buffer) is copied into a reused scratch array first, so
   * the digest and CMAC code exist once, for arrays.
   */
  void compute(SymmetricKey key, ByteBuffer data, int start, int length) {
    if (data.hasArray()) {
      compute(key, data.array(), data.arrayOffset() + start, length);
      return;
    }
    if (scratch.length < length) {
      scratch = new byte[length]; // only for data longer than any packet seen on this thread
    }
    data.get(start, scratch, 0, length);
    compute(key, scratch, 0, length);
  }

  /**
   * Compares the first {@code length} bytes of {@link #output} with the received digest at an
   * absolute index of {@code mac}, in constant time.
   */
  boolean matches(ByteBuffer mac, int index, int length) {
    byte[] e = exact(expected, length);
    byte[] r = exact(received, length);
    System.arraycopy(output, 0, e, 0, length);
    mac.get(index, r, 0, length);
    return MessageDigest.isEqual(e, r);
  }

  private static byte[] exact(byte[][] pool, int length) {
    byte[] a = pool[length];
    if (a == null) {
      a = new byte[length];
      pool[length] = a;
    }
    return a;
  }

  private void finishDigest(MessageDigest md) {
    try {
      md.digest(output, 0, output.length);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("digest longer than " + output.length + " bytes", e);
    }
  }

  private AesCmac cmacFor(SymmetricKey key) {
    byte[] secret = key.secretBytes();
    if (secret != cmacSecret) {
      cmac.init(secret);
      cmacSecret = secret;
    }
    return cmac;
  }

  private MessageDigest digestFor(MacAlgorithm algorithm) {
    MessageDigest md = digests[algorithm.ordinal()];
    if (md == null) {
      try {
        md = MessageDigest.getInstance(algorithm.jcaName());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK must provide " + algorithm.jcaName(), e);
      }
      digests[algorithm.ordinal()] = md;
    }
    return md;
  }
}
