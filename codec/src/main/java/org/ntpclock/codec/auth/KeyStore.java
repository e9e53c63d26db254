package org.ntpclock.codec.auth;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An immutable set of symmetric keys with unique ids, looked up by id without allocating (sorted
 * ids, binary search), so it can sit on a server's hot path.
 *
 * <p>Immutable and thread-safe. {@link #toString()} lists ids and algorithms, never secrets.
 */
public final class KeyStore implements KeyLookup {
  private static final KeyStore EMPTY = new KeyStore(new long[0], List.of());

  private final long[] ids;
  private final List<SymmetricKey> keys;
  /** Pre-built results so {@link #lookup} allocates nothing. */
  private final List<Optional<SymmetricKey>> found;

  private KeyStore(long[] ids, List<SymmetricKey> keys) {
    this.ids = ids;
    this.keys = keys;
    List<Optional<SymmetricKey>> f = new ArrayList<>(keys.size());
    for (SymmetricKey k : keys) {
      f.add(Optional.of(k));
    }
    this.found = List.copyOf(f);
  }

  /**
   * The store without keys.
   *
   * @return the empty store
   */
  public static KeyStore empty() {
    return EMPTY;
  }

  /**
   * A store of the given keys.
   *
   * @param keys the keys; no two with the same id
   * @return the store
   * @throws IllegalArgumentException if two keys share an id
   */
  public static KeyStore of(Collection<SymmetricKey> keys) {
    checkNotNull(keys, "keys");
    List<SymmetricKey> sorted = new ArrayList<>(keys);
    sorted.forEach(k -> checkNotNull(k, "key"));
    sorted.sort(Comparator.comparingLong(SymmetricKey::keyId));
    long[] ids = new long[sorted.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = sorted.get(i).keyId();
      checkArgument(i == 0 || ids[i] != ids[i - 1], "duplicate key id %s", ids[i]);
    }
    return ids.length == 0 ? EMPTY : new KeyStore(ids, List.copyOf(sorted));
  }

  /**
   * A store of the given keys.
   *
   * @param keys the keys; no two with the same id
   * @return the store
   * @throws IllegalArgumentException if two keys share an id
   */
  public static KeyStore of(SymmetricKey... keys) {
    return of(Arrays.asList(keys));
  }

  /**
   * The key with the given id; allocates nothing.
   *
   * @param keyId the wire key id
   * @return the key, or empty
   */
  @Override
  public Optional<SymmetricKey> lookup(long keyId) {
    int i = Arrays.binarySearch(ids, keyId);
    return i >= 0 ? found.get(i) : Optional.empty();
  }

  /**
   * Whether a key with this id is present.
   *
   * @param keyId the key id
   * @return true if present
   */
  public boolean contains(long keyId) {
    return Arrays.binarySearch(ids, keyId) >= 0;
  }

  /**
   * All keys, in ascending id order.
   *
   * @return an unmodifiable list
   */
  public List<SymmetricKey> keys() {
    return keys;
  }

  /**
   * The number of keys.
   *
   * @return the count
   */
  public int size() {
    return keys.size();
  }

  /**
   * Whether the store has no keys.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /**
   * Equal when both hold equal keys.
   *
   * @param o the other object
   * @return true if equal
   */
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof KeyStore && ((KeyStore) o).keys.equals(keys));
  }

  /**
   * A hash of the keys (which do not hash their secrets).
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return keys.hashCode();
  }

  /**
   * The keys' descriptions, without secrets.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "KeyStore" + keys;
  }
}
