package org.ntpclock.drivers.diozero;

import com.diozero.api.RuntimeIOException;
import org.ntpclock.rtc.BusException;

/** Maps diozero's unchecked errors (carrying a Linux errno when known) to typed bus errors. */
final class DiozeroErrors {
  private static final int ENXIO = 6;
  private static final int EIO = 5;
  private static final int ETIMEDOUT = 110;
  private static final int EREMOTEIO = 121;

  private DiozeroErrors() {}

  static BusException translate(String what, RuntimeIOException e) {
    return new BusException(reasonOf(e.getError()), what + " failed: " + e.getMessage(), e);
  }

  static BusException.Reason reasonOf(int errno) {
    switch (Math.abs(errno)) {
      case ENXIO:
      case EREMOTEIO:
        return BusException.Reason.NO_ACKNOWLEDGE; // how i2c-dev reports a NACK
      case ETIMEDOUT:
        return BusException.Reason.TIMEOUT;
      case EIO:
      default:
        return BusException.Reason.IO_ERROR;
    }
  }
}
