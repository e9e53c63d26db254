package org.ntpclock.epoch;

/** Field validation shared by the MicroPython tuples. */
final class TupleFields {
  static final int MIN_YEAR = 1;
  static final int MAX_YEAR = 9999;

  private TupleFields() {}

  /** Throws IllegalArgumentException naming the field if {@code value} is outside min..max. */
  static void check(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " out of range " + min + ".." + max + ": " + value);
    }
  }

  static String format(int[] values) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(values[i]);
    }
    return b.append(')').toString();
  }
}
