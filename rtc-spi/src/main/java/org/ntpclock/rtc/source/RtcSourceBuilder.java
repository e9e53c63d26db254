package org.ntpclock.rtc.source;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.ntpclock.core.ReferenceId;
import org.ntpclock.core.Ticker;
import org.ntpclock.rtc.RealTimeClock;

/**
 * The settings every {@link RtcTimeSource} builder has: the ticker and the status served while
 * synchronized.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract sealed class RtcSourceBuilder<B extends RtcSourceBuilder<B>>
    permits AnchoredRtcTimeSource.Builder, EdgeDrivenRtcTimeSource.Builder {
  final RealTimeClock rtc;
  Ticker ticker = Ticker.system();
  int stratum = RtcTimeSource.DEFAULT_STRATUM;
  ReferenceId referenceId = RtcTimeSource.DEFAULT_REFERENCE_ID;
  int precision = RtcTimeSource.DEFAULT_PRECISION;

  RtcSourceBuilder(RealTimeClock rtc) {
    this.rtc = checkNotNull(rtc, "rtc");
  }

  abstract B self();

  /**
   * The monotonic ticker (default {@link Ticker#system()}); second edges must use the same one.
   *
   * @param ticker the ticker
   * @return this builder
   */
  public B ticker(Ticker ticker) {
    this.ticker = checkNotNull(ticker, "ticker");
    return self();
  }

  /**
   * The stratum served while synchronized (default {@value RtcTimeSource#DEFAULT_STRATUM}).
   *
   * @param stratum 1..15
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public B stratum(int stratum) {
    checkArgument(stratum >= 1 && stratum <= 15, "stratum out of range 1..15: %s", stratum);
    this.stratum = stratum;
    return self();
  }

  /**
   * The reference id served while synchronized (default 127.127.1.1).
   *
   * @param referenceId the id
   * @return this builder
   */
  public B referenceId(ReferenceId referenceId) {
    this.referenceId = checkNotNull(referenceId, "referenceId");
    return self();
  }

  /**
   * The precision, log2 seconds (default {@value RtcTimeSource#DEFAULT_PRECISION}).
   *
   * @param precision -128..127
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public B precision(int precision) {
    checkArgument(precision >= -128 && precision <= 127, "precision out of range -128..127: %s", precision);
    this.precision = precision;
    return self();
  }
}
