package org.ntpclock.clock.json;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object under construction: keys in insertion order, values restricted to what JSON can
 * represent exactly ({@code null}, {@link String}, {@link Boolean}, integral numbers,
 * {@link BigDecimal}, {@link List}s of values and nested {@code JsonObject}s). Floating-point
 * numbers are refused: every decimal this tool prints is exact, so it goes out as a
 * {@link BigDecimal} or a decimal string.
 *
 * <p>Not thread-safe while being built; {@link #toString()} is the compact JSON text and
 * {@link Json#write(Object, boolean)} the indented one.
 */
public final class JsonObject {
  private final LinkedHashMap<String, Object> members = new LinkedHashMap<>();

  private JsonObject() {}

  /**
   * An empty object.
   *
   * @return the object
   */
  public static JsonObject create() {
    return new JsonObject();
  }

  /**
   * Adds or replaces a member.
   *
   * @param key the member name
   * @param value the value: null, String, Boolean, Integer, Long, Short, Byte, BigInteger,
   *     BigDecimal, List of values or JsonObject
   * @return this object
   * @throws IllegalArgumentException if the value has another type
   */
  public JsonObject put(String key, Object value) {
    checkNotNull(key, "key");
    checkValue(value);
    members.put(key, value);
    return this;
  }

  /**
   * The members, read-only, in insertion order.
   *
   * @return the members
   */
  public Map<String, Object> members() {
    return Collections.unmodifiableMap(members);
  }

  /**
   * A member's value.
   *
   * @param key the member name
   * @return the value, or null if absent or JSON null
   */
  public Object get(String key) {
    return members.get(key);
  }

  /**
   * Whether the object has a member, possibly with a null value.
   *
   * @param key the member name
   * @return true if present
   */
  public boolean has(String key) {
    return members.containsKey(key);
  }

  static void checkValue(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal
        || value instanceof JsonObject) {
      return;
    }
    if (value instanceof List<?> list) {
      list.forEach(JsonObject::checkValue);
      return;
    }
    checkArgument(false, "not a JSON value type: %s", value.getClass().getName());
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof JsonObject other && members.equals(other.members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }

  /** The compact JSON text. */
  @Override
  public String toString() {
    return Json.write(this, false);
  }
}
