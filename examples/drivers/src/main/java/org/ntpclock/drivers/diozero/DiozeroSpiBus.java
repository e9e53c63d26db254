package org.ntpclock.drivers.diozero;

import static com.google.common.base.Preconditions.checkNotNull;

import com.diozero.api.RuntimeIOException;
import com.diozero.api.SpiDeviceInterface;
import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.SpiBus;

/** A {@link SpiBus} over a diozero SPI device: one {@code write} per frame, chip select held. */
public final class DiozeroSpiBus implements SpiBus {
  private final SpiDeviceInterface device;

  /**
   * Wraps a device.
   *
   * @param device the open device; closed by {@link #close()}
   */
  public DiozeroSpiBus(SpiDeviceInterface device) {
    this.device = checkNotNull(device, "device");
  }

  @Override
  public void write(byte[] frame, int offset, int length) throws BusException {
    SpiBus.checkFrame(frame, offset, length);
    try {
      device.write(frame, offset, length);
    } catch (RuntimeIOException e) {
      throw DiozeroErrors.translate("SPI write", e);
    }
  }

  @Override
  public void close() {
    device.close();
  }
}
