package org.ntpclock.examples.app;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.ntpclock.core.TimeSource;

/**
 * The running NTP clock: the time source, the HTTP server and (when configured) the display loop.
 * Each network service runs on threads of its own; {@link #close()} stops everything and is safe
 * to call twice (Ctrl-C's shutdown hook and the command's own exit path may both call it).
 */
public final class NtpClock implements AutoCloseable {
  private final TimeSource source;
  private final TimeHttpServer http;
  private final List<AutoCloseable> resources;
  private boolean closed;

  private NtpClock(TimeSource source, TimeHttpServer http, List<AutoCloseable> resources) {
    this.source = source;
    this.http = http;
    this.resources = resources;
  }

  /**
   * Starts the clock's services.
   *
   * @param source the clock's time source
   * @param httpAddress where the HTTP server listens (port 0 picks one)
   * @param fields how the HTTP server formats readings
   * @return the running clock
   * @throws UncheckedIOException if a socket cannot be bound
   */
  public static NtpClock start(TimeSource source, InetSocketAddress httpAddress, TimeFields fields) {
    checkNotNull(source, "source");
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      TimeHttpServer http = TimeHttpServer.start(httpAddress, source, fields);
      resources.add(http);
      return new NtpClock(source, http, resources);
    } catch (IOException e) {
      closeAll(resources);
      throw new UncheckedIOException("cannot listen on " + httpAddress + ": " + e.getMessage(), e);
    }
  }

  /**
   * The time source the clock serves.
   *
   * @return the source
   */
  public TimeSource source() {
    return source;
  }

  /**
   * The HTTP server's bound address.
   *
   * @return the address with the actual port
   */
  public InetSocketAddress httpAddress() {
    return http.address();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    // Reverse start order: the display last, so it shows the time until the very end.
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // Keep closing the rest; a failed close must not leave other sockets open.
      }
    }
  }
}
