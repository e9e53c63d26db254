package org.ntpclock.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what one {@link System.Logger} logs, for a test: the platform loggers route to
 * java.util.logging by default, so this attaches a handler to the java.util.logging logger of the
 * same name, opens it down to a level, keeps the records from reaching the console, and puts
 * everything back on {@link #close()}.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of("org.ntpclock.codec.server.RateLimiter", Level.FINE)) {
 *   ...
 *   assertThat(log.records()).hasSize(1);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previousLevel;
  private final boolean previousParents;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogCapture(Logger logger, Level level) {
    this.logger = logger;
    this.previousLevel = logger.getLevel();
    this.previousParents = logger.getUseParentHandlers();
    handler.setLevel(Level.ALL);
    logger.setLevel(level);
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
  }

  /**
   * Starts capturing a logger.
   *
   * @param name the logger's name (a {@link System.Logger}'s name is the same)
   * @param level the lowest level to capture ({@link Level#FINE} for {@code DEBUG})
   * @return the capture; close it to restore the logger
   */
  public static LogCapture of(String name, Level level) {
    return new LogCapture(Logger.getLogger(name), level);
  }

  /**
   * The records captured so far, oldest first.
   *
   * @return a live, thread-safe view
   */
  public List<LogRecord> records() {
    return records;
  }

  /**
   * The captured records' formatted messages, oldest first.
   *
   * @return a snapshot
   */
  public List<String> messages() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previousLevel);
    logger.setUseParentHandlers(previousParents);
  }
}
