package org.ntpclock.codec.nts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.testing.LogCapture;

/** Each master-key rotation is logged at INFO with key ids, never key material. */
class NtsMasterKeysLogTest {
  private static final Instant START = Instant.parse("2026-12-03T00:00:00Z");

  @Test
  void aRotationLogsTheNewCurrentKeyAndTheRetiredOnes() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(START);
    InstantSource clock = now::get;
    try (LogCapture log = LogCapture.of(NtsMasterKeys.class.getName(), Level.INFO)) {
      NtsMasterKeys keys = NtsMasterKeys.create(clock, Duration.ofHours(1), 1, new Random(3));
      List<Integer> first = keys.keyIds();
      // Within the period: no rotation, nothing at INFO (the first key is a DEBUG line).
      now.set(START.plus(Duration.ofMinutes(59)));
      keys.keyIds();
      assertThat(log.records()).isEmpty();

      now.set(START.plus(Duration.ofHours(1)));
      List<Integer> second = keys.keyIds();
      now.set(START.plus(Duration.ofHours(2)));
      List<Integer> third = keys.keyIds();

      assertThat(second).hasSize(2).endsWith(first.get(0));
      assertThat(third).containsExactly(third.get(0), second.get(0));
      assertThat(log.records()).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.INFO));
      assertThat(log.messages()).containsExactly(
          "NTS master key " + hex(second.get(0)) + " is current; retired: none; still opening cookies: "
              + hex(first.get(0)),
          "NTS master key " + hex(third.get(0)) + " is current; retired: " + hex(first.get(0))
              + "; still opening cookies: " + hex(second.get(0)));
    }
  }

  @Test
  void aLongPauseRetiresEveryEarlierKeyAtOnce() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(START);
    try (LogCapture log = LogCapture.of(NtsMasterKeys.class.getName(), Level.INFO)) {
      NtsMasterKeys keys = NtsMasterKeys.create(now::get, Duration.ofHours(1), 2, new Random(5));
      int first = keys.keyIds().get(0);
      now.set(START.plus(Duration.ofHours(1)));
      int second = keys.keyIds().get(0);
      now.set(START.plus(Duration.ofHours(9)));
      int third = keys.keyIds().get(0);
      assertThat(keys.keyIds()).containsExactly(third);
      assertThat(log.messages()).last().isEqualTo("NTS master key " + hex(third) + " is current; retired: "
          + hex(second) + ", " + hex(first) + "; still opening cookies: none");
    }
  }

  @Test
  void noKeyMaterialIsLogged() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(START);
    // The same seed gives the same key material: draw it as newKey does (32 octets, then the id).
    Random replay = new Random(11);
    byte[] material = new byte[AeadAlgorithm.AES_SIV_CMAC_256.keyLength()];
    try (LogCapture log = LogCapture.of(NtsMasterKeys.class.getName(), Level.FINEST)) {
      NtsMasterKeys keys = NtsMasterKeys.create(now::get, Duration.ofHours(1), 1, new Random(11));
      now.set(START.plus(Duration.ofHours(1)));
      keys.keyIds();
      replay.nextBytes(material);
      String hexMaterial = HexFormat.of().formatHex(material);
      assertThat(log.records()).hasSize(2);
      assertThat(log.messages()).allSatisfy(m -> assertThat(m.toLowerCase()).doesNotContain(hexMaterial.substring(0, 16)));
    }
  }

  private static String hex(int id) {
    return String.format("%08x", id);
  }
}
