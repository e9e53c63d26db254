package org.ntpclock.clock.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ntpclock.codec.auth.KeyFile;
import org.ntpclock.codec.auth.KeyFileException;
import org.ntpclock.codec.auth.KeyStore;

/** Loads a chrony/ntpd key file for a command, turning every problem into a usage error. */
final class Keys {
  private Keys() {}

  static KeyStore load(Path file) {
    try {
      return KeyFile.parse(file);
    } catch (NoSuchFileException e) {
      throw CliException.usage("key file not found: " + file);
    } catch (IOException e) {
      throw CliException.usage("cannot read key file " + file + ": " + e.getMessage());
    } catch (KeyFileException e) {
      throw CliException.usage("bad key file " + file + ": " + e.getMessage());
    }
  }
}
