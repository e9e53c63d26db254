package org.ntpclock.epoch.nmea;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkElementIndex;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;

/**
 * One framed NMEA 0183 sentence: start character, address (talker and type) and the comma
 * separated data fields, with its checksum verified.
 *
 * <p>Framing rules: the sentence starts with {@code $} (parametric) or {@code !} (encapsulated),
 * ends with {@code *} and two hexadecimal digits, the XOR of every character between the start
 * character and the {@code *}; trailing CR LF and spaces are ignored. Only printable ASCII is
 * allowed, and {@code $ ! * \ ^ ~} are reserved (a {@code \} starts an NMEA 4 tag block, which the
 * line must not carry). An address starting with {@code P} is proprietary (talker {@code "P"}, type
 * the rest); a five-character address is a two-character talker and a three-character type; other
 * lengths keep the address as the type with an empty talker.
 *
 * <p>Immutable.
 */
public final class NmeaSentence {
  /** The standard's longest sentence, counting the start character and CR LF. */
  public static final int STANDARD_MAX_LENGTH = 82;
  /**
   * A lenient limit for receivers that send longer sentences than the standard allows (Trimble's
   * high-precision ones send 91 characters); still small enough to bound a reader's buffer.
   */
  public static final int LENIENT_MAX_LENGTH = 128;

  private final char start;
  private final String talker;
  private final String type;
  private final List<String> fields;
  private final int[] columns;

  private NmeaSentence(char start, String talker, String type, List<String> fields, int[] columns) {
    this.start = start;
    this.talker = talker;
    this.type = type;
    this.fields = fields;
    this.columns = columns;
  }

  /**
   * Frames one line.
   *
   * @param line the line, with or without CR LF
   * @param lineNumber the 1-based line number reported in errors (0 if unknown)
   * @param maxLength the longest line accepted, counting CR LF as two characters whether present
   *     or not; {@link #STANDARD_MAX_LENGTH} by the standard
   * @return the sentence
   * @throws NmeaException if the line breaks a framing rule or its checksum does not match
   * @throws IllegalArgumentException if {@code maxLength} is below 8
   */
  public static NmeaSentence parse(CharSequence line, int lineNumber, int maxLength) throws NmeaException {
    checkNotNull(line, "line");
    checkArgument(maxLength >= 8, "maxLength below 8: %s", maxLength);
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r' || line.charAt(end - 1) == ' ')) {
      end--;
    }
    if (end + 2 > maxLength) {
      throw new NmeaException(NmeaException.Reason.TOO_LONG, lineNumber, maxLength - 1,
          (end + 2) + " characters with CR LF, more than " + maxLength);
    }
    if (end == 0 || (line.charAt(0) != '$' && line.charAt(0) != '!')) {
      throw new NmeaException(NmeaException.Reason.BAD_START, lineNumber, 1, "a sentence starts with '$' or '!'");
    }
    int star = -1;
    int sum = 0;
    for (int i = 1; i < end; i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new NmeaException(NmeaException.Reason.BAD_CHARACTER, lineNumber, i + 1,
            String.format("character 0x%02x is not printable ASCII", (int) c));
      }
      if (c == '*') {
        star = i;
        break;
      }
      if (c == '$' || c == '!' || c == '\\' || c == '^' || c == '~') {
        throw new NmeaException(NmeaException.Reason.BAD_CHARACTER, lineNumber, i + 1, "reserved character '" + c + "'");
      }
      sum ^= c;
    }
    if (star < 0) {
      throw new NmeaException(NmeaException.Reason.MISSING_CHECKSUM, lineNumber, end + 1, "no '*' checksum");
    }
    if (end - star != 3) {
      throw new NmeaException(NmeaException.Reason.BAD_CHECKSUM, lineNumber, star + 2,
          "the checksum is two hexadecimal digits ending the sentence");
    }
    int hi = Character.digit(line.charAt(star + 1), 16);
    int lo = Character.digit(line.charAt(star + 2), 16);
    if (hi < 0 || lo < 0 || !isAsciiHex(line.charAt(star + 1)) || !isAsciiHex(line.charAt(star + 2))) {
      throw new NmeaException(NmeaException.Reason.BAD_CHECKSUM, lineNumber, star + 2, "the checksum is not hexadecimal");
    }
    if ((hi << 4 | lo) != sum) {
      throw new NmeaException(NmeaException.Reason.BAD_CHECKSUM, lineNumber, star + 2,
          String.format("checksum %c%c, computed %02X", line.charAt(star + 1), line.charAt(star + 2), sum));
    }
    List<String> parts = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    int from = 1;
    for (int i = 1; i <= star; i++) {
      if (i == star || line.charAt(i) == ',') {
        parts.add(line.subSequence(from, i).toString());
        starts.add(from + 1);
        from = i + 1;
      }
    }
    String address = parts.get(0);
    if (address.isEmpty() || !address.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      throw new NmeaException(NmeaException.Reason.BAD_ADDRESS, lineNumber, 2, "address '" + address + "' is not alphanumeric");
    }
    String talker;
    String type;
    if (address.charAt(0) == 'P') {
      talker = "P";
      type = address.substring(1);
    } else if (address.length() == 5) {
      talker = address.substring(0, 2);
      type = address.substring(2);
    } else {
      talker = "";
      type = address;
    }
    int[] columns = new int[parts.size() - 1];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = starts.get(i + 1);
    }
    return new NmeaSentence(line.charAt(0), talker, type, List.copyOf(parts.subList(1, parts.size())), columns);
  }

  private static boolean isAsciiHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  }

  /**
   * The XOR checksum of the characters between the start character and the {@code *}.
   *
   * @param body the characters after {@code $} and before {@code *}
   * @return 0..255
   */
  public static int checksum(CharSequence body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum ^= body.charAt(i);
    }
    return sum & 0xff;
  }

  /**
   * The start character.
   *
   * @return {@code '$'} or {@code '!'}
   */
  public char start() {
    return start;
  }

  /**
   * The talker: {@code GP}, {@code GN}, {@code GL}, {@code GA}, {@code GB}, {@code BD}, {@code QZ}…;
   * {@code P} for a proprietary sentence; empty for an address that is not five characters.
   *
   * @return the talker
   */
  public String talker() {
    return talker;
  }

  /**
   * The sentence type, e.g. {@code RMC}; for a proprietary sentence the manufacturer code and the
   * rest of the address (e.g. {@code GRME}).
   *
   * @return the type
   */
  public String type() {
    return type;
  }

  /**
   * Whether the sentence is proprietary (address starts with {@code P}).
   *
   * @return true for proprietary sentences
   */
  public boolean isProprietary() {
    return "P".equals(talker);
  }

  /**
   * The data fields after the address, possibly empty strings.
   *
   * @return the fields, unmodifiable
   */
  public List<String> fields() {
    return fields;
  }

  /**
   * The 1-based column where a data field starts in the line.
   *
   * @param index the field index in {@link #fields()}
   * @return the column
   * @throws IndexOutOfBoundsException if there is no such field
   */
  public int column(int index) {
    checkElementIndex(index, columns.length, "field index");
    return columns[index];
  }

  @Override
  public String toString() {
    return start + (talker.equals("P") ? "P" + type : talker + type) + "," + String.join(",", fields);
  }
}
