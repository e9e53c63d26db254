package org.ntpclock.clock.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.ntpclock.core.input.SafeText;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command's options from a properties file ({@code serve --config FILE}): each key is a long
 * option name without its dashes ({@code ntp-port=123}); an option given on the command line wins
 * over the file. The file is read with a bound (FIFOs and devices refused) and must be UTF-8.
 * Unknown keys, options that take no value and values that do not convert are usage errors naming
 * {@code --config}, the file and the key, with every quoted piece of the file escaped. Relative
 * paths are resolved against the file's directory.
 */
final class ConfigFile {
  /** Largest configuration file read: a few dozen options take a few kilobytes. */
  static final int MAX_BYTES = 64 * 1024;

  /** Options a configuration file may not set. */
  private static final Set<String> NOT_CONFIGURABLE = Set.of("config", "help", "version");

  private static final String OPTION = "--config";

  private static final Pattern ASCII_INTEGER = Pattern.compile("[+-]?[0-9]+");

  private ConfigFile() {}

  /**
   * Sets every option named in the file that the command line left alone.
   *
   * @param spec the command, after parsing
   * @param file the properties file
   * @throws CliException a usage error if the file is unreadable or names a bad key or value
   */
  static void apply(CommandSpec spec, Path file) {
    apply(spec, file, parse(file, CliFiles.read(OPTION, file, MAX_BYTES)));
  }

  /**
   * Parses the bytes of a configuration file into its keys and values.
   *
   * @param file the file the bytes came from, for messages
   * @param bytes its content, at most {@link #MAX_BYTES}
   * @return the keys and their values (values stripped), sorted by key
   * @throws CliException a usage error if the bytes are not UTF-8 or not a properties file
   */
  static SortedMap<String, String> parse(Path file, byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw error(file, "not UTF-8 text");
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      // Properties only fails on a malformed backslash-u escape.
      throw error(file, "malformed (" + SafeText.escape(String.valueOf(e.getMessage()), SafeText.DEFAULT_MAX_CHARS) + ")");
    }
    SortedMap<String, String> entries = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      entries.put(key, properties.getProperty(key).strip());
    }
    return Collections.unmodifiableSortedMap(entries);
  }

  /**
   * Sets every option named in {@code entries} that the command line left alone.
   *
   * @param spec the command, parsed or fresh
   * @param file the file the entries came from, for messages and relative paths
   * @param entries the keys and values, as {@link #parse} returns them
   * @throws CliException a usage error naming the first bad key or value
   */
  static void apply(CommandSpec spec, Path file, SortedMap<String, String> entries) {
    ParseResult parsed = spec.commandLine().getParseResult();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      String key = entry.getKey();
      OptionSpec option = NOT_CONFIGURABLE.contains(key) ? null : spec.findOption("--" + key);
      if (option == null || option.arity().max() == 0 || !option.longestName().equals("--" + key)) {
        throw error(file, "unknown key " + quote(key) + " (keys are " + spec.name()
            + "'s long option names without dashes, e.g. ntp-port)");
      }
      if (parsed != null && parsed.hasMatchedOption(option)) {
        continue;
      }
      option.setValue(convert(file, key, entry.getValue(), option.type()));
    }
  }

  private static Object convert(Path file, String key, String text, Class<?> type) {
    try {
      if (type == String.class) {
        return text;
      }
      if (type == int.class || type == Integer.class) {
        return Integer.valueOf(asciiNumber(text));
      }
      if (type == long.class || type == Long.class) {
        return Long.valueOf(asciiNumber(text));
      }
      if (type == Path.class) {
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? Path.of(text) : dir.resolve(text);
      }
      if (type.isEnum()) {
        for (Object constant : type.getEnumConstants()) {
          if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
            return constant;
          }
        }
        throw new IllegalArgumentException("not one of " + Arrays.toString(type.getEnumConstants()));
      }
    } catch (IllegalArgumentException e) {
      // Also java.nio.file.InvalidPathException (a NUL in a path) and NumberFormatException.
      String why = e instanceof NumberFormatException ? "a number expected"
          : e instanceof java.nio.file.InvalidPathException ? "not a file name"
          : SafeText.escape(String.valueOf(e.getMessage()), SafeText.DEFAULT_MAX_CHARS);
      throw error(file, "invalid value for " + quoteKey(key) + ": " + quote(text) + " (" + why + ")");
    }
    throw error(file, quoteKey(key) + " cannot be set from a file");
  }

  /** Integer.valueOf also takes other scripts' digits (full-width "２３"); a port or count is ASCII. */
  private static String asciiNumber(String text) {
    if (!ASCII_INTEGER.matcher(text).matches()) {
      throw new NumberFormatException(text);
    }
    return text;
  }

  private static CliException error(Path file, String why) {
    return CliException.usage(OPTION + " " + SafeText.quote(file.toString(), SafeText.DEFAULT_MAX_CHARS) + ": " + why);
  }

  /** A key that is an option name is printed bare, as the option it sets. */
  private static String quoteKey(String key) {
    return SafeText.escape(key, SafeText.DEFAULT_MAX_CHARS);
  }

  private static String quote(String text) {
    return SafeText.quote(text, SafeText.DEFAULT_MAX_CHARS);
  }
}
