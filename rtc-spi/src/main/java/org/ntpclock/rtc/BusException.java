package org.ntpclock.rtc;

import static org.ntpclock.core.internal.Preconditions.checkNotNull;

/**
 * A failed transaction on a {@link RegisterBus} or {@link SpiBus}. The {@link #reason()} says what
 * went wrong, so a driver can decide to retry ({@link Reason#isTransient()}) without parsing a
 * message.
 */
public final class BusException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a bus transaction failed. */
  public enum Reason {
    /** The device did not acknowledge its address or a byte (I2C NACK): absent, busy or unpowered. */
    NO_ACKNOWLEDGE(true),
    /** The transaction did not complete in time (clock stretching, a stuck bus). */
    TIMEOUT(true),
    /** The operating system or the bus adapter reported an I/O error. */
    IO_ERROR(true),
    /** Fewer bytes than requested were transferred. */
    SHORT_TRANSFER(true),
    /** The bus was closed; retrying cannot help. */
    CLOSED(false);

    private final boolean isTransient;

    Reason(boolean isTransient) {
      this.isTransient = isTransient;
    }

    /**
     * Whether retrying the same transaction may succeed.
     *
     * @return true for failures a retry can cure
     */
    public boolean isTransient() {
      return isTransient;
    }
  }

  /** Why the operation failed. */
  private final Reason reason;

  /**
   * A bus failure.
   *
   * @param reason why the transaction failed
   * @param message a human-readable detail
   */
  public BusException(Reason reason, String message) {
    super(checkNotNull(reason, "reason") + ": " + checkNotNull(message, "message"));
    this.reason = reason;
  }

  /**
   * A bus failure with an underlying cause (for example an adapter's runtime exception).
   *
   * @param reason why the transaction failed
   * @param message a human-readable detail
   * @param cause the underlying failure, or null
   */
  public BusException(Reason reason, String message, Throwable cause) {
    super(checkNotNull(reason, "reason") + ": " + checkNotNull(message, "message"), cause);
    this.reason = reason;
  }

  /**
   * Why the transaction failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
