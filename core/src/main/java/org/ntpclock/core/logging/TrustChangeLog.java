package org.ntpclock.core.logging;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logs a time source's trust changes once each: when the source stops vouching for its time (at
 * WARNING) and when it vouches again (at INFO), with the reason. A source that starts untrusted
 * logs nothing until it first becomes trusted. Cheap enough for a read path: {@link #changed(boolean)}
 * is one volatile read while nothing changes and allocates nothing. Thread-safe: of several threads
 * that see the same change, exactly one is told to log it.
 *
 * <pre>{@code
 * if (trustLog.changed(synced)) {
 *   trustLog.log(synced, synced ? "fix valid" : "fix lost");
 * }
 * }</pre>
 */
public final class TrustChangeLog {
  private final Logger logger;
  private final String source;
  private final AtomicBoolean trusted = new AtomicBoolean();

  private TrustChangeLog(Logger logger, String source) {
    this.logger = logger;
    this.source = source;
  }

  /**
   * A log for one source, starting untrusted.
   *
   * @param logger where the changes go
   * @param source how the messages name the source
   * @return the log
   */
  public static TrustChangeLog of(Logger logger, String source) {
    return new TrustChangeLog(checkNotNull(logger, "logger"), checkNotNull(source, "source"));
  }

  /**
   * Records whether the source is trusted now.
   *
   * @param trustedNow whether the source vouches for its time now
   * @return true when this is a change and the caller should {@link #log(boolean, String)} it
   */
  public boolean changed(boolean trustedNow) {
    return trusted.get() != trustedNow && trusted.compareAndSet(!trustedNow, trustedNow);
  }

  /**
   * Logs a change that {@link #changed(boolean)} reported.
   *
   * @param trustedNow the new state
   * @param reason why, in a few words
   */
  public void log(boolean trustedNow, String reason) {
    checkNotNull(reason, "reason");
    if (trustedNow) {
      logger.log(Level.INFO, source + " is trusted: " + reason);
    } else {
      logger.log(Level.WARNING, source + " is no longer trusted: " + reason);
    }
  }

  /**
   * Whether the source was trusted at the last recorded change.
   *
   * @return the state
   */
  public boolean isTrusted() {
    return trusted.get();
  }
}
