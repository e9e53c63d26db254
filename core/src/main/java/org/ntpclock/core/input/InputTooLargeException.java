package org.ntpclock.core.input;

import java.io.IOException;

/**
 * A stream or file held more bytes than its reader accepts. Thrown after reading at most one byte
 * beyond the limit, so an endless source (such as {@code /dev/zero}) costs no more than the limit.
 */
public final class InputTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The largest accepted size in bytes. */
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param what what was being read, for the message (escaped here)
   * @param limit the largest accepted size in bytes
   */
  public InputTooLargeException(String what, long limit) {
    super(SafeText.quote(what, SafeText.DEFAULT_MAX_CHARS) + ": larger than " + limit + " bytes");
    this.limit = limit;
  }

  /**
   * The largest accepted size.
   *
   * @return bytes
   */
  public long limit() {
    return limit;
  }
}
