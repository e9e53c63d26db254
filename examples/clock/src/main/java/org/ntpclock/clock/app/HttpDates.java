package org.ntpclock.clock.app;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The HTTP date format (RFC 9110 section 5.6.7 IMF-fixdate, the RFC 1123 form with a two-digit
 * day), for example {@code Sat, 21 Nov 2026 09:38:16 GMT}. Note that
 * {@link DateTimeFormatter#RFC_1123_DATE_TIME} writes one-digit days, which HTTP does not allow.
 */
public final class HttpDates {
  /** The IMF-fixdate formatter, always in GMT. */
  public static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private HttpDates() {}

  /**
   * Formats an instant, truncated to the second.
   *
   * @param instant the instant
   * @return the IMF-fixdate text
   */
  public static String format(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  /**
   * Parses an IMF-fixdate.
   *
   * @param text the header value
   * @return the instant
   * @throws java.time.format.DateTimeParseException if the text is not an IMF-fixdate
   */
  public static Instant parse(String text) {
    return IMF_FIXDATE.parse(text, Instant::from);
  }
}
