package org.ntpclock.rtc.gps;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One reading of a Linux PPS device's sysfs {@code assert} (or {@code clear}) file:
 * {@code SECONDS.NANOSECONDS#SEQUENCE}, the system clock's time when the kernel saw the last edge
 * and a count of edges; for example {@code 1700000000.000012345#42}.
 *
 * @param time the system-clock time of the edge
 * @param sequence the edge counter, 0 or more
 */
public record PpsEvent(Instant time, long sequence) {
  /** The longest text a valid reading can have, with room for a newline. */
  public static final int MAX_LENGTH = 64;

  /**
   * Checks the components.
   *
   * @param time the time
   * @param sequence the counter
   * @throws IllegalArgumentException if the sequence is negative
   */
  public PpsEvent {
    checkNotNull(time, "time");
    checkArgument(sequence >= 0, "negative sequence: %s", sequence);
  }

  /**
   * Parses a reading.
   *
   * @param text the file's content
   * @return the event, or empty when the device has seen no edge yet (an empty file, or the
   *     kernel's {@code 0.000000000#0})
   * @throws GpsException with reason {@link GpsException.Reason#BAD_PPS_READING} if the text is
   *     not {@code SECONDS.NANOSECONDS#SEQUENCE} with nine decimals
   */
  public static Optional<PpsEvent> parse(CharSequence text) throws GpsException {
    String s = text.toString().strip();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    int dot = s.indexOf('.');
    int hash = s.indexOf('#');
    if (s.length() > MAX_LENGTH || dot < 1 || hash != dot + 10 || !digits(s, 0, dot) || !digits(s, dot + 1, hash)
        || !digits(s, hash + 1, s.length()) || dot > 18 || s.length() - hash - 1 > 18) {
      throw new GpsException(GpsException.Reason.BAD_PPS_READING,
          "a PPS reading is SECONDS.NANOSECONDS#SEQUENCE: '" + (s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "…" : s) + "'");
    }
    long seconds = Long.parseLong(s.substring(0, dot));
    int nanos = Integer.parseInt(s.substring(dot + 1, hash));
    long sequence = Long.parseLong(s.substring(hash + 1));
    if (seconds == 0 && nanos == 0 && sequence == 0) {
      return Optional.empty();
    }
    return Optional.of(new PpsEvent(Instant.ofEpochSecond(seconds, nanos), sequence));
  }

  private static boolean digits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The text the kernel writes for this event.
   *
   * @return {@code SECONDS.NANOSECONDS#SEQUENCE}
   */
  public String format() {
    return time.getEpochSecond() + "." + String.format("%09d", time.getNano()) + "#" + sequence;
  }
}
