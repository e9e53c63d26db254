package org.ntpclock.clock.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads JSON text (RFC 8259).
 *
 * <p>The writer escapes {@code "}, {@code \}, and every control character below U+0020; other
 * characters, including non-ASCII ones, are written as they are (the output is UTF-8).
 *
 * <p>The reader is strict and small: it returns {@link JsonObject} for objects, {@link List} for
 * arrays, {@link String}, {@link BigDecimal} for every number, {@link Boolean} and {@code null};
 * it rejects trailing text, duplicate keys and unescaped control characters.
 */
public final class Json {
  private Json() {}

  /**
   * The JSON text of a value.
   *
   * @param value a value accepted by {@link JsonObject#put}
   * @param indent true for two-space indentation with one member per line, false for compact text
   * @return the text, without a trailing newline
   * @throws IllegalArgumentException if the value is not a JSON value
   */
  public static String write(Object value, boolean indent) {
    JsonObject.checkValue(value);
    StringBuilder sb = new StringBuilder();
    write(sb, value, indent ? 0 : -1);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value, int depth) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      quote(sb, s);
    } else if (value instanceof BigDecimal d) {
      sb.append(d.toPlainString());
    } else if (value instanceof Boolean || value instanceof Number) {
      sb.append(value);
    } else if (value instanceof JsonObject o) {
      Map<String, Object> members = o.members();
      if (members.isEmpty()) {
        sb.append("{}");
        return;
      }
      int inner = depth < 0 ? -1 : depth + 1;
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : members.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        newline(sb, inner);
        quote(sb, e.getKey());
        sb.append(depth >= 0 ? ": " : ":");
        write(sb, e.getValue(), inner);
      }
      newline(sb, depth);
      sb.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        sb.append("[]");
        return;
      }
      // Arrays of scalars stay on one line (the MicroPython tuple reads better that way).
      boolean scalars = list.stream().noneMatch(v -> v instanceof JsonObject || v instanceof List);
      int inner = depth < 0 || scalars ? -1 : depth + 1;
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(inner < 0 && depth >= 0 ? ", " : ",");
        }
        newline(sb, inner);
        write(sb, list.get(i), inner);
      }
      newline(sb, inner < 0 ? -1 : depth);
      sb.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void newline(StringBuilder sb, int depth) {
    if (depth >= 0) {
      sb.append('\n');
      sb.append("  ".repeat(depth));
    }
  }

  /**
   * Appends a string as a JSON string literal.
   *
   * @param sb where to append
   * @param s the string
   */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * Parses JSON text.
   *
   * @param text the text
   * @return a {@link JsonObject}, {@link List}, {@link String}, {@link BigDecimal},
   *     {@link Boolean} or null
   * @throws IllegalArgumentException if the text is not exactly one JSON value
   */
  public static Object parse(String text) {
    Reader r = new Reader(text);
    r.skipSpace();
    Object value = r.value();
    r.skipSpace();
    if (r.pos != text.length()) {
      throw r.error("trailing text");
    }
    return value;
  }

  /**
   * Parses text that must be one JSON object.
   *
   * @param text the text
   * @return the object
   * @throws IllegalArgumentException if the text is not exactly one JSON object
   */
  public static JsonObject parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof JsonObject o)) {
      throw new IllegalArgumentException("not a JSON object: " + text);
    }
    return o;
  }

  private static final class Reader {
    private final String text;
    private int pos;

    Reader(String text) {
      this.text = text;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("JSON " + what + " at offset " + pos);
    }

    void skipSpace() {
      while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
    }

    char peek() {
      if (pos >= text.length()) {
        throw error("unexpected end");
      }
      return text.charAt(pos);
    }

    void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    boolean literal(String word) {
      if (text.startsWith(word, pos)) {
        pos += word.length();
        return true;
      }
      return false;
    }

    Object value() {
      char c = peek();
      if (c == '{') {
        return object();
      } else if (c == '[') {
        return array();
      } else if (c == '"') {
        return string();
      } else if (literal("true")) {
        return Boolean.TRUE;
      } else if (literal("false")) {
        return Boolean.FALSE;
      } else if (literal("null")) {
        return null;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        return number();
      }
      throw error("unexpected character '" + c + "'");
    }

    JsonObject object() {
      expect('{');
      JsonObject o = JsonObject.create();
      skipSpace();
      if (peek() == '}') {
        pos++;
        return o;
      }
      while (true) {
        skipSpace();
        String key = string();
        if (o.has(key)) {
          throw error("duplicate key \"" + key + "\"");
        }
        skipSpace();
        expect(':');
        skipSpace();
        o.put(key, value());
        skipSpace();
        if (peek() == ',') {
          pos++;
          continue;
        }
        expect('}');
        return o;
      }
    }

    List<Object> array() {
      expect('[');
      List<Object> list = new ArrayList<>();
      skipSpace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        skipSpace();
        list.add(value());
        skipSpace();
        if (peek() == ',') {
          pos++;
          continue;
        }
        expect(']');
        return list;
      }
    }

    String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = peek();
        pos++;
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0x20) {
          throw error("unescaped control character");
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = peek();
        pos++;
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape");
        }
      }
    }

    BigDecimal number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      String s = text.substring(start, pos);
      if (!s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
        pos = start;
        throw error("bad number");
      }
      return new BigDecimal(s);
    }
  }

  /**
   * Converts an integral JSON number to a {@link BigInteger}-backed long, for readers' convenience.
   *
   * @param value a {@link BigDecimal} from {@link #parse}
   * @return the exact long value
   * @throws ArithmeticException if the number is not an integer in long range
   */
  public static long longValue(Object value) {
    return ((BigDecimal) value).longValueExact();
  }
}
