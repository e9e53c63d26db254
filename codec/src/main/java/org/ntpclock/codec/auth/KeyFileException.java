package org.ntpclock.codec.auth;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/**
 * A key file line that cannot be read, with the reason and the 1-based line number. The message
 * never contains key material.
 */
public final class KeyFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a key file line was rejected. */
  public enum Reason {
    /** Wrong number of fields: not {@code ID [TYPE] KEY} as the dialect requires. */
    MALFORMED_LINE,
    /** The line is longer than {@link KeyFile#MAX_LINE_LENGTH} characters (chrony's limit). */
    LINE_TOO_LONG,
    /** The file is longer than {@link KeyFile#MAX_FILE_CHARS} characters. */
    TOO_LARGE,
    /** A character outside printable US-ASCII and blanks (space, tab, vertical tab, form feed). */
    BAD_CHARACTER,
    /** The id is not a decimal number in the dialect's range (0 is reserved). */
    BAD_KEY_ID,
    /** A second key with an id already defined earlier in the file. */
    DUPLICATE_KEY_ID,
    /** The type names no supported algorithm. */
    UNKNOWN_TYPE,
    /** Hex key text with an odd number of digits or a non-hex character. */
    BAD_HEX,
    /** The decoded key is empty, too long for the dialect, or not the length a cipher needs. */
    BAD_KEY_LENGTH,
    /**
     * An unprefixed key longer than 20 characters in {@link KeyFile.Dialect#COMMON}: chrony would
     * read it as ASCII, ntpsec as hex. Add {@code HEX:} or {@code ASCII:}, or pick a dialect.
     */
    AMBIGUOUS_KEY_ENCODING
  }

  /** Why the line was rejected. */
  private final Reason reason;
  /** The 1-based number of the rejected line. */
  private final int lineNumber;

  KeyFileException(Reason reason, int lineNumber, String detail) {
    super(checkNotNull(reason, "reason") + " at line " + lineNumber + ": " + detail);
    checkArgument(lineNumber >= 1, "line numbers start at 1");
    this.reason = reason;
    this.lineNumber = lineNumber;
  }

  /**
   * Why the line was rejected.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The rejected line.
   *
   * @return the 1-based line number
   */
  public int lineNumber() {
    return lineNumber;
  }
}
