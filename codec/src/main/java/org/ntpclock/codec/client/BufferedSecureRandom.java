package org.ntpclock.codec.client;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Unpredictable 64-bit values from a {@link SecureRandom}, fetched in blocks: one
 * {@code nextBytes} call fills a buffer that serves many values. chrony 4.3 learned that a
 * system call per packet costs a server its throughput (NEWS 4.3: {@code getrandom()} per
 * packet replaced by 256-byte buffering); this is the same remedy for the client's transmit
 * timestamps and any per-packet randomness. Thread-safe.
 */
public final class BufferedSecureRandom implements RandomGenerator {
  /** Default buffer size, bytes (as chrony). */
  public static final int DEFAULT_BUFFER_BYTES = 256;

  private final SecureRandom source;
  private final byte[] buffer;
  private int next;

  private BufferedSecureRandom(SecureRandom source, int bufferBytes) {
    this.source = source;
    this.buffer = new byte[bufferBytes];
    this.next = bufferBytes;
  }

  /**
   * A generator over a new default {@link SecureRandom} with a {@value #DEFAULT_BUFFER_BYTES}-byte
   * buffer.
   *
   * @return the generator
   */
  public static BufferedSecureRandom create() {
    return new BufferedSecureRandom(new SecureRandom(), DEFAULT_BUFFER_BYTES);
  }

  /**
   * A generator over the given source.
   *
   * @param source the secure source
   * @param bufferBytes bytes fetched per refill, a multiple of 8, 8..65536
   * @return the generator
   * @throws IllegalArgumentException if the size is out of range
   */
  public static BufferedSecureRandom of(SecureRandom source, int bufferBytes) {
    checkNotNull(source, "source");
    checkArgument(bufferBytes >= 8 && bufferBytes <= 65536 && bufferBytes % 8 == 0,
        "buffer size must be a multiple of 8 in 8..65536: %s", bufferBytes);
    return new BufferedSecureRandom(source, bufferBytes);
  }

  /**
   * The next 64 random bits.
   *
   * @return a uniformly distributed value
   */
  @Override
  public synchronized long nextLong() {
    if (next == buffer.length) {
      source.nextBytes(buffer);
      next = 0;
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (buffer[next + i] & 0xFF);
      // Consumed bytes are not kept around.
      buffer[next + i] = 0;
    }
    next += 8;
    return v;
  }
}
