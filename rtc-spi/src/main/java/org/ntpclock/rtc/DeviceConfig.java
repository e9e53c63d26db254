package org.ntpclock.rtc;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configuration string a provider opens a device with: comma-separated {@code key=value}
 * pairs, for example {@code "path=/sys/class/rtc/rtc1"} or {@code "bus=1,address=0x68"}. Keys
 * are case-sensitive; surrounding blanks are trimmed; the empty string is an empty configuration.
 * Immutable.
 */
public final class DeviceConfig {
  private static final DeviceConfig EMPTY = new DeviceConfig(Map.of());
  private final Map<String, String> values;

  private DeviceConfig(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses a configuration string.
   *
   * @param text {@code key=value} pairs separated by commas, or empty
   * @return the configuration
   * @throws IllegalArgumentException if a pair has no {@code '='}, an empty key, or a key repeats
   */
  public static DeviceConfig parse(String text) {
    checkNotNull(text, "text");
    if (text.isBlank()) {
      return EMPTY;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      int eq = pair.indexOf('=');
      checkArgument(eq > 0, "not a key=value pair: '%s'", pair.trim());
      String key = pair.substring(0, eq).trim();
      checkArgument(!key.isEmpty(), "empty key in '%s'", pair.trim());
      checkArgument(map.put(key, pair.substring(eq + 1).trim()) == null, "key repeated: %s", key);
    }
    return new DeviceConfig(Collections.unmodifiableMap(map));
  }

  /**
   * A value.
   *
   * @param key the key
   * @return the value, or empty if absent
   */
  public Optional<String> get(String key) {
    checkNotNull(key, "key");
    return Optional.ofNullable(values.get(key));
  }

  /**
   * A string value.
   *
   * @param key the key
   * @param defaultValue the value when absent
   * @return the value
   */
  public String string(String key, String defaultValue) {
    checkNotNull(key, "key");
    checkNotNull(defaultValue, "defaultValue");
    return values.getOrDefault(key, defaultValue);
  }

  /**
   * A path value.
   *
   * @param key the key
   * @param defaultValue the value when absent
   * @return the path
   */
  public Path path(String key, Path defaultValue) {
    checkNotNull(key, "key");
    checkNotNull(defaultValue, "defaultValue");
    String v = values.get(key);
    return v == null ? defaultValue : Path.of(v);
  }

  /**
   * An integer value, decimal or {@code 0x} hexadecimal.
   *
   * @param key the key
   * @param defaultValue the value when absent
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value
   * @throws IllegalArgumentException if the value is not an integer or out of range
   */
  public long integer(String key, long defaultValue, long min, long max) {
    checkNotNull(key, "key");
    String v = values.get(key);
    long n;
    if (v == null) {
      n = defaultValue;
    } else {
      try {
        n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " is not an integer: '" + v + "'", e);
      }
    }
    checkArgument(n >= min && n <= max, "%s out of range %s..%s: %s", key, min, max, n);
    return n;
  }

  /**
   * A boolean value, {@code true} or {@code false}.
   *
   * @param key the key
   * @param defaultValue the value when absent
   * @return the value
   * @throws IllegalArgumentException if the value is neither
   */
  public boolean bool(String key, boolean defaultValue) {
    checkNotNull(key, "key");
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    checkArgument(v.equals("true") || v.equals("false"), "%s is not true or false: '%s'", key, v);
    return v.equals("true");
  }

  /**
   * Parses a provider's configuration, checks its keys and reads its settings, turning any
   * {@link IllegalArgumentException} (bad syntax, an unknown key, a value out of range) into one
   * typed failure: the one place every provider's configuration errors go through.
   *
   * @param <T> what the settings make
   * @param text the configuration string
   * @param reader reads the settings; throws {@link IllegalArgumentException} for a bad value
   * @param knownKeys the keys the provider reads
   * @return what the reader made
   * @throws DeviceException {@link DeviceException.Reason#CONFIGURATION} if the configuration is bad
   */
  public static <T> T read(String text, Function<DeviceConfig, T> reader, String... knownKeys) throws DeviceException {
    checkNotNull(text, "text");
    checkNotNull(reader, "reader");
    checkNotNull(knownKeys, "knownKeys");
    try {
      return reader.apply(parse(text).checkKeys(knownKeys));
    } catch (IllegalArgumentException e) {
      throw new DeviceException(DeviceException.Reason.CONFIGURATION, e.getMessage(), e);
    }
  }

  /**
   * Checks that every key given is one the provider knows, so a misspelt key fails instead of
   * being ignored.
   *
   * @param known the keys the provider reads
   * @return this configuration
   * @throws IllegalArgumentException naming the first unknown key and the known ones
   */
  public DeviceConfig checkKeys(String... known) {
    List<String> ok = List.of(known); // rejects a null array or key
    for (String key : values.keySet()) {
      checkArgument(ok.contains(key), "unknown key '%s'; known: %s", key, String.join(", ", known));
    }
    return this;
  }

  /**
   * The keys and values.
   *
   * @return an unmodifiable map in the order given
   */
  public Map<String, String> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof DeviceConfig && values.equals(((DeviceConfig) obj).values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }
}
