package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A server's cookie keys: master keys that rotate every period, the newest sealing new cookies and
 * the few before it still opening old ones, so the server keeps no per-client state (RFC 8915
 * section 6 suggests this scheme).
 *
 * <p>A cookie is the 32-bit id of the master key, a 16-octet random nonce, and the AES-SIV-CMAC-256
 * sealing of C2S ‖ S2C under that master key with the key id and nonce as associated data. The AEAD
 * of the keys inside follows from their length. Rotation happens lazily on the first use after a
 * period has passed, on the injected clock. Each rotation is logged at INFO to {@link System.Logger}
 * {@code org.ntpclock.codec.nts.NtsMasterKeys} with the id of the key that became current and the
 * ids of those retired (never key material); the first key is logged at DEBUG. Thread-safe.
 */
public final class NtsMasterKeys {
  /** The default rotation period: one hour. */
  public static final Duration DEFAULT_ROTATION = Duration.ofHours(1);
  /** The default number of earlier keys that still open cookies. */
  public static final int DEFAULT_RETAINED = 3;

  private static final int KEY_ID_LENGTH = 4;
  private static final int NONCE_LENGTH = 16;
  private static final Logger LOG = System.getLogger(NtsMasterKeys.class.getName());

  private final InstantSource clock;
  private final Duration rotation;
  private final int retained;
  private final Random random;
  /** Newest first; replaced whole on rotation. */
  private volatile List<MasterKey> keys;
  private volatile Instant rotated;

  private NtsMasterKeys(InstantSource clock, Duration rotation, int retained, Random random) {
    this.clock = clock;
    this.rotation = rotation;
    this.retained = retained;
    this.random = random;
    this.keys = List.of(newKey(List.of()));
    this.rotated = clock.instant();
    LOG.log(Level.DEBUG, () -> "NTS master key " + hex(keys.get(0).id) + " is current (the first)");
  }

  /**
   * Master keys from a secure random source.
   *
   * @param clock when to rotate
   * @param rotation the period between new keys, positive
   * @param retained how many earlier keys still open cookies, 0 or more
   * @return the keys
   */
  public static NtsMasterKeys create(InstantSource clock, Duration rotation, int retained) {
    return create(clock, rotation, retained, new SecureRandom());
  }

  /**
   * Master keys from a given random source (tests make it deterministic).
   *
   * @param clock when to rotate
   * @param rotation the period between new keys, positive
   * @param retained how many earlier keys still open cookies, 0 or more
   * @param random key material, nonces and ids
   * @return the keys
   */
  public static NtsMasterKeys create(InstantSource clock, Duration rotation, int retained, Random random) {
    checkNotNull(clock, "clock");
    checkArgument(rotation.compareTo(Duration.ZERO) > 0, "rotation must be positive: %s", rotation);
    checkArgument(retained >= 0, "retained must be 0 or more: %s", retained);
    return new NtsMasterKeys(clock, rotation, retained, checkNotNull(random, "random"));
  }

  /**
   * A new cookie holding the keys, under the current master key.
   *
   * @param keys the association's keys
   * @return the cookie
   */
  public byte[] seal(NtsKeys keys) {
    MasterKey key = current();
    byte[] nonce = new byte[NONCE_LENGTH];
    synchronized (random) {
      random.nextBytes(nonce);
    }
    byte[] plain = new byte[2 * keys.aead().keyLength()];
    System.arraycopy(keys.c2s(), 0, plain, 0, keys.aead().keyLength());
    System.arraycopy(keys.s2c(), 0, plain, keys.aead().keyLength(), keys.aead().keyLength());
    byte[] sealed = key.siv.get().seal(plain, key.idBytes, nonce);
    return ByteBuffer.allocate(KEY_ID_LENGTH + NONCE_LENGTH + sealed.length).put(key.idBytes).put(nonce).put(sealed).array();
  }

  /**
   * Opens a cookie.
   *
   * @param cookie the cookie as the client sent it
   * @return the keys inside
   * @throws NtsException {@link NtsException.Reason#COOKIE_INVALID} if the cookie is too short,
   *     its master key is unknown or retired, it was altered, or its content has no AEAD's length
   */
  public NtsKeys open(byte[] cookie) throws NtsException {
    if (cookie.length < KEY_ID_LENGTH + NONCE_LENGTH + AesSiv.TAG_LENGTH) {
      throw new NtsException(NtsException.Reason.COOKIE_INVALID, "cookie of " + cookie.length + " octets is too short");
    }
    int id = ByteBuffer.wrap(cookie).getInt();
    current(); // rotate first, so a retired key no longer opens anything
    MasterKey key = null;
    for (MasterKey k : keys) {
      if (k.id == id) {
        key = k;
      }
    }
    if (key == null) {
      throw new NtsException(NtsException.Reason.COOKIE_INVALID, String.format("cookie under unknown or retired master key %08x", id));
    }
    byte[] nonce = Arrays.copyOfRange(cookie, KEY_ID_LENGTH, KEY_ID_LENGTH + NONCE_LENGTH);
    byte[] plain;
    try {
      plain = key.siv.get().open(cookie, KEY_ID_LENGTH + NONCE_LENGTH, cookie.length - KEY_ID_LENGTH - NONCE_LENGTH, key.idBytes, nonce);
    } catch (NtsException e) {
      throw new NtsException(NtsException.Reason.COOKIE_INVALID, -1, "cookie does not authenticate", e);
    }
    AeadAlgorithm aead = AeadAlgorithm.ofKeyLength(plain.length / 2)
        .filter(a -> plain.length == 2 * a.keyLength())
        .orElseThrow(() -> new NtsException(NtsException.Reason.COOKIE_INVALID, "cookie holds " + plain.length + " octets of keys"));
    return NtsKeys.of(aead, Arrays.copyOfRange(plain, 0, aead.keyLength()),
        Arrays.copyOfRange(plain, aead.keyLength(), plain.length));
  }

  /**
   * The length of a cookie for keys of an algorithm, as {@link #seal} makes it.
   *
   * @param aead the algorithm
   * @return octets
   */
  public static int cookieLength(AeadAlgorithm aead) {
    return KEY_ID_LENGTH + NONCE_LENGTH + AesSiv.TAG_LENGTH + 2 * aead.keyLength();
  }

  /**
   * The ids of the master keys that open cookies now, newest first (for tests and logs).
   *
   * @return key ids
   */
  public List<Integer> keyIds() {
    current();
    return keys.stream().map(k -> k.id).toList();
  }

  /** The newest key, rotating first when a period has passed since the last rotation. */
  private MasterKey current() {
    Instant now = clock.instant();
    if (!now.isBefore(rotated.plus(rotation))) {
      String rotationMessage = null;
      synchronized (this) {
        if (!now.isBefore(rotated.plus(rotation))) {
          List<MasterKey> next = new ArrayList<>(retained + 1);
          next.add(newKey(keys));
          for (int i = 0; i < retained && i < keys.size(); i++) {
            next.add(keys.get(i));
          }
          // Several periods may have passed: the retained keys then are as old as they are.
          long periods = Duration.between(rotated, now).dividedBy(rotation);
          if (periods > retained) {
            next = next.subList(0, 1);
          }
          rotationMessage = rotationMessage(keys, next);
          keys = List.copyOf(next);
          rotated = now;
        }
      }
      if (rotationMessage != null) {
        LOG.log(Level.INFO, rotationMessage);
      }
    }
    return keys.get(0);
  }

  /** Which key became current and which retired: ids only, never material. */
  private static String rotationMessage(List<MasterKey> before, List<MasterKey> after) {
    List<String> retired = new ArrayList<>();
    for (MasterKey k : before) {
      if (!after.contains(k)) {
        retired.add(hex(k.id));
      }
    }
    List<String> open = new ArrayList<>();
    for (MasterKey k : after.subList(1, after.size())) {
      open.add(hex(k.id));
    }
    return "NTS master key " + hex(after.get(0).id) + " is current; retired: "
        + (retired.isEmpty() ? "none" : String.join(", ", retired)) + "; still opening cookies: "
        + (open.isEmpty() ? "none" : String.join(", ", open));
  }

  private static String hex(int id) {
    return String.format("%08x", id);
  }

  private MasterKey newKey(List<MasterKey> existing) {
    synchronized (random) {
      byte[] material = new byte[AeadAlgorithm.AES_SIV_CMAC_256.keyLength()];
      random.nextBytes(material);
      int id;
      do {
        id = random.nextInt();
      } while (isUsed(existing, id));
      return new MasterKey(id, material);
    }
  }

  private static boolean isUsed(List<MasterKey> existing, int id) {
    return existing.stream().anyMatch(k -> k.id == id);
  }

  /** One master key; each thread gets its own AES-SIV engine for it, dropped with the key. */
  private static final class MasterKey {
    final int id;
    final byte[] idBytes;
    final ThreadLocal<AesSiv> siv;

    MasterKey(int id, byte[] material) {
      this.id = id;
      this.idBytes = ByteBuffer.allocate(KEY_ID_LENGTH).putInt(id).array();
      this.siv = ThreadLocal.withInitial(() -> new AesSiv(material));
    }
  }
}
