package org.ntpclock.core.input;

import static org.ntpclock.core.internal.Preconditions.checkArgument;

/**
 * Makes untrusted text safe to print: in a terminal an escape sequence from a file or a command
 * line argument could retitle the window, move the cursor or hide the rest of a message.
 *
 * <p>{@link #escape} writes every control character (C0, DEL, C1), every format character (bidi
 * overrides, zero-width characters), line and paragraph separators and unpaired surrogates as
 * {@code <U+XXXX>}; everything else, non-ASCII letters included, is kept. A {@code <} is kept
 * as is: the escape form is meant for a reader, not to be reversed.
 */
public final class SafeText {
  /** The default longest text quoted in a message, in characters, before it is cut. */
  public static final int DEFAULT_MAX_CHARS = 200;

  private SafeText() {}

  /**
   * Whether a character is written escaped.
   *
   * @param c a UTF-16 unit
   * @return true for control, format, separator and surrogate units
   */
  public static boolean needsEscape(char c) {
    switch (Character.getType(c)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SURROGATE:
        return true;
      default:
        return false;
    }
  }

  /**
   * The text with every character of {@link #needsEscape} written {@code <U+XXXX>} (a
   * well-formed surrogate pair is kept).
   *
   * @param text any text; null becomes {@code "null"}
   * @return printable text
   */
  public static String escape(CharSequence text) {
    return escape(text, Integer.MAX_VALUE);
  }

  /**
   * As {@link #escape(CharSequence)}, cut after {@code maxChars} input characters with a note of
   * how many were left out.
   *
   * @param text any text; null becomes {@code "null"}
   * @param maxChars how many input characters to keep, at least 1
   * @return printable text
   */
  public static String escape(CharSequence text, int maxChars) {
    checkArgument(maxChars >= 1, "maxChars must be positive: %s", maxChars);
    if (text == null) {
      return "null";
    }
    int n = text.length();
    int end = Math.min(n, maxChars);
    StringBuilder out = null;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
        if (i >= end) {
          end = i + 1;
        }
        continue;
      }
      if (needsEscape(c)) {
        if (out == null) {
          out = new StringBuilder(end + 16).append(text, 0, i);
        }
        out.append(String.format(java.util.Locale.ROOT, "<U+%04X>", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    String result = out == null ? text.subSequence(0, end).toString() : out.toString();
    return end < n ? result + "… (" + (n - end) + " more characters)" : result;
  }

  /**
   * The text escaped, cut and put in single quotes, for quoting a value in a message.
   *
   * @param text any text
   * @param maxChars how many input characters to keep
   * @return {@code 'text'}
   */
  public static String quote(CharSequence text, int maxChars) {
    return "'" + escape(text, maxChars) + "'";
  }
}
