package org.ntpclock.examples.app;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RtcException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.rtc.RtcTimeSource;

/**
 * The clock's time source over a real-time clock: the RTC, the {@link RtcTimeSource} that serves
 * it, and the thread that refreshes it every {@value #REFRESH_SECONDS} s.
 *
 * <p>Whole-second RTCs (DS3231, Linux RTC class devices) are pinned by
 * {@link RtcTimeSource.Alignment#EDGE_SEARCH}: a refresh reads until the seconds change, so the
 * served time is the RTC's to within a bus read instead of half a second.
 */
public final class RtcChoice implements AutoCloseable {
  /** Refresh period, as chrony's default maximum poll for a local reference. */
  static final long REFRESH_SECONDS = 64;

  private final String description;
  private final RealTimeClock rtc;
  private final RtcTimeSource source;
  private final ScheduledExecutorService refresher;
  private volatile String firstReading;

  private RtcChoice(String description, RealTimeClock rtc, RtcTimeSource source) {
    this.description = description;
    this.rtc = rtc;
    this.source = source;
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ntpclock-rtc");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Builds the source over an RTC and reads the RTC once, so the trust flag is known before any
   * server answers; then refreshes it every {@value #REFRESH_SECONDS} s on a thread of its own.
   *
   * @param description what the RTC is, for the start-up message
   * @param rtc the clock
   * @return the choice, with the first reading's outcome in {@link #firstReading()}
   */
  public static RtcChoice open(String description, RealTimeClock rtc) {
    checkNotNull(rtc, "rtc");
    boolean wholeSeconds = rtc.resolution().compareTo(Duration.ofSeconds(1)) >= 0;
    RtcTimeSource source = RtcTimeSource.builder(rtc)
        .alignment(wholeSeconds ? RtcTimeSource.Alignment.EDGE_SEARCH : RtcTimeSource.Alignment.MIDPOINT)
        .build();
    RtcChoice choice = new RtcChoice(description, rtc, source);
    choice.firstReading = refreshQuietly(source);
    choice.refresher.scheduleWithFixedDelay(() -> refreshQuietly(source), REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    return choice;
  }

  private static String refreshQuietly(RtcTimeSource source) {
    try {
      RtcReading reading = source.refresh();
      return reading.isTrusted()
          ? "trusted, reads " + reading.time()
          : "NOT trusted (" + reading.validity() + "): serving unsynchronized (LI=3) until it is set";
    } catch (RtcException e) {
      return "cannot be read (" + e.reason() + ": " + e.getMessage() + "): serving unsynchronized (LI=3)";
    }
  }

  /**
   * The outcome of the first reading, for the start-up message.
   *
   * @return for example {@code trusted, reads 2026-11-21T09:38:16Z}
   */
  public String firstReading() {
    return firstReading;
  }

  /**
   * What the RTC is.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * The time source over the RTC.
   *
   * @return the source
   */
  public RtcTimeSource source() {
    return source;
  }

  /**
   * The RTC.
   *
   * @return the clock
   */
  public RealTimeClock rtc() {
    return rtc;
  }

  /**
   * How far the served time is from the system clock, for the Date-header warning.
   *
   * @return served minus system time; zero when unsynchronized
   */
  public Duration differenceFromSystemClock() {
    long bits = source.nowBits();
    if (bits == 0) {
      return Duration.ZERO;
    }
    java.time.Instant served = org.ntpclock.core.NtpTimestamp.ofBits(bits).toInstant();
    return Duration.between(java.time.Instant.now(), served);
  }

  /** Stops refreshing and releases the RTC. */
  @Override
  public void close() {
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      rtc.close();
    } catch (Exception e) {
      // Nothing left to do with a clock that will not close.
    }
  }
}
