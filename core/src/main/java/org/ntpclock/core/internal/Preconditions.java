package org.ntpclock.core.internal;

/**
 * Argument, state, null and index checks for the ntpclock modules, so that they need no library
 * at run time. The messages are templates in which each {@code %s} takes the next argument in
 * turn (arguments left over are appended in square brackets), formatted only when a check fails;
 * the primitive overloads let a hot path check its arguments without boxing or a varargs array.
 *
 * <p>Not part of the API: the package is exported only to the other ntpclock modules.
 */
public final class Preconditions {
  private Preconditions() {}

  /**
   * Checks an argument.
   *
   * @param expression the condition the argument must meet
   * @throws IllegalArgumentException if it is false
   */
  public static void checkArgument(boolean expression) {
    if (!expression) {
      throw new IllegalArgumentException();
    }
  }

  /**
   * Checks an argument.
   *
   * @param expression the condition the argument must meet
   * @param message the message, as {@link String#valueOf(Object)} gives it
   * @throws IllegalArgumentException if it is false
   */
  public static void checkArgument(boolean expression, Object message) {
    if (!expression) {
      throw new IllegalArgumentException(String.valueOf(message));
    }
  }

  /**
   * Checks an argument.
   *
   * @param expression the condition the argument must meet
   * @param template the message template
   * @param a the value for the first {@code %s}
   * @throws IllegalArgumentException if it is false
   */
  public static void checkArgument(boolean expression, String template, long a) {
    if (!expression) {
      throw new IllegalArgumentException(format(template, a));
    }
  }

  /**
   * Checks an argument.
   *
   * @param expression the condition the argument must meet
   * @param template the message template
   * @param a the value for the first {@code %s}
   * @throws IllegalArgumentException if it is false
   */
  public static void checkArgument(boolean expression, String template, Object a) {
    if (!expression) {
      throw new IllegalArgumentException(format(template, a));
    }
  }

  /**
   * Checks an argument.
   *
   * @param expression the condition the argument must meet
   * @param template the message template
   * @param a the value for the first {@code %s}
   * @param b the value for the second {@code %s}
   * @throws IllegalArgumentException if it is false
   */
  public static void checkArgument(boolean expression, String template, long a, long b) {
    if (!expression) {
      throw new IllegalArgumentException(format(template, a, b));
    }
  }

  /**
   * Checks an argument.
   *
   * @param expression the condition the argument must meet
   * @param template the message template
   * @param a the value for the first {@code %s}
   * @param b the value for the second {@code %s}
   * @throws IllegalArgumentException if it is false
   */
  public static void checkArgument(boolean expression, String template, Object a, long b) {
    if (!expression) {
      throw new IllegalArgumentException(format(template, a, b));
    }
  }

  /**
   * Checks an argument.
   *
   * @param expression the condition the argument must meet
   * @param template the message template
   * @param a the value for the first {@code %s}
   * @param b the value for the second {@code %s}
   * @throws IllegalArgumentException if it is false
   */
  public static void checkArgument(boolean expression, String template, long a, Object b) {
    if (!expression) {
      throw new IllegalArgumentException(format(template, a, b));
    }
  }

  /**
   * Checks an argument.
   *
   * @param expression the condition the argument must meet
   * @param template the message template
   * @param a the value for the first {@code %s}
   * @param b the value for the second {@code %s}
   * @throws IllegalArgumentException if it is false
   */
  public static void checkArgument(boolean expression, String template, Object a, Object b) {
    if (!expression) {
      throw new IllegalArgumentException(format(template, a, b));
    }
  }

  /**
   * Checks an argument.
   *
   * @param expression the condition the argument must meet
   * @param template the message template
   * @param args the values for the {@code %s} placeholders
   * @throws IllegalArgumentException if it is false
   */
  public static void checkArgument(boolean expression, String template, Object... args) {
    if (!expression) {
      throw new IllegalArgumentException(format(template, args));
    }
  }

  /**
   * Checks the state of the object or of the call.
   *
   * @param expression the condition the state must meet
   * @throws IllegalStateException if it is false
   */
  public static void checkState(boolean expression) {
    if (!expression) {
      throw new IllegalStateException();
    }
  }

  /**
   * Checks the state of the object or of the call.
   *
   * @param expression the condition the state must meet
   * @param message the message, as {@link String#valueOf(Object)} gives it
   * @throws IllegalStateException if it is false
   */
  public static void checkState(boolean expression, Object message) {
    if (!expression) {
      throw new IllegalStateException(String.valueOf(message));
    }
  }

  /**
   * Checks the state of the object or of the call.
   *
   * @param expression the condition the state must meet
   * @param template the message template
   * @param a the value for the first {@code %s}
   * @throws IllegalStateException if it is false
   */
  public static void checkState(boolean expression, String template, long a) {
    if (!expression) {
      throw new IllegalStateException(format(template, a));
    }
  }

  /**
   * Checks the state of the object or of the call.
   *
   * @param expression the condition the state must meet
   * @param template the message template
   * @param a the value for the first {@code %s}
   * @throws IllegalStateException if it is false
   */
  public static void checkState(boolean expression, String template, Object a) {
    if (!expression) {
      throw new IllegalStateException(format(template, a));
    }
  }

  /**
   * Checks the state of the object or of the call.
   *
   * @param expression the condition the state must meet
   * @param template the message template
   * @param a the value for the first {@code %s}
   * @param b the value for the second {@code %s}
   * @throws IllegalStateException if it is false
   */
  public static void checkState(boolean expression, String template, Object a, Object b) {
    if (!expression) {
      throw new IllegalStateException(format(template, a, b));
    }
  }

  /**
   * Checks the state of the object or of the call.
   *
   * @param expression the condition the state must meet
   * @param template the message template
   * @param args the values for the {@code %s} placeholders
   * @throws IllegalStateException if it is false
   */
  public static void checkState(boolean expression, String template, Object... args) {
    if (!expression) {
      throw new IllegalStateException(format(template, args));
    }
  }

  /**
   * Checks that a reference is not null.
   *
   * @param <T> the reference's type
   * @param reference the reference
   * @return the reference
   * @throws NullPointerException if it is null
   */
  public static <T> T checkNotNull(T reference) {
    if (reference == null) {
      throw new NullPointerException();
    }
    return reference;
  }

  /**
   * Checks that a reference is not null.
   *
   * @param <T> the reference's type
   * @param reference the reference
   * @param message the message, usually the parameter's name
   * @return the reference
   * @throws NullPointerException if it is null
   */
  public static <T> T checkNotNull(T reference, Object message) {
    if (reference == null) {
      throw new NullPointerException(String.valueOf(message));
    }
    return reference;
  }

  /**
   * Checks that a reference is not null.
   *
   * @param <T> the reference's type
   * @param reference the reference
   * @param template the message template
   * @param args the values for the {@code %s} placeholders
   * @return the reference
   * @throws NullPointerException if it is null
   */
  public static <T> T checkNotNull(T reference, String template, Object... args) {
    if (reference == null) {
      throw new NullPointerException(format(template, args));
    }
    return reference;
  }

  /**
   * Checks that {@code index} names an element of a list, string or array of {@code size}.
   *
   * @param index the index
   * @param size the number of elements, not negative
   * @return the index
   * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@code size}
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static int checkElementIndex(int index, int size) {
    return checkElementIndex(index, size, "index");
  }

  /**
   * Checks that {@code index} names an element of a list, string or array of {@code size}.
   *
   * @param index the index
   * @param size the number of elements, not negative
   * @param description what the index is, for the message
   * @return the index
   * @throws IndexOutOfBoundsException if {@code index} is negative or not less than {@code size}
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static int checkElementIndex(int index, int size, String description) {
    if (index < 0 || index >= size) {
      if (size < 0) {
        throw new IllegalArgumentException("negative size: " + size);
      }
      throw new IndexOutOfBoundsException(index < 0
          ? format("%s (%s) must not be negative", description, index)
          : format("%s (%s) must be less than size (%s)", description, index, size));
    }
    return index;
  }

  /**
   * Checks that {@code [start, end)} is a range of positions in a list, string or array of {@code
   * size}.
   *
   * @param start the first position
   * @param end the position after the last
   * @param size the number of elements, not negative
   * @throws IndexOutOfBoundsException if {@code start} is negative, {@code end} before {@code
   *     start} or {@code end} after {@code size}
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static void checkPositionIndexes(int start, int end, int size) {
    if (start < 0 || end < start || end > size) {
      throw new IndexOutOfBoundsException(badPositionIndexes(start, end, size));
    }
  }

  private static String badPositionIndexes(int start, int end, int size) {
    if (start < 0 || start > size) {
      return badPositionIndex(start, size, "start index");
    }
    if (end < 0 || end > size) {
      return badPositionIndex(end, size, "end index");
    }
    return format("end index (%s) must not be less than start index (%s)", end, start);
  }

  private static String badPositionIndex(int index, int size, String description) {
    if (index < 0) {
      return format("%s (%s) must not be negative", description, index);
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size: " + size);
    }
    return format("%s (%s) must not be greater than size (%s)", description, index, size);
  }

  /**
   * Fills a message template: each {@code %s} takes the next argument, and arguments left over
   * are appended in square brackets. Never throws for a mismatch: a failing check must report.
   *
   * @param template the template; {@code null} is written as "null"
   * @param args the arguments
   * @return the message
   */
  static String format(String template, Object... args) {
    String t = String.valueOf(template);
    Object[] a = args == null ? new Object[] {"(Object[]) null"} : args;
    StringBuilder out = new StringBuilder(t.length() + 16 * a.length);
    int from = 0;
    int i = 0;
    while (i < a.length) {
      int at = t.indexOf("%s", from);
      if (at < 0) {
        break;
      }
      out.append(t, from, at).append(safeToString(a[i++]));
      from = at + 2;
    }
    out.append(t, from, t.length());
    if (i < a.length) {
      out.append(" [").append(safeToString(a[i++]));
      while (i < a.length) {
        out.append(", ").append(safeToString(a[i++]));
      }
      out.append(']');
    }
    return out.toString();
  }

  private static String safeToString(Object o) {
    try {
      return String.valueOf(o);
    } catch (RuntimeException e) {
      return "<" + o.getClass().getName() + " with a failing toString(): " + e + ">";
    }
  }
}
