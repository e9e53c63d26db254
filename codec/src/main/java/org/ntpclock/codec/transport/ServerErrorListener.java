package org.ntpclock.codec.transport;

import java.net.InetSocketAddress;

/**
 * Told about every error an {@link NtpServer} worker survives, with its exception, as it happens
 * (the log gets a rate-limited share of them, the listener all). Called on the worker thread: keep
 * it short and never block; an exception it throws is ignored.
 */
@FunctionalInterface
public interface ServerErrorListener {
  /** Where in the worker the error happened. */
  enum Kind {
    /** A receive failed with an I/O error (counted in {@link ServerStats#receiveErrors()}). */
    RECEIVE,
    /** A reply could not be sent (counted in {@link ServerStats#sendErrors()}). */
    SEND,
    /**
     * Handling a request threw: a failing time source or a bug (counted in
     * {@link ServerStats#internalErrors()}).
     */
    INTERNAL
  }

  /**
   * One error.
   *
   * @param server the server's bound address
   * @param kind where it happened
   * @param error the exception; for a send that sent nothing without an exception, an
   *     {@link java.io.IOException} saying so
   */
  void onError(InetSocketAddress server, Kind kind, Throwable error);
}
