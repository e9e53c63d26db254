package org.ntpclock.clock.cli;

import java.util.List;
import java.util.Optional;

/**
 * A hardware choice on the command line: a kind and an optional argument after the first colon,
 * for example {@code sysfs:/dev/rtc1}, {@code ds3231:1} or {@code png:/tmp/face.png}.
 *
 * @param kind the kind, one of the allowed ones
 * @param argument the text after the first colon, if any
 */
record DeviceSpec(String kind, Optional<String> argument) {
  /**
   * Parses a spec.
   *
   * @param option the option name, for the error message
   * @param text the option value
   * @param kinds the allowed kinds
   * @param needArgument kinds that require an argument
   * @return the spec
   * @throws CliException (usage) if the kind is unknown or a required argument is missing
   */
  static DeviceSpec parse(String option, String text, List<String> kinds, List<String> needArgument) {
    int colon = text.indexOf(':');
    String kind = colon < 0 ? text : text.substring(0, colon);
    Optional<String> argument = colon < 0 ? Optional.empty() : Optional.of(text.substring(colon + 1));
    if (!kinds.contains(kind)) {
      throw CliException.usage("invalid value for " + option + ": '" + text + "' (expected one of "
          + String.join(", ", kinds) + ")");
    }
    if (argument.isPresent() && argument.get().isEmpty()) {
      throw CliException.usage("invalid value for " + option + ": '" + text + "' (empty argument after ':')");
    }
    if (needArgument.contains(kind) && argument.isEmpty()) {
      throw CliException.usage("invalid value for " + option + ": '" + text + "' (" + kind + " needs ':ARGUMENT')");
    }
    return new DeviceSpec(kind, argument);
  }

  /**
   * The argument as a non-negative integer (a bus or device number).
   *
   * @param option the option name, for the error message
   * @param fallback the value when no argument was given
   * @return the number
   * @throws CliException (usage) if the argument is not a number
   */
  int intArgument(String option, int fallback) {
    if (argument.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(argument.get());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the usage error
    }
    throw CliException.usage("invalid value for " + option + ": '" + kind + ":" + argument.get()
        + "' (expected a bus number)");
  }
}
