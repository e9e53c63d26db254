package org.ntpclock.epoch;

/**
 * The outcome of checking a {@code leap-seconds.list} file, with the result codes of ntpsec's
 * {@code leapsec_validate} ({@code LSVALID_*}). A file is usable when {@link #isAcceptable()}: a
 * good hash, or no {@code #h} line at all (older and hand-made files).
 */
public enum LeapFileStatus {
  /** 1: the {@code #h} SHA-1 matches the data. */
  GOOD_HASH(1),
  /** 0: the file has no {@code #h} line; its integrity is unknown. */
  NO_HASH(0),
  /** -1: the {@code #h} SHA-1 does not match: the file was altered or damaged. */
  BAD_HASH(-1),
  /** -2: a line cannot be parsed or the entries break the rules of the format. */
  BAD_FORMAT(-2);

  private final int code;

  LeapFileStatus(int code) {
    this.code = code;
  }

  /**
   * The ntpsec result code.
   *
   * @return 1, 0, -1 or -2
   */
  public int code() {
    return code;
  }

  /**
   * Whether a file with this status may be used (ntpsec refuses codes below zero).
   *
   * @return true for {@link #GOOD_HASH} and {@link #NO_HASH}
   */
  public boolean isAcceptable() {
    return code >= 0;
  }
}
