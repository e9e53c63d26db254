package org.ntpclock.epoch;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ntpclock.core.LeapIndicator;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.input.BoundedInput;

/**
 * The leap-second table: TAI&minus;UTC from 1972-01-01 on, the leap seconds, and how long the table
 * is authoritative.
 *
 * <p><b>Source.</b> {@link #bundled()} is a copy of the IERS edition of {@code leap-seconds.list}
 * (Paris Observatory, from IERS Bulletin C), last updated 2026-07-06 and <b>expiring
 * 2027-06-28T00:00:00Z</b>. {@link #load(Path)}, {@link #load(URL)}, {@link #read(InputStream)} and
 * {@link #parse(CharSequence)} read a newer one in the same format; the tz database ships it as
 * {@code /usr/share/zoneinfo/leap-seconds.list}, and the IERS publishes it at
 * {@code https://hpiers.obspm.fr/iers/bul/bulc/ntp/leap-seconds.list}. Every file is checked as
 * ntpsec does (the {@code #h} SHA-1, entries at 00:00 on the 1st of a month, strictly ascending,
 * steps of one second) and rejected with a {@link LeapFileException} otherwise.
 *
 * <p><b>Refreshing the bundled copy.</b> The IERS updates the file by 1 June and 1 December and it
 * expires on 28 June / 28 December. To refresh: download the new file, check it with
 * {@code LeapSecondTable.load(path)} (it must load with {@link LeapFileStatus#GOOD_HASH}), replace
 * {@code epoch/src/main/resources/org/ntpclock/epoch/leap-seconds.list}, update the dates in this
 * paragraph and in {@code epoch/README.md}, and release. Applications that run for years should
 * load a current file themselves rather than rely on the bundled one.
 *
 * <p><b>Expiry.</b> The file's {@code #@} instant ({@link #expires()}) is the instant up to which it
 * is authoritative that no other leap second has been announced. This class never extrapolates past
 * it silently: {@link #taiMinusUtc(Instant)} throws {@link TimeScaleException} with reason
 * {@link TimeScaleException.Reason#TABLE_EXPIRED} at or after the expiry, and
 * {@link #leapIndicatorAt(Instant)} answers "unknown" (an empty optional) for a UTC day that ends
 * after it. Instants before the expiry keep converting after the table expired, as the listed
 * entries stay correct for the past. To knowingly assume that no leap second follows, pass
 * {@link ExpiryPolicy#ASSUME_NO_LEAP_SECOND} to the conversions that take a policy (their
 * {@link LeapAnswer} says when the answer rests on it), or use {@link #withExpires(Instant)}.
 * {@link LeapTableChoice} picks the newest table available on the machine.
 *
 * <p>Instants are UTC in java.time's sense (86 400 s per day; an inserted leap second 23:59:60 has
 * no {@link Instant}); see {@link UtcReading} for readings inside a leap second.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LeapSecondTable {
  /**
   * The largest {@code leap-seconds.list} accepted, in bytes (1 MiB; the real file has about 5 000):
   * {@link #read} stops reading there.
   */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** The name of the bundled resource, in this class's package. */
  static final String BUNDLED_RESOURCE = "leap-seconds.list";

  private static final long SECONDS_PER_DAY = 86_400L;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  /**
   * One line of the table: from {@code start} on, TAI&minus;UTC is {@code taiMinusUtc} seconds.
   *
   * @param start 00:00:00 UTC on the first day of a month
   * @param taiMinusUtc TAI&minus;UTC in seconds from {@code start} on (10 on 1972-01-01, 37 since
   *     2017-01-01)
   */
  public record Entry(Instant start, int taiMinusUtc) {
    /**
     * Checks the components.
     *
     * @param start 00:00:00 UTC on the 1st of a month
     * @param taiMinusUtc TAI-UTC in seconds
     * @throws IllegalArgumentException if {@code start} is not 00:00:00 UTC on the 1st of a month
     * @throws NullPointerException if {@code start} is null
     */
    public Entry {
      checkNotNull(start, "start");
      checkArgument(start.getNano() == 0 && LeapFileParser.isMonthStart(start.getEpochSecond()),
          "entry not at 00:00:00 UTC on the 1st of a month: %s", start);
    }

    /**
     * The start as the NTP seconds of the file format (counted from 1900-01-01, without wrapping at
     * 2<sup>32</sup>).
     *
     * @return the NTP seconds
     */
    public long ntpSeconds() {
      return start.getEpochSecond() + NtpTimestamp.NTP_TO_POSIX_SECONDS;
    }
  }

  /**
   * A leap second: the last minute of {@code day} (UTC) has 61 seconds ({@code step} +1, ending in
   * 23:59:60) or 59 seconds ({@code step} &minus;1, without 23:59:59).
   *
   * @param day the UTC day whose last minute is changed, e.g. 2016-12-31
   * @param step +1 for an inserted (positive) leap second, &minus;1 for a deleted (negative) one
   */
  public record LeapSecond(LocalDate day, int step) {
    /**
     * Checks the components.
     *
     * @param day the UTC day whose last minute is changed
     * @param step +1 or -1
     * @throws IllegalArgumentException if {@code step} is not +1 or &minus;1
     * @throws NullPointerException if {@code day} is null
     */
    public LeapSecond {
      checkNotNull(day, "day");
      checkArgument(step == 1 || step == -1, "leap second step must be +1 or -1: %s", step);
    }

    /**
     * The instant at which the new TAI&minus;UTC applies: 00:00:00 UTC of the following day.
     *
     * @return the end of {@code day}
     */
    public Instant end() {
      return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The leap indicator a server sends during {@code day}.
     *
     * @return {@link LeapIndicator#LAST_MINUTE_61} or {@link LeapIndicator#LAST_MINUTE_59}
     */
    public LeapIndicator indicator() {
      return step > 0 ? LeapIndicator.LAST_MINUTE_61 : LeapIndicator.LAST_MINUTE_59;
    }
  }

  private final List<Entry> entries;
  private final List<LeapSecond> leapSeconds;
  /** Entry starts, POSIX seconds, ascending. */
  private final long[] utcStarts;
  /** Entry starts as TAI readings (start + offset), POSIX-style seconds, ascending. */
  private final long[] taiStarts;
  private final int[] offsets;
  private final Instant updated;
  private final Instant expires;
  private final LeapFileStatus hashStatus;

  LeapSecondTable(List<Entry> entries, Instant updated, Instant expires, LeapFileStatus hashStatus) {
    checkNotNull(entries, "entries");
    checkNotNull(updated, "updated");
    checkNotNull(expires, "expires");
    checkArgument(!entries.isEmpty(), "no entries");
    this.entries = List.copyOf(entries);
    int n = this.entries.size();
    this.utcStarts = new long[n];
    this.taiStarts = new long[n];
    this.offsets = new int[n];
    List<LeapSecond> leaps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Entry e = this.entries.get(i);
      utcStarts[i] = e.start().getEpochSecond();
      offsets[i] = e.taiMinusUtc();
      taiStarts[i] = utcStarts[i] + offsets[i];
      if (i > 0) {
        checkArgument(utcStarts[i] > utcStarts[i - 1], "entries not strictly ascending at %s", e);
        int step = offsets[i] - offsets[i - 1];
        checkArgument(step == 1 || step == -1, "TAI-UTC must step by one second at %s", e);
        leaps.add(new LeapSecond(LocalDate.ofEpochDay(Math.floorDiv(utcStarts[i], SECONDS_PER_DAY) - 1), step));
      }
    }
    this.leapSeconds = List.copyOf(leaps);
    this.updated = updated;
    this.expires = expires;
    this.hashStatus = hashStatus;
  }

  /**
   * A table from entries, e.g. the entries of another table with a later expiry to knowingly assume
   * that no further leap second occurs. Its {@link #hashStatus()} is {@link LeapFileStatus#NO_HASH}.
   *
   * @param entries at least one entry, strictly ascending, TAI&minus;UTC stepping by &plusmn;1 s
   * @param updated when the data were last updated
   * @param expires the instant up to which the table is authoritative
   * @return the table
   * @throws IllegalArgumentException if the entries break these rules
   * @throws NullPointerException if an argument or entry is null
   */
  public static LeapSecondTable of(List<Entry> entries, Instant updated, Instant expires) {
    return new LeapSecondTable(entries, updated, expires, LeapFileStatus.NO_HASH);
  }

  /**
   * The table bundled with this library (IERS edition updated 2026-07-06, expiring
   * 2027-06-28T00:00:00Z, 28 entries from 1972-01-01 to 2017-01-01). Check {@link #isExpired(Instant)}
   * against the current time; load a newer file once it has expired.
   *
   * @return the bundled table
   */
  public static LeapSecondTable bundled() {
    return Bundled.TABLE;
  }

  /**
   * Reads and parses a {@code leap-seconds.list} file of at most 1 MiB. Only a regular file is
   * opened (symbolic links followed): a FIFO or a device such as {@code /dev/zero} is refused.
   *
   * @param file the file (ASCII; other bytes may only occur in comments)
   * @return the table
   * @throws java.nio.file.FileSystemException if it is not a regular file
   * @throws IOException if the file cannot be read
   * @throws LeapFileException if the file is malformed or its hash does not match
   */
  public static LeapSecondTable load(Path file) throws IOException, LeapFileException {
    checkNotNull(file, "file");
    try (InputStream in = BoundedInput.openRegularFile(file)) {
      return read(in);
    }
  }

  /**
   * Fetches and parses a {@code leap-seconds.list} file (connect timeout 10 s, read timeout 30 s, at
   * most 1 MiB).
   *
   * @param url where to fetch it, e.g. the IERS address in the class description or a {@code file:} URL
   * @return the table
   * @throws IOException if it cannot be fetched
   * @throws LeapFileException if the file is malformed or its hash does not match
   */
  public static LeapSecondTable load(URL url) throws IOException, LeapFileException {
    checkNotNull(url, "url");
    URLConnection connection = url.openConnection();
    connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    connection.setReadTimeout(READ_TIMEOUT_MILLIS);
    try (InputStream in = connection.getInputStream()) {
      return read(in);
    }
  }

  /**
   * Reads and parses a {@code leap-seconds.list} file from a stream (at most 1 MiB), which is not
   * closed.
   *
   * @param in the stream
   * @return the table
   * @throws IOException if the stream cannot be read
   * @throws LeapFileException if the file is too large, malformed or its hash does not match
   */
  public static LeapSecondTable read(InputStream in) throws IOException, LeapFileException {
    checkNotNull(in, "in");
    byte[] bytes = in.readNBytes(LeapFileParser.MAX_CHARS + 1);
    if (bytes.length > LeapFileParser.MAX_CHARS) {
      throw new LeapFileException(LeapFileException.Reason.TOO_LARGE, 0, "more than " + LeapFileParser.MAX_CHARS + " bytes");
    }
    // Latin-1 maps every byte, so stray bytes in comments cannot fail decoding; data lines are ASCII-checked.
    return parse(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /**
   * Parses the text of a {@code leap-seconds.list} file: {@code #$} last update and {@code #@}
   * expiry (NTP seconds, both required), data lines {@code <NTP second> <TAI-UTC> [# comment]},
   * other {@code #} comment lines, and the optional {@code #h} SHA-1, verified as ntpsec does.
   *
   * <p>Checks run in order: the syntax of every line and the presence of {@code #$} and {@code #@}
   * ({@link LeapFileStatus#BAD_FORMAT}), then the hash ({@link LeapFileStatus#BAD_HASH}: an altered
   * value is reported as such even if it also breaks the entry rules), then the entry rules
   * ({@link LeapFileStatus#BAD_FORMAT}): each entry at 00:00:00 UTC on the 1st of a month, strictly
   * ascending, TAI&minus;UTC changing by exactly one second between entries.
   *
   * @param text the file's text; lines end in LF or CRLF
   * @return the table, with {@link #hashStatus()} {@link LeapFileStatus#GOOD_HASH} or
   *     {@link LeapFileStatus#NO_HASH}
   * @throws LeapFileException with {@link LeapFileException#status()}
   *     {@link LeapFileStatus#BAD_HASH} or {@link LeapFileStatus#BAD_FORMAT}, its reason and line
   */
  public static LeapSecondTable parse(CharSequence text) throws LeapFileException {
    checkNotNull(text, "text");
    return LeapFileParser.parse(text);
  }

  /**
   * Parses the tz database's {@code leapseconds} file (zic's input format, e.g.
   * {@code /usr/share/zoneinfo/leapseconds}): {@code Leap YEAR MON DAY 23:59:60 + S} lines and the
   * expiry ({@code Expires YEAR MON DAY HH:MM:SS}, possibly commented out, or {@code #expires} POSIX
   * seconds). The format has no hash: the table's {@link #hashStatus()} is
   * {@link LeapFileStatus#NO_HASH}. TAI&minus;UTC starts at 10 s on 1972-01-01.
   *
   * @param text the file's text
   * @return the table
   * @throws LeapFileException if a line is malformed, a leap second does not end a month, or the
   *     expiry is missing
   */
  public static LeapSecondTable parseTzLeapseconds(CharSequence text) throws LeapFileException {
    checkNotNull(text, "text");
    return TzLeapFileParser.parse(text);
  }

  /**
   * Checks the text of a {@code leap-seconds.list} file without throwing, as ntpsec's
   * {@code leapsec_validate} does (but also checking the format rules of {@link #parse}).
   *
   * @param text the file's text
   * @return the status; {@link LeapFileStatus#isAcceptable()} tells whether {@link #parse} succeeds
   */
  public static LeapFileStatus validate(CharSequence text) {
    checkNotNull(text, "text");
    return LeapFileParser.validate(text);
  }

  /**
   * A copy with another expiry: beyond the file's, an explicit assumption that no leap second other
   * than those listed occurs before {@code expires} (as in "GPS&minus;UTC stays 18 s until 2040").
   * The copy's {@link #hashStatus()} is {@link LeapFileStatus#NO_HASH}, as the hashed expiry no
   * longer applies.
   *
   * @param expires the new expiry
   * @return the copy
   */
  public LeapSecondTable withExpires(Instant expires) {
    return new LeapSecondTable(entries, updated, expires, LeapFileStatus.NO_HASH);
  }

  /**
   * The entries, ascending: the first sets the initial TAI&minus;UTC (10 s on 1972-01-01 in the IERS
   * file, not a leap second), each further one follows a leap second.
   *
   * @return the immutable list of entries
   */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * The leap seconds, one per entry after the first, ascending.
   *
   * @return the immutable list of leap seconds
   */
  public List<LeapSecond> leapSeconds() {
    return leapSeconds;
  }

  /**
   * When the data were last updated (the file's {@code #$} line).
   *
   * @return the instant
   */
  public Instant updated() {
    return updated;
  }

  /**
   * The instant up to which the table is authoritative (the file's {@code #@} line).
   *
   * @return the expiry instant
   */
  public Instant expires() {
    return expires;
  }

  /**
   * Whether the table has expired at the given time, i.e. {@code now} is at or after
   * {@link #expires()}. An expired table still converts instants before its expiry correctly but
   * cannot tell whether a leap second follows.
   *
   * @param now the current time (from an {@link java.time.InstantSource} in testable code)
   * @return true if expired
   */
  public boolean isExpired(Instant now) {
    checkNotNull(now, "now");
    return !now.isBefore(expires);
  }

  /**
   * Whether the file's hash was verified.
   *
   * @return {@link LeapFileStatus#GOOD_HASH} or {@link LeapFileStatus#NO_HASH}
   */
  public LeapFileStatus hashStatus() {
    return hashStatus;
  }

  /**
   * TAI&minus;UTC at a UTC instant.
   *
   * @param utc an instant from the first entry (1972-01-01 for the IERS file) to before
   *     {@link #expires()}
   * @return TAI&minus;UTC in whole seconds
   * @throws TimeScaleException with reason {@link TimeScaleException.Reason#BEFORE_TABLE} before the
   *     first entry (before 1972 TAI&minus;UTC was not a whole number of seconds), or
   *     {@link TimeScaleException.Reason#TABLE_EXPIRED} at or after the expiry
   */
  public int taiMinusUtc(Instant utc) {
    return taiMinusUtc(utc, ExpiryPolicy.STRICT).value();
  }

  /**
   * TAI&minus;UTC at a UTC instant, under an expiry policy: with
   * {@link ExpiryPolicy#ASSUME_NO_LEAP_SECOND} an instant at or after {@link #expires()} gets the
   * last listed value, marked {@link LeapAnswer#assumed()}.
   *
   * @param utc an instant from the first entry on
   * @param policy what to do at or after the expiry
   * @return TAI&minus;UTC in whole seconds
   * @throws TimeScaleException with reason {@link TimeScaleException.Reason#BEFORE_TABLE} before the
   *     first entry, or {@link TimeScaleException.Reason#TABLE_EXPIRED} at or after the expiry under
   *     {@link ExpiryPolicy#STRICT}
   */
  public LeapAnswer<Integer> taiMinusUtc(Instant utc, ExpiryPolicy policy) {
    boolean assumed = checkCovered(utc, policy);
    return new LeapAnswer<>(offsets[indexAtOrBefore(utcStarts, utc.getEpochSecond())], assumed);
  }

  /**
   * The leap indicator a server sends at a UTC instant: {@link LeapIndicator#LAST_MINUTE_61} or
   * {@link LeapIndicator#LAST_MINUTE_59} throughout the last UTC day before a leap second (per the
   * sign of its step), otherwise {@link LeapIndicator#NO_WARNING}.
   *
   * <p>The answer is empty when the table cannot tell: the UTC day of {@code utc} ends after
   * {@link #expires()} and the table lists no leap second at its end. An expired table never claims
   * "no leap second"; the caller decides what to send (and should load a newer table).
   *
   * @param utc any instant
   * @return the indicator, or empty if unknown because the table has expired for that day
   */
  public Optional<LeapIndicator> leapIndicatorAt(Instant utc) {
    return leapIndicatorAt(utc, ExpiryPolicy.STRICT);
  }

  /**
   * The leap indicator at a UTC instant under an expiry policy: as {@link #leapIndicatorAt(Instant)},
   * but with {@link ExpiryPolicy#ASSUME_NO_LEAP_SECOND} a day that ends after the expiry gets
   * {@link LeapIndicator#NO_WARNING} instead of an empty answer.
   *
   * @param utc any instant
   * @param policy what to assume after the expiry
   * @return the indicator; empty only under {@link ExpiryPolicy#STRICT} for a day the table cannot tell
   */
  public Optional<LeapIndicator> leapIndicatorAt(Instant utc, ExpiryPolicy policy) {
    checkNotNull(utc, "utc");
    checkNotNull(policy, "policy");
    long nextMidnight = (Math.floorDiv(utc.getEpochSecond(), SECONDS_PER_DAY) + 1) * SECONDS_PER_DAY;
    int i = Arrays.binarySearch(utcStarts, nextMidnight);
    if (i > 0) {
      return Optional.of(offsets[i] > offsets[i - 1] ? LeapIndicator.LAST_MINUTE_61 : LeapIndicator.LAST_MINUTE_59);
    }
    if (policy == ExpiryPolicy.STRICT && Instant.ofEpochSecond(nextMidnight).isAfter(expires)) {
      return Optional.empty();
    }
    return Optional.of(LeapIndicator.NO_WARNING);
  }

  /**
   * The TAI reading at a UTC instant: {@code utc} plus TAI&minus;UTC, expressed as an {@link Instant}
   * whose date and time fields are what a TAI clock shows.
   */
  LeapAnswer<Instant> utcToTai(Instant utc, ExpiryPolicy policy) {
    boolean assumed = checkCovered(utc, policy);
    long s = utc.getEpochSecond();
    int i = indexAtOrBefore(utcStarts, s);
    if (i + 1 < offsets.length && offsets[i + 1] < offsets[i] && s == utcStarts[i + 1] - 1) {
      throw new TimeScaleException(TimeScaleException.Reason.IN_LEAP_SECOND, utc,
          utc + " was deleted by a negative leap second and does not exist in UTC");
    }
    return new LeapAnswer<>(Instant.ofEpochSecond(s + offsets[i], utc.getNano()), assumed);
  }

  /** The UTC reading at a TAI reading; inside an inserted leap second it says so. */
  LeapAnswer<UtcReading> taiToUtc(Instant tai, ExpiryPolicy policy) {
    checkNotNull(tai, "tai");
    checkNotNull(policy, "policy");
    long x = tai.getEpochSecond();
    if (x < taiStarts[0]) {
      throw new TimeScaleException(TimeScaleException.Reason.BEFORE_TABLE, tai,
          "TAI reading " + tai + " is before the table's first entry " + entries.get(0).start());
    }
    int i = indexAtOrBefore(taiStarts, x);
    UtcReading reading;
    if (i + 1 < offsets.length && offsets[i + 1] > offsets[i] && x == taiStarts[i + 1] - 1) {
      // The TAI second just before the next entry's start is the inserted 23:59:60.
      reading = new UtcReading(Instant.ofEpochSecond(utcStarts[i + 1] - 1, tai.getNano()), true);
    } else {
      reading = UtcReading.of(Instant.ofEpochSecond(x - offsets[i], tai.getNano()));
    }
    boolean expired = !reading.instant().isBefore(expires);
    if (expired && policy == ExpiryPolicy.STRICT) {
      throw new TimeScaleException(TimeScaleException.Reason.TABLE_EXPIRED, reading.instant(),
          reading + " is at or after the table's expiry " + expires);
    }
    return new LeapAnswer<>(reading, expired);
  }

  /** Checks that the table covers {@code utc}; returns whether the answer rests on the assumption. */
  private boolean checkCovered(Instant utc, ExpiryPolicy policy) {
    checkNotNull(utc, "utc");
    checkNotNull(policy, "policy");
    if (utc.getEpochSecond() < utcStarts[0]) {
      throw new TimeScaleException(TimeScaleException.Reason.BEFORE_TABLE, utc,
          utc + " is before the table's first entry " + entries.get(0).start());
    }
    boolean expired = !utc.isBefore(expires);
    if (expired && policy == ExpiryPolicy.STRICT) {
      throw new TimeScaleException(TimeScaleException.Reason.TABLE_EXPIRED, utc,
          utc + " is at or after the table's expiry " + expires);
    }
    return expired;
  }

  /** Index of the last element {@code <= key}; the caller guarantees {@code key >= values[0]}. */
  private static int indexAtOrBefore(long[] values, long key) {
    int i = Arrays.binarySearch(values, key);
    return i >= 0 ? i : -i - 2;
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof LeapSecondTable other
        && entries.equals(other.entries)
        && updated.equals(other.updated)
        && expires.equals(other.expires)
        && hashStatus == other.hashStatus;
  }

  @Override
  public int hashCode() {
    return ((entries.hashCode() * 31 + updated.hashCode()) * 31 + expires.hashCode()) * 31 + hashStatus.hashCode();
  }

  /**
   * A summary, e.g. {@code LeapSecondTable[28 entries, TAI-UTC 37 s since 2017-01-01T00:00:00Z,
   * updated ..., expires ..., GOOD_HASH]}.
   *
   * @return the summary
   */
  @Override
  public String toString() {
    Entry last = entries.get(entries.size() - 1);
    return "LeapSecondTable[" + entries.size() + " entries, TAI-UTC " + last.taiMinusUtc() + " s since " + last.start()
        + ", updated " + updated + ", expires " + expires + ", " + hashStatus + "]";
  }

  /** Lazily loaded bundled table (class-holder idiom). */
  private static final class Bundled {
    static final LeapSecondTable TABLE = loadBundled();

    private static LeapSecondTable loadBundled() {
      // Same package: works on the class path and inside the named module alike.
      try (InputStream in = LeapSecondTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("bundled resource missing: " + BUNDLED_RESOURCE);
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (LeapFileException e) {
        throw new IllegalStateException("bundled " + BUNDLED_RESOURCE + " rejected", e);
      }
    }
  }
}
