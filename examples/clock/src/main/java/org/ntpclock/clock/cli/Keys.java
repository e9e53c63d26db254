package org.ntpclock.clock.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.ntpclock.codec.auth.KeyFile;
import org.ntpclock.codec.auth.KeyFileException;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.core.input.SafeText;

/** Loads a chrony/ntpd key file for a command, turning every problem into a usage error. */
final class Keys {
  private Keys() {}

  /**
   * Reads {@code --keyfile} (a regular file, read with the parser's bounds).
   *
   * @param file the file
   * @return the keys
   * @throws CliException a usage error naming {@code --keyfile}
   */
  static KeyStore load(Path file) {
    try {
      return KeyFile.parse(file);
    } catch (IOException e) {
      throw CliFiles.invalid("--keyfile", file, e);
    } catch (KeyFileException e) {
      throw CliException.usage("invalid value for --keyfile: " + SafeText.quote(file.toString(), SafeText.DEFAULT_MAX_CHARS)
          + " (bad key file: " + e.getMessage() + ")");
    }
  }
}
