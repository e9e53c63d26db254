package org.ntpclock.codec.transport;

import static com.google.common.base.Preconditions.checkNotNull;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.ntpclock.codec.server.Verdict;

/**
 * A snapshot of an {@link NtpServer}'s counters since it started. Counters are summed over the
 * workers without stopping them, so a snapshot taken under load is consistent per counter, not
 * across counters.
 *
 * @param received datagrams received
 * @param verdicts how many requests ended in each {@link Verdict} (every verdict present, zero
 *     included)
 * @param sendErrors replies whose send failed
 * @param receiveErrors receive calls that failed with an I/O error other than shutdown
 * @param internalErrors requests whose handling threw (a failing time source, a bug); the worker
 *     carries on
 */
public record ServerStats(long received, Map<Verdict, Long> verdicts, long sendErrors, long receiveErrors,
    long internalErrors) {
  /**
   * Copies the map.
   *
   * @param received datagrams received
   * @param verdicts counts per verdict
   * @param sendErrors failed sends
   * @param receiveErrors failed receives
   * @param internalErrors requests whose handling threw
   */
  public ServerStats {
    checkNotNull(verdicts, "verdicts");
    EnumMap<Verdict, Long> copy = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      copy.put(v, verdicts.getOrDefault(v, 0L));
    }
    verdicts = Collections.unmodifiableMap(copy);
  }

  /**
   * How many requests ended in a verdict.
   *
   * @param verdict the verdict
   * @return the count
   */
  public long count(Verdict verdict) {
    return verdicts.get(verdict);
  }

  /**
   * Requests answered (normal, authenticated, KoD and crypto-NAK replies).
   *
   * @return the count
   */
  public long answered() {
    return verdicts.entrySet().stream().filter(e -> e.getKey().isAnswered()).mapToLong(Map.Entry::getValue).sum();
  }

  /**
   * Requests dropped, for any reason.
   *
   * @return the count
   */
  public long dropped() {
    return verdicts.entrySet().stream().filter(e -> !e.getKey().isAnswered()).mapToLong(Map.Entry::getValue).sum();
  }

  /**
   * Requests over a client's rate limit, dropped or answered with KoD RATE (leaked requests are
   * answered normally and not counted here).
   *
   * @return the count
   */
  public long rateLimited() {
    return count(Verdict.DROPPED_RATE_LIMITED) + count(Verdict.KOD_RATE);
  }
}
