package org.ntpclock.codec.transport;

import java.util.Map;

/**
 * The JMX view of an NTP server's {@link ServerStats}, registered by {@link ServerStatsMBean} as
 * {@code org.ntpclock:type=NtpServer,port=PORT}. Every attribute is a counter since the server
 * started, read fresh from the server on each access.
 */
public interface ServerStatsMXBean {
  /**
   * The address and port the server listens on.
   *
   * @return host:port
   */
  String getLocalAddress();

  /**
   * Datagrams received.
   *
   * @return the count
   */
  long getReceived();

  /**
   * Requests answered (normal, authenticated, KoD and crypto-NAK replies).
   *
   * @return the count
   */
  long getAnswered();

  /**
   * Requests dropped, for any reason.
   *
   * @return the count
   */
  long getDropped();

  /**
   * Requests over a client's rate limit, dropped or answered with KoD RATE.
   *
   * @return the count
   */
  long getRateLimited();

  /**
   * Replies whose send failed.
   *
   * @return the count
   */
  long getSendErrors();

  /**
   * Receive calls that failed with an I/O error.
   *
   * @return the count
   */
  long getReceiveErrors();

  /**
   * Requests whose handling threw (a failing time source, a bug).
   *
   * @return the count
   */
  long getInternalErrors();

  /**
   * The count of every {@link org.ntpclock.codec.server.Verdict}, by its name.
   *
   * @return verdict name to count, every verdict present
   */
  Map<String, Long> getVerdicts();
}
