package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import org.ntpclock.core.input.SafeText;

/**
 * A {@code leap-seconds.list} file was rejected: its hash does not match, or a line breaks the
 * format. Carries the {@link Reason} and the 1-based line number of the offending line: the data
 * or tag line for format errors, the {@code #h} line for a bad hash, 0 when the problem is the file
 * as a whole (a missing {@code #$} or {@code #@} line, no data lines, too large).
 */
public final class LeapFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a file was rejected. */
  public enum Reason {
    /** The SHA-1 of the data does not match the {@code #h} line (status {@link LeapFileStatus#BAD_HASH}). */
    BAD_HASH,
    /** The {@code #h} line is not five hexadecimal words of at most eight digits. */
    MALFORMED_HASH,
    /** The {@code #$} (last update) line is not a decimal NTP second. */
    MALFORMED_UPDATE,
    /** The {@code #@} (expiry) line is not a decimal NTP second. */
    MALFORMED_EXPIRY,
    /** A data line is not {@code <NTP second> <TAI-UTC> [# comment]} in decimal. */
    MALFORMED_ENTRY,
    /** A {@code #$}, {@code #@} or {@code #h} line occurs twice. */
    DUPLICATE_TAG,
    /** A data line's instant is not 00:00:00 UTC on the first day of a month. */
    NOT_MONTH_START,
    /** A data line's instant is not after the previous one. */
    NOT_ASCENDING,
    /** TAI-UTC changes by other than one second between consecutive data lines. */
    NOT_ONE_SECOND_STEP,
    /** The file has no {@code #$} line. */
    MISSING_UPDATE,
    /** The file has no {@code #@} line. */
    MISSING_EXPIRY,
    /** The file has no data lines. */
    NO_ENTRIES,
    /** The file is too large to be a leap-second list. */
    TOO_LARGE;

    /**
     * The file status this reason implies.
     *
     * @return {@link LeapFileStatus#BAD_HASH} or {@link LeapFileStatus#BAD_FORMAT}
     */
    public LeapFileStatus status() {
      return this == BAD_HASH ? LeapFileStatus.BAD_HASH : LeapFileStatus.BAD_FORMAT;
    }
  }

  /** Why the file was rejected. */
  private final Reason reason;
  /** The 1-based line number, 0 for the whole file. */
  private final int lineNumber;

  /**
   * A rejection.
   *
   * @param reason why
   * @param lineNumber the 1-based line number, or 0 for the whole file
   * @param detail a human-readable detail
   */
  public LeapFileException(Reason reason, int lineNumber, String detail) {
    super(checkNotNull(reason, "reason") + (lineNumber > 0 ? " at line " + lineNumber : "") + ": " + SafeText.escape(detail));
    this.reason = reason;
    this.lineNumber = lineNumber;
  }

  /**
   * Why the file was rejected.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The status of the file, as ntpsec would report it.
   *
   * @return {@link LeapFileStatus#BAD_HASH} or {@link LeapFileStatus#BAD_FORMAT}
   */
  public LeapFileStatus status() {
    return reason.status();
  }

  /**
   * The offending line.
   *
   * @return the 1-based line number, or 0 when the problem concerns the whole file
   */
  public int lineNumber() {
    return lineNumber;
  }
}
