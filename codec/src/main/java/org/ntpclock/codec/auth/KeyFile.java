package org.ntpclock.codec.auth;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ntpclock.codec.auth.KeyFileException.Reason;
import org.ntpclock.core.input.BoundedInput;

/**
 * Reads symmetric key files: chrony's {@code keyfile} and ntpd/ntpsec's {@code ntp.keys}.
 *
 * <h2>What is accepted</h2>
 *
 * <p>One key per line, fields separated by blanks (space, tab, vertical tab, form feed): {@code ID
 * TYPE KEY}. Blank lines are skipped. Lines end with LF, CR LF or CR. Every line, comments included,
 * must be printable US-ASCII plus blanks and at most {@value #MAX_LINE_LENGTH} characters
 * (chrony's limit); anything else is {@link Reason#BAD_CHARACTER} or {@link Reason#LINE_TOO_LONG}.
 * A file longer than {@value #MAX_FILE_CHARS} characters is {@link Reason#TOO_LARGE}; both limits
 * apply while reading, before a line is held whole, and {@link #parse(Path)} refuses FIFOs and
 * devices, so {@code /dev/zero} or an endless pipe cannot exhaust memory.
 * Ids must be unique within a file ({@link Reason#DUPLICATE_KEY_ID}).
 *
 * <p><b>ID</b>: decimal digits only, no sign; 1..2<sup>32</sup>&nbsp;&minus;&nbsp;1 (chrony), or
 * 1..65535 in {@link Dialect#NTPSEC} (ntpsec {@code ntp.keys(5)}). 0 is reserved.
 *
 * <p><b>TYPE</b> (case-insensitive, every dialect):
 *
 * <table>
 *   <caption>Type names</caption>
 *   <tr><th>Algorithm</th><th>Names</th></tr>
 *   <tr><td>{@link MacAlgorithm#MD5}</td><td>{@code MD5}, {@code M} (ntpd)</td></tr>
 *   <tr><td>{@link MacAlgorithm#SHA1}</td><td>{@code SHA1}, {@code SHA-1}</td></tr>
 *   <tr><td>{@link MacAlgorithm#SHA256}</td><td>{@code SHA256}, {@code SHA-256}</td></tr>
 *   <tr><td>{@link MacAlgorithm#SHA384}</td><td>{@code SHA384}, {@code SHA-384}</td></tr>
 *   <tr><td>{@link MacAlgorithm#SHA512}</td><td>{@code SHA512}, {@code SHA-512}</td></tr>
 *   <tr><td>{@link MacAlgorithm#AES128_CMAC}</td><td>{@code AES128} (chrony), {@code AES},
 *       {@code AES-128} (ntpsec), {@code AES128CMAC} (ntpd)</td></tr>
 *   <tr><td>{@link MacAlgorithm#AES256_CMAC}</td><td>{@code AES256} (chrony), {@code AES-256}
 *       (ntpsec)</td></tr>
 * </table>
 *
 * <p>Other types chrony or OpenSSL know (SHA3-*, TIGER, WHIRLPOOL, RIPEMD160, AES-192 …) are
 * {@link Reason#UNKNOWN_TYPE}.
 *
 * <p><b>KEY</b> and the rest depend on the {@link Dialect}; see its constants. CMAC keys must decode
 * to exactly 16 (AES-128) or 32 (AES-256) bytes, hash keys to at least one byte ({@link
 * Reason#BAD_KEY_LENGTH}). ASCII keys are their US-ASCII bytes.
 *
 * <p>Errors never quote key material.
 */
public final class KeyFile {
  /** The longest line accepted, as in chrony. */
  public static final int MAX_LINE_LENGTH = 2047;
  /**
   * The longest file accepted, in characters (1 MiB, some ten thousand keys): a reader stops
   * there, and at the first line longer than {@link #MAX_LINE_LENGTH}, so an endless source costs
   * no more memory than that.
   */
  public static final int MAX_FILE_CHARS = 1 << 20;
  /** ntpsec's cap on a decoded key. */
  static final int NTPSEC_MAX_KEY_BYTES = 32;
  /** ntpsec reads unprefixed keys longer than this as hex. */
  static final int NTPSEC_MAX_ASCII_KEY = 20;
  static final long NTPSEC_MAX_KEY_ID = 65535;

  private static final Map<String, MacAlgorithm> TYPES = Map.ofEntries(
      Map.entry("MD5", MacAlgorithm.MD5),
      Map.entry("M", MacAlgorithm.MD5),
      Map.entry("SHA1", MacAlgorithm.SHA1),
      Map.entry("SHA-1", MacAlgorithm.SHA1),
      Map.entry("SHA256", MacAlgorithm.SHA256),
      Map.entry("SHA-256", MacAlgorithm.SHA256),
      Map.entry("SHA384", MacAlgorithm.SHA384),
      Map.entry("SHA-384", MacAlgorithm.SHA384),
      Map.entry("SHA512", MacAlgorithm.SHA512),
      Map.entry("SHA-512", MacAlgorithm.SHA512),
      Map.entry("AES128", MacAlgorithm.AES128_CMAC),
      Map.entry("AES", MacAlgorithm.AES128_CMAC),
      Map.entry("AES-128", MacAlgorithm.AES128_CMAC),
      Map.entry("AES128CMAC", MacAlgorithm.AES128_CMAC),
      Map.entry("AES256", MacAlgorithm.AES256_CMAC),
      Map.entry("AES-256", MacAlgorithm.AES256_CMAC));

  /** The key file flavours, which disagree on how to read an unprefixed key and on comments. */
  public enum Dialect {
    /**
     * chrony's {@code keyfile}: {@code ID [TYPE] KEY}, TYPE defaulting to MD5 when only two fields
     * are given; KEY is {@code HEX:} followed by an even number of hex digits, or ASCII with an
     * optional {@code ASCII:} prefix (so an unprefixed 40-digit hex string is a 40-byte ASCII key).
     * A line whose first non-blank character is one of {@code # ! ; %} is a comment; there are no
     * trailing comments (a fourth field is {@link Reason#MALFORMED_LINE}, as in chrony).
     */
    CHRONY,
    /**
     * ntpd/ntpsec's {@code ntp.keys(5)}: exactly {@code ID TYPE KEY}, ID at most 65535; KEY of up to
     * 20 characters is ASCII (without {@code #}), a longer one is hex (an even number of digits);
     * keys decode to at most 32 bytes. {@code #} starts a comment anywhere on a line. ntpd's optional
     * fourth field (an IP list restricting the key) is rejected as {@link Reason#MALFORMED_LINE}
     * rather than silently ignored.
     */
    NTPSEC,
    /**
     * Reads both flavours where they agree and refuses where they do not: {@code ID [TYPE] KEY} with
     * chrony's ids and comment lines, plus a {@code #} comment after a blank; {@code HEX:} and
     * {@code ASCII:} prefixes; an unprefixed key of up to 20 characters is ASCII, and a longer one
     * is {@link Reason#AMBIGUOUS_KEY_ENCODING}. The default of the overloads without a dialect.
     */
    COMMON
  }

  private KeyFile() {}

  /**
   * Parses a key file in the {@link Dialect#COMMON} dialect.
   *
   * @param text the file's contents
   * @return the keys
   * @throws KeyFileException on the first bad line
   */
  public static KeyStore parse(String text) throws KeyFileException {
    return parse(text, Dialect.COMMON);
  }

  /**
   * Parses a key file.
   *
   * @param text the file's contents
   * @param dialect how to read it
   * @return the keys
   * @throws KeyFileException on the first bad line
   */
  public static KeyStore parse(String text, Dialect dialect) throws KeyFileException {
    checkNotNull(text, "text");
    try {
      return parse(new StringReader(text), dialect);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringReader does not fail", e);
    }
  }

  /**
   * Parses a key file in the {@link Dialect#COMMON} dialect.
   *
   * @param reader the file's characters; not closed
   * @return the keys
   * @throws KeyFileException on the first bad line
   * @throws IOException if reading fails
   */
  public static KeyStore parse(Reader reader) throws KeyFileException, IOException {
    return parse(reader, Dialect.COMMON);
  }

  /**
   * Parses a key file.
   *
   * @param reader the file's characters; not closed
   * @param dialect how to read it
   * @return the keys
   * @throws KeyFileException on the first bad line
   * @throws IOException if reading fails
   */
  public static KeyStore parse(Reader reader, Dialect dialect) throws KeyFileException, IOException {
    checkNotNull(reader, "reader");
    checkNotNull(dialect, "dialect");
    BoundedLines lines = new BoundedLines(reader instanceof BufferedReader ? reader : new BufferedReader(reader));
    List<SymmetricKey> keys = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    for (String line = lines.next(); line != null; line = lines.next()) {
      int lineNumber = lines.lineNumber();
      SymmetricKey key = parseLine(line, lineNumber, dialect);
      if (key != null) {
        if (!ids.add(key.keyId())) {
          throw new KeyFileException(Reason.DUPLICATE_KEY_ID, lineNumber, "key id " + key.keyId() + " defined twice");
        }
        keys.add(key);
      }
    }
    return KeyStore.of(keys);
  }

  /**
   * Reads and parses a key file in the {@link Dialect#COMMON} dialect.
   *
   * @param path the file
   * @return the keys
   * @throws KeyFileException on the first bad line
   * @throws IOException if reading fails
   */
  public static KeyStore parse(Path path) throws KeyFileException, IOException {
    return parse(path, Dialect.COMMON);
  }

  /**
   * Reads and parses a key file. Bytes are read one-to-one as ISO-8859-1 characters, so a non-ASCII
   * byte is reported as {@link Reason#BAD_CHARACTER} with its line rather than as a decoding error.
   * Only a regular file is opened (symbolic links followed): a FIFO or a device is refused.
   *
   * @param path the file
   * @param dialect how to read it
   * @return the keys
   * @throws KeyFileException on the first bad line
   * @throws java.nio.file.FileSystemException if it is not a regular file
   * @throws IOException if reading fails
   */
  public static KeyStore parse(Path path, Dialect dialect) throws KeyFileException, IOException {
    checkNotNull(path, "path");
    try (Reader r = new InputStreamReader(BoundedInput.openRegularFile(path), StandardCharsets.ISO_8859_1)) {
      return parse(r, dialect);
    }
  }

  /**
   * The algorithm a TYPE field names (see the table above).
   *
   * @param type the field, any case
   * @return the algorithm, or null if unknown
   */
  static MacAlgorithm algorithmOf(String type) {
    return TYPES.get(type.toUpperCase(Locale.ROOT));
  }

  /** One line: a key, or null for a blank or comment line. */
  private static SymmetricKey parseLine(String line, int n, Dialect dialect) throws KeyFileException {
    if (line.length() > MAX_LINE_LENGTH) {
      throw new KeyFileException(Reason.LINE_TOO_LONG, n, "longer than " + MAX_LINE_LENGTH + " characters");
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (!(isBlank(c) || (c > 0x20 && c < 0x7F))) {
        throw new KeyFileException(Reason.BAD_CHARACTER, n,
            String.format(Locale.ROOT, "character U+%04X at column %d", (int) c, i + 1));
      }
    }
    List<String> fields = split(stripComment(line, dialect));
    if (fields.isEmpty()) {
      return null;
    }
    boolean typed = fields.size() == 3;
    boolean sizeOk = dialect == Dialect.NTPSEC ? typed : fields.size() == 2 || typed;
    if (!sizeOk) {
      throw new KeyFileException(Reason.MALFORMED_LINE, n,
          fields.size() + " fields, expected " + (dialect == Dialect.NTPSEC ? "ID TYPE KEY" : "ID [TYPE] KEY"));
    }
    long id = parseId(fields.get(0), n, dialect);
    MacAlgorithm algorithm = typed ? algorithmOf(fields.get(1)) : MacAlgorithm.MD5;
    if (algorithm == null) {
      throw new KeyFileException(Reason.UNKNOWN_TYPE, n, "unsupported type " + fields.get(1));
    }
    byte[] secret = decodeKey(fields.get(typed ? 2 : 1), n, dialect);
    if (dialect == Dialect.NTPSEC && secret.length > NTPSEC_MAX_KEY_BYTES) {
      throw new KeyFileException(Reason.BAD_KEY_LENGTH, n,
          "key of " + secret.length + " bytes, ntpsec allows at most " + NTPSEC_MAX_KEY_BYTES);
    }
    if (!SymmetricKey.isValidSecretLength(algorithm, secret.length)) {
      throw new KeyFileException(Reason.BAD_KEY_LENGTH, n, algorithm + " key of " + secret.length + " bytes, needs "
          + (algorithm.isCmac() ? "exactly " + algorithm.requiredKeyLength() : "at least 1"));
    }
    return SymmetricKey.of(id, algorithm, secret);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\u000B' || c == '\f';
  }

  private static String stripComment(String line, Dialect dialect) {
    int first = 0;
    while (first < line.length() && isBlank(line.charAt(first))) {
      first++;
    }
    if (first == line.length()) {
      return "";
    }
    char c = line.charAt(first);
    switch (dialect) {
      case NTPSEC: {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
      }
      case CHRONY:
        return "#!;%".indexOf(c) >= 0 ? "" : line;
      case COMMON:
      default: {
        if ("#!;%".indexOf(c) >= 0) {
          return "";
        }
        for (int i = first + 1; i < line.length(); i++) {
          if (line.charAt(i) == '#' && isBlank(line.charAt(i - 1))) {
            return line.substring(0, i);
          }
        }
        return line;
      }
    }
  }

  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>(3);
    int i = 0;
    while (i < line.length()) {
      while (i < line.length() && isBlank(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < line.length() && !isBlank(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        fields.add(line.substring(start, i));
      }
    }
    return fields;
  }

  private static long parseId(String field, int n, Dialect dialect) throws KeyFileException {
    long max = dialect == Dialect.NTPSEC ? NTPSEC_MAX_KEY_ID : SymmetricKey.MAX_KEY_ID;
    long id = 0;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c < '0' || c > '9') {
        throw new KeyFileException(Reason.BAD_KEY_ID, n, "key id is not a decimal number");
      }
      id = id * 10 + (c - '0');
      if (id > max) {
        throw new KeyFileException(Reason.BAD_KEY_ID, n, "key id above " + max);
      }
    }
    if (id == 0) {
      throw new KeyFileException(Reason.BAD_KEY_ID, n, "key id 0 is reserved");
    }
    return id;
  }

  private static byte[] decodeKey(String field, int n, Dialect dialect) throws KeyFileException {
    switch (dialect) {
      case NTPSEC:
        if (field.length() > NTPSEC_MAX_ASCII_KEY) {
          return decodeHex(field, n);
        }
        return ascii(field);
      case CHRONY:
        if (field.startsWith("HEX:")) {
          return decodeHex(field.substring(4), n);
        }
        return ascii(field.startsWith("ASCII:") ? field.substring(6) : field);
      case COMMON:
      default:
        if (field.startsWith("HEX:")) {
          return decodeHex(field.substring(4), n);
        }
        if (field.startsWith("ASCII:")) {
          return ascii(field.substring(6));
        }
        if (field.length() > NTPSEC_MAX_ASCII_KEY) {
          throw new KeyFileException(Reason.AMBIGUOUS_KEY_ENCODING, n,
              "unprefixed key of " + field.length() + " characters is ASCII to chrony and hex to ntpsec;"
                  + " write HEX: or ASCII:, or parse with an explicit dialect");
        }
        return ascii(field);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] decodeHex(String hex, int n) throws KeyFileException {
    if (hex.length() % 2 != 0) {
      throw new KeyFileException(Reason.BAD_HEX, n, "odd number of hex digits");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new KeyFileException(Reason.BAD_HEX, n, "non-hex character in hex key");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  /**
   * Lines as {@link BufferedReader#readLine()} splits them (LF, CR LF or CR), read one character at
   * a time so that neither a line longer than {@link #MAX_LINE_LENGTH} nor a file longer than
   * {@link #MAX_FILE_CHARS} is ever held: the reader stops at the first character beyond either.
   */
  private static final class BoundedLines {
    private final Reader reader;
    private final StringBuilder line = new StringBuilder(128);
    private int lineNumber;
    private long total;
    private boolean skipLf;

    BoundedLines(Reader reader) {
      this.reader = reader;
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException, KeyFileException {
      line.setLength(0);
      boolean any = false;
      for (int c = reader.read(); c >= 0; c = reader.read()) {
        if (++total > MAX_FILE_CHARS) {
          throw new KeyFileException(Reason.TOO_LARGE, lineNumber + 1, "file longer than " + MAX_FILE_CHARS + " characters");
        }
        if (skipLf) {
          skipLf = false;
          if (c == '\n') {
            continue;
          }
        }
        if (c == '\n' || c == '\r') {
          skipLf = c == '\r';
          lineNumber++;
          return line.toString();
        }
        any = true;
        if (line.length() == MAX_LINE_LENGTH) {
          throw new KeyFileException(Reason.LINE_TOO_LONG, lineNumber + 1, "longer than " + MAX_LINE_LENGTH + " characters");
        }
        line.append((char) c);
      }
      if (!any) {
        return null;
      }
      lineNumber++;
      return line.toString();
    }

    /** The 1-based number of the line {@link #next()} returned last. */
    int lineNumber() {
      return lineNumber;
    }
  }
}
