import java.time.Instant;
import java.util.*;
import org.ntpclock.core.*;
import org.ntpclock.clock.app.*;

/**
 * Error and cost per read of the time source serve builds, from JVM start: the source's time minus
 * the system clock (tightest of 50 reads bracketed by two Instant.now() calls), every 100 ms.
 * usage: java -cp examples/clock/target/ntpclock.jar benchmarks/idle/SourceError.java
 *            systemtimesource|system|simulated SECONDS
 */
public class SourceError {
  static long wallNanos() { Instant i = Instant.now(); return i.getEpochSecond() * 1_000_000_000L + i.getNano(); }
  /** source minus system clock, ns: symmetric pair of reads (wall, src, wall), tightest of 50. */
  static long errorNanos(TimeSource s) {
    long best = Long.MAX_VALUE, err = 0;
    for (int i = 0; i < 50; i++) {
      long w1 = wallNanos();
      long b = s.nowBits();
      long w2 = wallNanos();
      if (b == 0) return Long.MIN_VALUE;
      long secs = (b >>> 32);
      long posix = secs - NtpTimestamp.NTP_TO_POSIX_SECONDS;
      long frac = ((b & 0xFFFFFFFFL) * 1_000_000_000L + (1L << 31)) >>> 32;
      long sn = posix * 1_000_000_000L + frac;
      if (w2 - w1 < best) { best = w2 - w1; err = sn - (w1 + (w2 - w1) / 2); }
    }
    return err;
  }
  public static void main(String[] a) throws Exception {
    String kind = a[0];
    long seconds = Long.parseLong(a[1]);
    long t0 = System.nanoTime();
    TimeSource src;
    RtcChoice c = null;
    if (kind.equals("systemtimesource")) src = SystemTimeSource.create();
    else { c = ClockHardware.openRtc(kind, Optional.empty()); src = c.source(); }
    System.out.printf("%s opened in %.1f ms; first reading %s; dispersion %s%n", kind, (System.nanoTime() - t0) / 1e6,
        c == null ? "-" : c.firstReading(), src.status().rootDispersion().toDuration());
    // cold read cost
    long b = System.nanoTime(); src.nowBits(); long e = System.nanoTime();
    System.out.printf("first nowBits took %d ns%n", e - b);
    List<Long> errs = new ArrayList<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long lastPrint = 0;
    while (System.nanoTime() < end) {
      long err = errorNanos(src);
      errs.add(err);
      long since = (System.nanoTime() - t0) / 1_000_000_000L;
      if (since != lastPrint && since % 5 == 0) { lastPrint = since; System.out.printf("t=%ds error %.2f us disp %s%n", since, err / 1e3, src.status().rootDispersion().toDuration()); }
      Thread.sleep(100);
    }
    // warm per-read cost
    long n = 2_000_000, sink = 0;
    b = System.nanoTime(); for (long i = 0; i < n; i++) sink += src.nowBits(); e = System.nanoTime();
    long[] s = errs.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("%s: n=%d error median %.2f us, min %.2f, max %.2f; warm read %.1f ns (%d)%n", kind, s.length,
        s[s.length / 2] / 1e3, s[0] / 1e3, s[s.length - 1] / 1e3, (e - b) / (double) n, sink & 1);
    if (c != null) c.close();
  }
}
