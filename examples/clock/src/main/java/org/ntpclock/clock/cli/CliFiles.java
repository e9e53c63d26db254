package org.ntpclock.clock.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.transport.NtsCredentials;
import org.ntpclock.core.input.BoundedInput;
import org.ntpclock.core.input.InputTooLargeException;
import org.ntpclock.core.input.SafeText;

/**
 * Files named on the command line: read with a bound (FIFOs and devices refused), checked for
 * writing before a long-running command starts, and every problem turned into a one-line usage
 * error that names the option and says why.
 */
final class CliFiles {
  private CliFiles() {}

  /**
   * Reads a regular file of at most {@code maxBytes}.
   *
   * @param option the option or parameter that named it, for the message ("--keyfile", "FILE")
   * @param file the file
   * @param maxBytes the largest accepted size
   * @return its bytes
   * @throws CliException a usage error if it cannot be read
   */
  static byte[] read(String option, Path file, int maxBytes) {
    try {
      return BoundedInput.readFile(file, maxBytes);
    } catch (IOException e) {
      throw invalid(option, file, e);
    }
  }

  /**
   * Reads the certificates of a PEM file named by an option (bounded, FIFOs and devices refused).
   *
   * @param option the option that named it ("--ca", "--nts-cert")
   * @param file the file
   * @return its certificates, at least one
   * @throws CliException a usage error naming the option if it cannot be read or holds none
   */
  static List<X509Certificate> certificates(String option, Path file) {
    try {
      return NtsCredentials.readCertificates(file);
    } catch (NtsException e) {
      throw CliException.usage("invalid value for " + option + ": " + e.getMessage());
    }
  }

  /**
   * Reads an NTS-KE server's PEM certificate chain and private key, each error naming its option.
   *
   * @param certificateFile the {@code --nts-cert} file
   * @param keyFile the {@code --nts-key} file
   * @return the credentials
   * @throws CliException a usage error naming the option whose file is bad
   */
  static NtsCredentials ntsCredentials(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain = certificates("--nts-cert", certificateFile);
    try {
      return NtsCredentials.of(NtsCredentials.readPrivateKey(keyFile), chain);
    } catch (NtsException e) {
      throw CliException.usage("invalid value for --nts-key: " + e.getMessage());
    }
  }

  /**
   * The usage error for a file that could not be read or used.
   *
   * @param option the option that named it
   * @param file the file
   * @param e why
   * @return the exception to throw
   */
  static CliException invalid(String option, Path file, IOException e) {
    return CliException.usage("invalid value for " + option + ": " + SafeText.quote(file.toString(), SafeText.DEFAULT_MAX_CHARS)
        + " (" + reason(e) + ")");
  }

  /**
   * Why an I/O operation on a file failed, in words, without repeating the file name.
   *
   * @param e the failure
   * @return a short reason
   */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "file not found";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof InputTooLargeException tooLarge) {
      return "larger than " + tooLarge.limit() + " bytes";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return SafeText.escape(fs.getReason());
    }
    return e.getMessage() == null ? "input/output error" : SafeText.escape(e.getMessage(), SafeText.DEFAULT_MAX_CHARS);
  }

  /**
   * Checks, before a command starts, that a file can be written the way the clock writes its
   * pictures: a new file created in its directory and moved over it.
   *
   * @param option the option that named it, for the message
   * @param value the option's whole value, for the message
   * @param text the file name
   * @return the file
   * @throws CliException a usage error if it cannot be written
   */
  static Path checkWritable(String option, String value, String text) {
    Path file;
    try {
      file = Path.of(text).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw CliException.usage("invalid value for " + option + ": " + SafeText.quote(value, SafeText.DEFAULT_MAX_CHARS)
          + " (not a file name)");
    }
    Path dir = file.getParent();
    String why = null;
    if (dir == null || !Files.isDirectory(dir)) {
      why = "directory " + SafeText.escape(String.valueOf(dir)) + " does not exist";
    } else if (Files.isDirectory(file)) {
      why = "is a directory";
    } else {
      try {
        Files.delete(Files.createTempFile(dir, ".ntpclock-check", ".tmp"));
      } catch (IOException e) {
        why = "cannot write in " + SafeText.escape(dir.toString()) + ": " + reason(e);
      }
    }
    if (why != null) {
      throw CliException.usage("invalid value for " + option + ": " + SafeText.quote(value, SafeText.DEFAULT_MAX_CHARS)
          + " (" + why + ")");
    }
    return file;
  }
}
