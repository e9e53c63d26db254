package org.ntpclock.codec.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import org.ntpclock.core.Ticker;
import org.ntpclock.core.logging.RateLimitedLogger;

/**
 * The default {@link RateLimitListener}: each over-limit decision at DEBUG to {@link System.Logger}
 * {@code org.ntpclock.codec.server.RateLimiter}, naming the client and the outcome, at most
 * {@link #BURST} per {@link #WINDOW} so a flood cannot fill a disk. While DEBUG is off it costs a
 * level check and allocates nothing.
 */
final class RateLimitLog implements RateLimitListener {
  /** At most this many decisions are logged per {@link #WINDOW}. */
  static final int BURST = 20;
  /** The window of {@link #BURST}. */
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final Logger logger;
  private final RateLimitedLogger log;

  RateLimitLog(Ticker ticker) {
    this.logger = System.getLogger(RateLimiter.class.getName());
    this.log = RateLimitedLogger.of(logger, BURST, WINDOW, ticker);
  }

  @Override
  public void onOverLimit(long clientHigh, long clientLow, Outcome outcome) {
    if (!logger.isLoggable(Level.DEBUG)) {
      return;
    }
    String client = AddressBits.toInetAddress(clientHigh, clientLow).getHostAddress();
    String what = switch (outcome) {
      case DROPPED -> "dropped";
      case KOD_RATE -> "KoD RATE sent";
      case LEAKED -> "leaked reply sent";
    };
    log.log(Level.DEBUG, "rate limit: client " + client + " over its limit, " + what + " ("
        + outcome.name().toLowerCase(Locale.ROOT) + ")", null);
  }
}
