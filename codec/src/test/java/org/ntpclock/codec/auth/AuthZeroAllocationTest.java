package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signing into a caller's buffer and checking a MAC allocate nothing once a thread is warm (DESIGN
 * "hot paths allocate nothing"; JMH {@code -prof gc} figures belong to the benchmarks module).
 * Measured with the JVM's per-thread allocation counter, not with time: 100 000 sign+check pairs
 * that each allocated one 16-byte object would add 1.6 MB; the bound allows 64 KiB of noise. The
 * counter is read reflectively: tests compile inside the codec module, which does not read {@code
 * java.management}, and run on the class path, where it is available.
 */
class AuthZeroAllocationTest {
  private static final int CALLS = 100_000;
  private static final long NOISE = 64 * 1024;

  @ParameterizedTest(name = "{0}, direct buffer {1}")
  @CsvSource({"AES128_CMAC, false", "AES128_CMAC, true", "MD5, false", "MD5, true", "SHA256, true"})
  void signAndCheckAllocateNothing(MacAlgorithm algorithm, boolean direct) throws Exception {
    Object bean = threadBean();
    Method counter = allocationCounter(bean);
    byte[] secret = new byte[algorithm.isCmac() ? algorithm.requiredKeyLength() : 20];
    SymmetricKey key = SymmetricKey.of(7, algorithm, secret);
    KeyStore keys = KeyStore.of(key, SymmetricKey.of(8, MacAlgorithm.SHA1, new byte[] {1}));
    ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(128) : ByteBuffer.allocate(128);

    long sink = run(buffer, key, keys, 2000);
    long before = (Long) counter.invoke(bean);
    sink += run(buffer, key, keys, CALLS);
    long used = (Long) counter.invoke(bean) - before;

    assertThat(sink).as("every check VALID").isEqualTo(0);
    assertThat(used).isLessThan(NOISE);
  }

  private static long run(ByteBuffer buffer, SymmetricKey key, KeyStore keys, int n) {
    long sink = 0;
    for (int i = 0; i < n; i++) {
      buffer.clear();
      buffer.putInt(40, i); // vary the packet
      buffer.position(48);
      NtpAuthenticator.appendMac(buffer, 0, key);
      buffer.flip();
      sink += NtpAuthenticator.check(buffer, 48, keys).ordinal();
    }
    return sink;
  }

  /** {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, or skip. */
  private static Object threadBean() throws Exception {
    return Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
  }

  private static Method allocationCounter(Object bean) throws Exception {
    Class<?> type;
    try {
      type = Class.forName("com.sun.management.ThreadMXBean");
    } catch (ClassNotFoundException e) {
      type = null;
    }
    assumeTrue(type != null && type.isInstance(bean), "per-thread allocation counter unavailable on this JVM");
    assumeTrue((Boolean) type.getMethod("isThreadAllocatedMemoryEnabled").invoke(bean), "allocation counter disabled");
    return type.getMethod("getCurrentThreadAllocatedBytes");
  }
}
