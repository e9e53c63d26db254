package org.ntpclock.epoch.source;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.TimeSource;
import org.ntpclock.core.TimeSourceStatus;
import org.ntpclock.epoch.ExpiryPolicy;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.LeapSmear;

/**
 * A {@link TimeSource} serving UTC from a free-running clock (an RTC, a simulated chip: a clock
 * that was set to UTC at {@code setAt} and since counts SI seconds, knowing nothing of leap
 * seconds), with the leap seconds of a table applied in one of two ways:
 *
 * <ul>
 *   <li>{@link #inserting inserting} (no smear): the status carries LI 1 (or 2 for a negative leap
 *       second) throughout the last UTC day before it, and the inserted second 23:59:60 is served
 *       stalled at 23:59:59.999999999, so the served time never runs backwards past a timestamp it
 *       already served; from midnight on the served time is one second behind the free-running
 *       clock and LI is 0 again. A negative leap second skips 23:59:59.
 *   <li>{@link #smearing smearing}: the leap second is spread out with a {@link LeapSmear}; the
 *       served time is continuous and monotonic, and the leap indicator never announces the leap
 *       second, as clients of a smearing server must not apply it a second time. The reference id
 *       stays the delegate's: an operator documents that the server smears (as Google does for its
 *       public servers), since NTPv4 has no field that says so.
 * </ul>
 *
 * <p>Where the table cannot tell (after its expiry) {@link ExpiryPolicy#STRICT} makes the status
 * unsynchronized (LI 3, stratum 16): the source cannot vouch for UTC. With
 * {@link ExpiryPolicy#ASSUME_NO_LEAP_SECOND} it keeps serving, assuming no further leap second.
 * An unsynchronized delegate passes through unchanged.
 *
 * <p>The delegate must not insert leap seconds itself (the Linux system clock under an NTP daemon
 * does: wrap it with neither mode), and must not be re-set while wrapped. {@link #nowBits()} and
 * {@link #status()} allocate nothing except once a UTC day (status); thread-safe.
 */
public final class LeapSecondTimeSource implements TimeSource {
  private static final long NANOS = 1_000_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;
  private static final long INSERT_WINDOW_BEFORE = 1;
  private static final long INSERT_WINDOW_AFTER = 1;

  private final TimeSource delegate;
  private final LeapSecondTable table;
  private final Optional<LeapSmear> smear;
  private final ExpiryPolicy policy;
  /** TAI-UTC when the delegate was set: its reading plus this is TAI. */
  private final long taiBaseSeconds;
  /** Entry starts on the TAI scale (seconds) and TAI-UTC from each on. */
  private final long[] entryTaiStarts;
  private final long[] entryOffsets;
  /** Windows after setAt: start on the TAI scale (ns), start label (POSIX ns), SI length (s), step. */
  private final long[] windowTaiStarts;
  private final long[] windowLabels;
  private final long[] windowRealSeconds;
  private final int[] windowSteps;
  private final long nominalSeconds;
  /** STRICT only: served labels from here on (POSIX s) rest on an expired table. */
  private final long unknownFromSecond;
  private volatile Cached cached;

  private record Cached(long key, TimeSourceStatus from, TimeSourceStatus status) {}

  private LeapSecondTimeSource(TimeSource delegate, LeapSecondTable table, Instant setAt,
      Optional<LeapSmear> smear, ExpiryPolicy policy) {
    this.delegate = checkNotNull(delegate, "delegate");
    this.table = checkNotNull(table, "table");
    checkNotNull(setAt, "setAt");
    this.smear = smear;
    this.policy = checkNotNull(policy, "policy");
    List<LeapSecondTable.Entry> entries = table.entries();
    entryTaiStarts = new long[entries.size()];
    entryOffsets = new long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      entryOffsets[i] = entries.get(i).taiMinusUtc();
      entryTaiStarts[i] = entries.get(i).start().getEpochSecond() + entryOffsets[i];
    }
    // Before the table's first entry (a clock set before 1972) the first offset is the best there is.
    taiBaseSeconds = setAt.isBefore(entries.get(0).start())
        ? entryOffsets[0] : table.taiMinusUtc(setAt, ExpiryPolicy.ASSUME_NO_LEAP_SECOND).value();
    long before = smear.map(LeapSmear::secondsBefore).orElse(INSERT_WINDOW_BEFORE);
    long after = smear.map(LeapSmear::secondsAfter).orElse(INSERT_WINDOW_AFTER);
    nominalSeconds = before + after;
    List<LeapSecondTable.LeapSecond> leaps = new ArrayList<>();
    for (LeapSecondTable.LeapSecond leap : table.leapSeconds()) {
      if (leap.end().isAfter(setAt)) {
        leaps.add(leap);
      }
    }
    windowTaiStarts = new long[leaps.size()];
    windowLabels = new long[leaps.size()];
    windowRealSeconds = new long[leaps.size()];
    windowSteps = new int[leaps.size()];
    for (int k = 0; k < leaps.size(); k++) {
      LeapSecondTable.LeapSecond leap = leaps.get(k);
      long label = leap.end().getEpochSecond() - before;
      long offsetBefore = table.taiMinusUtc(leap.end(), ExpiryPolicy.ASSUME_NO_LEAP_SECOND).value() - leap.step();
      windowLabels[k] = label * NANOS;
      windowTaiStarts[k] = (label + offsetBefore) * NANOS;
      windowRealSeconds[k] = nominalSeconds + leap.step();
      windowSteps[k] = leap.step();
    }
    // The first month start after the expiry could end an unknown leap second's day; its window
    // (or, inserting, its announcement day) may begin that long before it.
    LocalDate expiryDay = LocalDate.ofInstant(table.expires(), ZoneOffset.UTC);
    long nextMonth = expiryDay.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    unknownFromSecond = policy == ExpiryPolicy.STRICT
        ? nextMonth - (smear.isPresent() ? before : SECONDS_PER_DAY) : Long.MAX_VALUE;
  }

  /**
   * Serves UTC with leap seconds inserted and announced (no smearing).
   *
   * @param freeRunning the clock, set to UTC at {@code setAt} and counting SI seconds since
   * @param table the leap seconds
   * @param setAt when the clock was set (leap seconds before it are already in its reading)
   * @param policy what to do after the table's expiry
   * @return the source
   */
  public static LeapSecondTimeSource inserting(TimeSource freeRunning, LeapSecondTable table, Instant setAt,
      ExpiryPolicy policy) {
    return new LeapSecondTimeSource(freeRunning, table, setAt, Optional.empty(), policy);
  }

  /**
   * Serves leap-smeared UTC; the leap indicator never announces a leap second.
   *
   * @param freeRunning the clock, set to UTC at {@code setAt} and counting SI seconds since
   * @param table the leap seconds
   * @param setAt when the clock was set (leap seconds before it are already in its reading)
   * @param smear how to smear
   * @param policy what to do after the table's expiry
   * @return the source
   */
  public static LeapSecondTimeSource smearing(TimeSource freeRunning, LeapSecondTable table, Instant setAt,
      LeapSmear smear, ExpiryPolicy policy) {
    return new LeapSecondTimeSource(freeRunning, table, setAt, Optional.of(checkNotNull(smear, "smear")), policy);
  }

  @Override
  public long nowBits() {
    long bits = delegate.nowBits();
    if (bits == 0) {
      return 0;
    }
    // The era by the RFC 4330 pivot on raw bits (as the default resolver), so nothing is allocated.
    long seconds = bits >>> 32;
    long ntpSeconds = (seconds & 0x8000_0000L) != 0 ? seconds : seconds + (1L << 32);
    long posixSeconds = ntpSeconds - NtpTimestamp.NTP_TO_POSIX_SECONDS;
    long fraction = bits & 0xFFFF_FFFFL;
    // The fraction to the nearest nanosecond, so a reading made from whole nanoseconds comes back exactly.
    long tai = (posixSeconds + taiBaseSeconds) * NANOS + ((fraction * NANOS + (1L << 31)) >>> 32);
    int k = lastAtOrBefore(windowTaiStarts, tai);
    if (k >= 0) {
      long u = tai - windowTaiStarts[k];
      if (u < windowRealSeconds[k] * NANOS) {
        long served = windowLabels[k] + inWindow(u, k);
        long bitsOut = NtpTimestamp.bitsOf(Math.floorDiv(served, NANOS), Math.floorMod(served, NANOS));
        return bitsOut == 0 ? 1 : bitsOut;
      }
    }
    // Outside every window the served time is the delegate's minus the leap seconds since it was
    // set: whole seconds, so the fraction is kept bit for bit.
    int e = lastAtOrBefore(entryTaiStarts, Math.floorDiv(tai, NANOS));
    long offset = e >= 0 ? entryOffsets[e] : entryOffsets[0];
    long out = bits - ((offset - taiBaseSeconds) << 32);
    return out == 0 ? 1 : out;
  }

  /** Served nanoseconds since the window's start label, {@code u} SI nanoseconds into window {@code k}. */
  private long inWindow(long u, int k) {
    if (smear.isPresent()) {
      return Math.floorDiv(Math.multiplyExact(u, nominalSeconds), windowRealSeconds[k]);
    }
    // Inserting: the window is 23:59:59 .. 00:00:01 in labels.
    if (windowSteps[k] < 0) {
      return u + NANOS; // 23:59:59 does not exist: the second after 23:59:58 is 00:00:00
    }
    if (u < NANOS) {
      return u; // 23:59:59
    }
    if (u < 2 * NANOS) {
      return NANOS - 1; // 23:59:60: stalled at the last nanosecond before midnight
    }
    return u - NANOS; // 00:00:00 on
  }

  private static int lastAtOrBefore(long[] values, long key) {
    int lo = 0;
    int hi = values.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] <= key) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  @Override
  public TimeSourceStatus status() {
    TimeSourceStatus status = delegate.status();
    if (!status.isSynchronized()) {
      return status;
    }
    long bits = nowBits();
    if (bits == 0) {
      return status;
    }
    long seconds = bits >>> 32;
    long ntpSeconds = (seconds & 0x8000_0000L) != 0 ? seconds : seconds + (1L << 32);
    long posixSeconds = ntpSeconds - NtpTimestamp.NTP_TO_POSIX_SECONDS;
    boolean unknown = posixSeconds >= unknownFromSecond;
    // Smearing: one answer until the table runs out; inserting: one per UTC day.
    long key = smear.isPresent() ? (unknown ? 1 : 0) : Math.floorDiv(posixSeconds, SECONDS_PER_DAY);
    Cached c = cached;
    if (c != null && c.key == key && c.from == status) {
      return c.status;
    }
    TimeSourceStatus answer;
    if (unknown) {
      answer = TimeSourceStatus.unsynchronized(status.precision());
    } else if (smear.isPresent()) {
      answer = status.withLeap(LeapIndicator.NO_WARNING);
    } else {
      // Leap seconds end months only: before unknownFromSecond the table's answer is certain.
      answer = status.withLeap(table.leapIndicatorAt(Instant.ofEpochSecond(key * SECONDS_PER_DAY),
          ExpiryPolicy.ASSUME_NO_LEAP_SECOND).orElseThrow());
    }
    cached = new Cached(key, status, answer);
    return answer;
  }

  /**
   * The smear in use.
   *
   * @return the smear, or empty when the leap second is inserted
   */
  public Optional<LeapSmear> smear() {
    return smear;
  }

  /**
   * What the source does after the table's expiry.
   *
   * @return the policy
   */
  public ExpiryPolicy expiryPolicy() {
    return policy;
  }

  /**
   * The wrapped free-running source.
   *
   * @return the delegate
   */
  public TimeSource delegate() {
    return delegate;
  }

  /**
   * The leap-second table in use.
   *
   * @return the table
   */
  public LeapSecondTable table() {
    return table;
  }
}
