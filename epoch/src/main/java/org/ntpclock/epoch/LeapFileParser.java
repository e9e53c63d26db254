package org.ntpclock.epoch;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.input.SafeText;
import org.ntpclock.epoch.LeapFileException.Reason;

/**
 * Parser of the IERS/NIST {@code leap-seconds.list} format, with the SHA-1 check of ntpsec's
 * {@code leapsec_validate}: the digest covers only the ASCII digits of the {@code #$} and
 * {@code #@} lines (after their two-character tag) and of every data line up to its first
 * {@code #}, in file order; the {@code #h} line holds five 32-bit words in hex, possibly written
 * with fewer than eight digits, compared as 20 bytes.
 *
 * <p>Checks run in three stages: the syntax of every line and the presence of {@code #$} and
 * {@code #@} (bad format), then the hash (bad hash), then the entry rules: 00:00 on the 1st of a
 * month, strictly ascending, one-second steps (bad format).
 */
final class LeapFileParser {
  /** Largest accepted file, in characters; the real file has about 5 000. */
  static final int MAX_CHARS = LeapSecondTable.MAX_FILE_BYTES;

  private static final int MAX_NTP_DIGITS = 12;
  private static final int MAX_OFFSET_DIGITS = 6;
  /** Longest piece of a bad line quoted in a message; quotes are escaped (the file is untrusted). */
  private static final int QUOTE_CHARS = 40;

  private LeapFileParser() {}

  static LeapSecondTable parse(CharSequence text) throws LeapFileException {
    if (text.length() > MAX_CHARS) {
      throw new LeapFileException(Reason.TOO_LARGE, 0, text.length() + " characters, limit " + MAX_CHARS);
    }
    MessageDigest sha1 = sha1();
    Long updated = null;
    Long expires = null;
    byte[] expectedHash = null;
    int hashLine = 0;
    List<long[]> rawEntries = new ArrayList<>();

    String all = text.toString();
    int lineNumber = 0;
    int pos = 0;
    while (pos < all.length()) {
      int end = all.indexOf('\n', pos);
      if (end < 0) {
        end = all.length();
      }
      String line = all.substring(pos, end);
      pos = end + 1;
      lineNumber++;
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.startsWith("#$")) {
        if (updated != null) {
          throw new LeapFileException(Reason.DUPLICATE_TAG, lineNumber, "second #$ line");
        }
        String rest = line.substring(2);
        updated = parseDecimal(rest.strip(), MAX_NTP_DIGITS, Reason.MALFORMED_UPDATE, lineNumber);
        feedDigits(sha1, rest);
      } else if (line.startsWith("#@")) {
        if (expires != null) {
          throw new LeapFileException(Reason.DUPLICATE_TAG, lineNumber, "second #@ line");
        }
        String rest = line.substring(2);
        expires = parseDecimal(rest.strip(), MAX_NTP_DIGITS, Reason.MALFORMED_EXPIRY, lineNumber);
        feedDigits(sha1, rest);
      } else if (line.startsWith("#h")) {
        if (expectedHash != null) {
          throw new LeapFileException(Reason.DUPLICATE_TAG, lineNumber, "second #h line");
        }
        expectedHash = parseHash(line.substring(2), lineNumber);
        hashLine = lineNumber;
      } else if (!line.startsWith("#")) {
        int hash = line.indexOf('#');
        String data = hash < 0 ? line : line.substring(0, hash);
        if (data.isBlank()) {
          continue;
        }
        String[] fields = data.strip().split("[ \t]+");
        if (fields.length != 2) {
          throw new LeapFileException(Reason.MALFORMED_ENTRY, lineNumber,
              "expected <NTP second> <TAI-UTC>, got " + fields.length + " fields");
        }
        long ntpSeconds = parseDecimal(fields[0], MAX_NTP_DIGITS, Reason.MALFORMED_ENTRY, lineNumber);
        long offset = parseDecimal(fields[1], MAX_OFFSET_DIGITS, Reason.MALFORMED_ENTRY, lineNumber);
        feedDigits(sha1, data);
        rawEntries.add(new long[] {ntpSeconds, offset, lineNumber});
      }
    }
    if (updated == null) {
      throw new LeapFileException(Reason.MISSING_UPDATE, 0, "no #$ line");
    }
    if (expires == null) {
      throw new LeapFileException(Reason.MISSING_EXPIRY, 0, "no #@ line");
    }
    if (rawEntries.isEmpty()) {
      throw new LeapFileException(Reason.NO_ENTRIES, 0, "no data lines");
    }
    // Integrity before meaning, as ntpsec validates the hash before loading: an altered value is
    // reported as a bad hash even when it also breaks the entry rules below.
    LeapFileStatus status = LeapFileStatus.NO_HASH;
    if (expectedHash != null) {
      if (!MessageDigest.isEqual(sha1.digest(), expectedHash)) {
        throw new LeapFileException(Reason.BAD_HASH, hashLine, "SHA-1 of the data does not match the #h line");
      }
      status = LeapFileStatus.GOOD_HASH;
    }
    List<LeapSecondTable.Entry> entries = new ArrayList<>(rawEntries.size());
    long previousStart = Long.MIN_VALUE;
    long previousOffset = 0;
    for (long[] raw : rawEntries) {
      long ntpSeconds = raw[0];
      long offset = raw[1];
      int line = (int) raw[2];
      long epochSecond = ntpSeconds - NtpTimestamp.NTP_TO_POSIX_SECONDS;
      if (!isMonthStart(epochSecond)) {
        throw new LeapFileException(Reason.NOT_MONTH_START, line, ntpSeconds + " is not 00:00:00 UTC on the 1st of a month");
      }
      if (!entries.isEmpty()) {
        if (epochSecond <= previousStart) {
          throw new LeapFileException(Reason.NOT_ASCENDING, line, ntpSeconds + " is not after the previous entry");
        }
        if (Math.abs(offset - previousOffset) != 1) {
          throw new LeapFileException(Reason.NOT_ONE_SECOND_STEP, line,
              "TAI-UTC steps from " + previousOffset + " to " + offset);
        }
      }
      entries.add(new LeapSecondTable.Entry(Instant.ofEpochSecond(epochSecond), (int) offset));
      previousStart = epochSecond;
      previousOffset = offset;
    }
    return new LeapSecondTable(entries, ntpToInstant(updated), ntpToInstant(expires), status);
  }

  static LeapFileStatus validate(CharSequence text) {
    try {
      return parse(text).hashStatus();
    } catch (LeapFileException e) {
      return e.status();
    }
  }

  private static Instant ntpToInstant(long ntpSeconds) {
    return Instant.ofEpochSecond(ntpSeconds - NtpTimestamp.NTP_TO_POSIX_SECONDS);
  }

  static boolean isMonthStart(long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    return t.getDayOfMonth() == 1 && t.toLocalTime().toSecondOfDay() == 0;
  }

  /** Feeds the ASCII digits of {@code s}, and nothing else, to the digest. */
  private static void feedDigits(MessageDigest sha1, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        sha1.update((byte) c);
      }
    }
  }

  private static long parseDecimal(String s, int maxDigits, Reason reason, int lineNumber) throws LeapFileException {
    if (s.isEmpty() || s.length() > maxDigits) {
      throw new LeapFileException(reason, lineNumber, "expected 1.." + maxDigits + " decimal digits: " + SafeText.quote(s, QUOTE_CHARS));
    }
    long value = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new LeapFileException(reason, lineNumber, "not a decimal number: " + SafeText.quote(s, QUOTE_CHARS));
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Five words of 1..8 hex digits (NIST omitted leading zeros), as the 20 big-endian digest bytes. */
  private static byte[] parseHash(String rest, int lineNumber) throws LeapFileException {
    String[] words = rest.strip().split("[ \t]+");
    if (words.length != 5) {
      throw new LeapFileException(Reason.MALFORMED_HASH, lineNumber, "expected 5 hex words, got " + words.length);
    }
    byte[] bytes = new byte[20];
    for (int w = 0; w < 5; w++) {
      String word = words[w];
      if (word.isEmpty() || word.length() > 8) {
        throw new LeapFileException(Reason.MALFORMED_HASH, lineNumber, "hex word of 1..8 digits expected: " + SafeText.quote(word, QUOTE_CHARS));
      }
      long value = 0;
      for (int i = 0; i < word.length(); i++) {
        int digit = hexDigit(word.charAt(i));
        if (digit < 0) {
          throw new LeapFileException(Reason.MALFORMED_HASH, lineNumber, "not hexadecimal: " + SafeText.quote(word, QUOTE_CHARS));
        }
        value = value << 4 | digit;
      }
      for (int b = 0; b < 4; b++) {
        bytes[w * 4 + b] = (byte) (value >>> (24 - 8 * b));
      }
    }
    return bytes;
  }

  /** ASCII hex digit value, or -1 (Character.digit would also accept non-ASCII digits). */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-1 (MessageDigest Javadoc).
      throw new IllegalStateException(e);
    }
  }
}
