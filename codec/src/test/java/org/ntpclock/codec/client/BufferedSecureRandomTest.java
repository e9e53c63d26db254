package org.ntpclock.codec.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BufferedSecureRandomTest {
  /** Counts how often the underlying generator is asked for bytes. */
  static final class CountingSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    int calls;

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      calls++;
      super.nextBytes(bytes);
    }
  }

  /** CH-3: one call into the secure source per buffer, not one per value. */
  @Test
  void fetchesOneBufferPer32Values() {
    CountingSecureRandom source = new CountingSecureRandom();
    BufferedSecureRandom random = BufferedSecureRandom.of(source, 256);
    Set<Long> values = new HashSet<>();
    for (int i = 0; i < 320; i++) {
      values.add(random.nextLong());
    }
    assertThat(source.calls).isEqualTo(10);
    assertThat(values).hasSize(320);
  }

  @Test
  void rejectsBadBufferSizes() {
    assertThatIllegalArgumentException().isThrownBy(() -> BufferedSecureRandom.of(new SecureRandom(), 12));
    assertThatIllegalArgumentException().isThrownBy(() -> BufferedSecureRandom.of(new SecureRandom(), 0));
  }
}
