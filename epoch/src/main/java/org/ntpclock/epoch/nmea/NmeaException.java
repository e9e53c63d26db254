package org.ntpclock.epoch.nmea;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/**
 * A line is not a well-formed NMEA 0183 sentence, or a time-bearing sentence carries a malformed
 * time or date. Carries the {@link Reason}, the 1-based line number the caller gave and the 1-based
 * column (character position in the line) where the problem was found.
 */
public final class NmeaException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a line was rejected. */
  public enum Reason {
    /** The line does not start with {@code $} or {@code !}. */
    BAD_START,
    /** The line is longer than the decoder's limit (82 characters with CR LF by the standard). */
    TOO_LONG,
    /** A character outside printable ASCII, or a reserved delimiter inside the sentence. */
    BAD_CHARACTER,
    /** The address field (talker and sentence type) is empty or not alphanumeric. */
    BAD_ADDRESS,
    /** No {@code *hh} checksum at the end of the sentence. */
    MISSING_CHECKSUM,
    /** The checksum is not two hexadecimal digits or does not match the sentence. */
    BAD_CHECKSUM,
    /** A time-bearing sentence has fewer fields than its type requires. */
    TOO_FEW_FIELDS,
    /** The time field is not {@code hhmmss[.s…]} with valid hours, minutes and seconds. */
    BAD_TIME,
    /** A date field (RMC {@code ddmmyy}, ZDA day/month/year) is malformed or not a calendar date. */
    BAD_DATE
  }

  /** Why the line was rejected. */
  private final Reason reason;
  /** The 1-based line number the caller gave, or 0. */
  private final int lineNumber;
  /** The 1-based column, or 0 for the whole line. */
  private final int column;

  /**
   * A rejection.
   *
   * @param reason why
   * @param lineNumber the 1-based line number, or 0 if the caller gave none
   * @param column the 1-based column of the offending character or field, 0 for the line as a whole
   * @param detail a human-readable detail
   */
  public NmeaException(Reason reason, int lineNumber, int column, String detail) {
    super(checkNotNull(reason, "reason") + " at line " + lineNumber + ", column " + column + ": " + detail);
    this.reason = reason;
    this.lineNumber = lineNumber;
    this.column = column;
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
   * The line number the caller gave for the line.
   *
   * @return 1-based, or 0
   */
  public int lineNumber() {
    return lineNumber;
  }

  /**
   * Where in the line the problem is.
   *
   * @return the 1-based column, 0 for the line as a whole
   */
  public int column() {
    return column;
  }

  /**
   * Whether the sentence was well framed but its checksum is missing or wrong (what a receiver
   * with line noise produces), as opposed to malformed text.
   *
   * @return true for {@link Reason#MISSING_CHECKSUM} and {@link Reason#BAD_CHECKSUM}
   */
  public boolean isChecksumError() {
    return reason == Reason.MISSING_CHECKSUM || reason == Reason.BAD_CHECKSUM;
  }
}
