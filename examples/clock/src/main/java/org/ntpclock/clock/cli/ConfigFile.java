package org.ntpclock.clock.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command's options from a properties file ({@code serve --config FILE}): each key is a long
 * option name without its dashes ({@code ntp-port=123}); an option given on the command line wins
 * over the file. Unknown keys, options that take no value and values that do not convert are usage
 * errors naming the file and key. Relative paths are resolved against the file's directory.
 */
final class ConfigFile {
  /** Options a configuration file may not set. */
  private static final Set<String> NOT_CONFIGURABLE = Set.of("config", "help", "version");

  private ConfigFile() {}

  /**
   * Sets every option named in the file that the command line left alone.
   *
   * @param spec the command, after parsing
   * @param file the properties file
   * @throws CliException a usage error if the file is unreadable or names a bad key or value
   */
  static void apply(CommandSpec spec, Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw CliException.usage("cannot read --config " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--config " + file + ": malformed: " + e.getMessage());
    }
    ParseResult parsed = spec.commandLine().getParseResult();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      OptionSpec option = NOT_CONFIGURABLE.contains(key) ? null : spec.findOption("--" + key);
      if (option == null || option.arity().max() == 0 || !option.longestName().equals("--" + key)) {
        throw CliException.usage("--config " + file + ": unknown key '" + key + "' (keys are " + spec.name()
            + "'s long option names without dashes, e.g. ntp-port)");
      }
      if (parsed != null && parsed.hasMatchedOption(option)) {
        continue;
      }
      String text = properties.getProperty(key).strip();
      option.setValue(convert(file, key, text, option.type()));
    }
  }

  private static Object convert(Path file, String key, String text, Class<?> type) {
    try {
      if (type == String.class) {
        return text;
      }
      if (type == int.class || type == Integer.class) {
        return Integer.valueOf(text);
      }
      if (type == long.class || type == Long.class) {
        return Long.valueOf(text);
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
        throw new IllegalArgumentException("not one of " + java.util.Arrays.toString(type.getEnumConstants()));
      }
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--config " + file + ": invalid value for " + key + ": '" + text + "' ("
          + (e instanceof NumberFormatException ? "a number expected" : e.getMessage()) + ")");
    }
    throw CliException.usage("--config " + file + ": " + key + " cannot be set from a file");
  }
}
