package org.ntpclock.rtc.source;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.Ticker;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.core.logging.TrustChangeLog;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RtcReading;

/**
 * The part both RTC sources share: the clock and ticker, whether the RTC is trusted, the last
 * refresh failure, the status served while synchronized, and the lock that serializes RTC access.
 * Each change of trust is logged once, with its reason, to {@link System.Logger}
 * {@code org.ntpclock.rtc.source.RtcTimeSource} (losing it at WARNING, regaining it at INFO).
 */
abstract sealed class RtcTrust implements RtcTimeSource permits AnchoredRtcTimeSource, EdgeDrivenRtcTimeSource {
  /** One read of the RTC, bracketed by ticker readings. */
  record Sample(long before, long after, RtcReading reading) {}

  final RealTimeClock rtc;
  final Ticker ticker;
  final int stratum;
  private final ReferenceId referenceId;
  private final int precision;
  final TimeSourceStatus unsynchronized;
  /** Serializes RTC access and anchor updates. */
  final Object rtcLock = new Object();

  /** Whether the last reading of the RTC vouched for its time; written through {@link #trust}. */
  volatile boolean trusted;
  private final TrustChangeLog trustLog;
  private volatile Optional<DeviceException> lastFailure = Optional.empty();

  RtcTrust(RtcSourceBuilder<?> b) {
    this.rtc = b.rtc;
    this.ticker = b.ticker;
    this.stratum = b.stratum;
    this.referenceId = b.referenceId;
    this.precision = b.precision;
    this.unsynchronized = TimeSourceStatus.unsynchronized(b.precision);
    this.trustLog = TrustChangeLog.of(System.getLogger(RtcTimeSource.class.getName()),
        getClass().getSimpleName() + " on " + rtc);
  }

  /** Sets whether the RTC is trusted, logging a change once with its reason. */
  final void trust(boolean value, String reason) {
    trusted = value;
    if (trustLog.changed(value)) {
      trustLog.log(value, reason);
    }
  }

  /** The reason a reading is not trusted, for the log. */
  static String untrustedReason(RtcReading reading) {
    return "the RTC reports " + reading.validity() + " (read " + reading.time() + ")";
  }

  /** Reads the RTC and updates the source's own state from it; called under the RTC lock. */
  abstract RtcReading update() throws DeviceException;

  /**
   * Reads the RTC and updates the source from it, under the RTC lock, and records the outcome; a
   * clock that says it holds no usable time stops being served at once, unlike a bus glitch.
   */
  @Override
  public final RtcReading refresh() throws DeviceException {
    synchronized (rtcLock) {
      try {
        RtcReading reading = update();
        lastFailure = Optional.empty();
        return reading;
      } catch (DeviceException e) {
        if (e.reason() == DeviceException.Reason.TIME_INVALID || e.reason() == DeviceException.Reason.OUT_OF_RANGE) {
          trust(false, e.getMessage());
        }
        lastFailure = Optional.of(e);
        throw e;
      }
    }
  }

  @Override
  public final Optional<DeviceException> lastFailure() {
    return lastFailure;
  }

  @Override
  public final RealTimeClock clock() {
    return rtc;
  }

  Sample sample() throws DeviceException {
    long before = ticker.read();
    RtcReading reading = rtc.read();
    long after = ticker.read();
    return new Sample(before, after, reading);
  }

  TimeSourceStatus synchronizedStatus(Instant time, long dispersionNanos) {
    return new TimeSourceStatus(
        LeapIndicator.NO_WARNING, stratum, precision, NtpShort.ZERO,
        NtpShort.fromDuration(Duration.ofNanos(dispersionNanos), RoundingMode.UP), referenceId,
        NtpTimestamp.fromInstant(time));
  }
}
