package org.ntpclock.codec.transport;

/** Where a transport's receive timestamps (a server's T2, a client's T4) come from. */
public enum ReceiveTimestamps {
  /**
   * Read from the clock when the receiving thread gets the datagram: late by the kernel's receive
   * path and the thread's wake-up, tens of microseconds to milliseconds on an idle machine.
   */
  USER_SPACE("user space, when receive returns"),
  /**
   * The kernel's software receive stamp ({@code SO_TIMESTAMPNS}, {@code CLOCK_REALTIME}) taken when
   * the datagram arrived, carried to the time source's scale by the datagram's age.
   */
  KERNEL("kernel receive timestamps (SO_TIMESTAMPNS)");

  private final String description;

  ReceiveTimestamps(String description) {
    this.description = description;
  }

  /**
   * A short human-readable description, as {@code serve} prints it.
   *
   * @return the description
   */
  public String description() {
    return description;
  }
}
