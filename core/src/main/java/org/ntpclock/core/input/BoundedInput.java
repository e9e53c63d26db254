package org.ntpclock.core.input;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads streams and files with a bound on their size, before any parser sees them.
 *
 * <p>A file named by a user is opened only if it is a regular file (symbolic links followed): a
 * FIFO would block the open until some writer appears, and a character device such as
 * {@code /dev/zero} or {@code /dev/urandom} never ends. Those are refused with a
 * {@link FileSystemException} saying so, before the open. A regular file that grows while it is
 * read is still cut at the bound.
 */
public final class BoundedInput {
  private BoundedInput() {}

  /**
   * Reads a stream to its end, refusing more than {@code maxBytes}. The stream is not closed.
   *
   * @param in the stream
   * @param maxBytes the largest accepted size, 0..{@code Integer.MAX_VALUE - 8}
   * @param what what is read, for the error message (a file name, "the key file")
   * @return the bytes, at most {@code maxBytes}
   * @throws InputTooLargeException if the stream holds more (at most {@code maxBytes + 1} bytes
   *     are read to find out)
   * @throws IOException if reading fails
   */
  public static byte[] readAll(InputStream in, int maxBytes, String what) throws IOException {
    checkNotNull(in, "in");
    checkArgument(maxBytes >= 0 && maxBytes <= Integer.MAX_VALUE - 8, "maxBytes out of range: %s", maxBytes);
    byte[] bytes = in.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new InputTooLargeException(what, maxBytes);
    }
    return bytes;
  }

  /**
   * Opens a regular file for reading, refusing anything else before opening it.
   *
   * @param file the file; symbolic links are followed
   * @return a stream the caller closes
   * @throws java.nio.file.NoSuchFileException if it does not exist
   * @throws FileSystemException if it is a directory, FIFO, socket or device
   * @throws IOException if it cannot be opened
   */
  public static InputStream openRegularFile(Path file) throws IOException {
    checkNotNull(file, "file");
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new FileSystemException(SafeText.escape(file.toString()), null, "not a regular file ("
          + (attributes.isDirectory() ? "a directory" : "a FIFO, socket or device") + ")");
    }
    return Files.newInputStream(file);
  }

  /**
   * Reads a whole regular file, refusing anything else and anything larger than {@code maxBytes}.
   *
   * @param file the file; symbolic links are followed
   * @param maxBytes the largest accepted size
   * @return the bytes
   * @throws InputTooLargeException if the file is larger
   * @throws FileSystemException if it is not a regular file
   * @throws IOException if it cannot be read
   */
  public static byte[] readFile(Path file, int maxBytes) throws IOException {
    try (InputStream in = openRegularFile(file)) {
      return readAll(in, maxBytes, file.toString());
    }
  }
}
