package org.ntpclock.codec.transport;

/**
 * How an NTP server or client moves datagrams, and so where its receive timestamps come from.
 *
 * <p>{@link #JDK_CHANNEL} runs everywhere Java 17 runs; {@link #FFM} needs Linux and JDK 22 or
 * newer (the Foreign Function and Memory API) and is chosen automatically where it is available.
 */
public enum Transport {
  /**
   * JDK {@link java.nio.channels.DatagramChannel}s: the receive timestamp is read from the time
   * source when {@code receive} returns, after the thread has woken up.
   */
  JDK_CHANNEL(ReceiveTimestamps.USER_SPACE),
  /**
   * Linux sockets driven through {@code java.lang.foreign}: {@code recvmmsg}/{@code sendmmsg} in
   * batches, and the receive timestamp is the kernel's ({@code SO_TIMESTAMPNS}) stamp of the
   * datagram's arrival.
   */
  FFM(ReceiveTimestamps.KERNEL);

  private final ReceiveTimestamps receiveTimestamps;

  Transport(ReceiveTimestamps receiveTimestamps) {
    this.receiveTimestamps = receiveTimestamps;
  }

  /**
   * Where this transport's receive timestamps come from.
   *
   * @return the timestamp source
   */
  public ReceiveTimestamps receiveTimestamps() {
    return receiveTimestamps;
  }

  /**
   * Whether this transport can run in this JVM on this operating system.
   *
   * @return true for {@link #JDK_CHANNEL}; for {@link #FFM} true on Linux with JDK 22+ and the
   *     versioned classes of the multi-release jar present
   */
  public boolean isAvailable() {
    return this == JDK_CHANNEL || FfmSupport.provider() != null;
  }

  /**
   * Why this transport cannot run here.
   *
   * @return the reason, or an empty string when {@link #isAvailable()}
   */
  public String unavailableReason() {
    return this == JDK_CHANNEL ? "" : FfmSupport.unavailableReason();
  }

  /**
   * The best transport this JVM offers: {@link #FFM} where available, else {@link #JDK_CHANNEL}.
   *
   * @return the transport an automatic choice picks
   */
  public static Transport best() {
    return FFM.isAvailable() ? FFM : JDK_CHANNEL;
  }
}
