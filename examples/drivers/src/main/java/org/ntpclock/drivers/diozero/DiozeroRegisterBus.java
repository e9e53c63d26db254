package org.ntpclock.drivers.diozero;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.diozero.api.I2CDeviceInterface;
import com.diozero.api.I2CSMBusInterface;
import com.diozero.api.RuntimeIOException;
import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.RegisterBus;

/**
 * A {@link RegisterBus} over a diozero I2C device: a read is one I2C block read (register write,
 * repeated START, read), a write one I2C block write; at most 32 bytes each (SMBus block limit).
 */
public final class DiozeroRegisterBus implements RegisterBus {
  private final I2CDeviceInterface device;

  /**
   * Wraps a device.
   *
   * @param device the open device; closed by {@link #close()}
   */
  public DiozeroRegisterBus(I2CDeviceInterface device) {
    this.device = checkNotNull(device, "device");
  }

  @Override
  public void read(int register, byte[] buffer, int offset, int length) throws BusException {
    RegisterBus.checkTransfer(register, buffer, offset, length);
    checkArgument(length <= I2CSMBusInterface.MAX_I2C_BLOCK_SIZE, "at most 32 bytes per block read: %s", length);
    byte[] data = new byte[length];
    int n;
    try {
      n = device.readI2CBlockData(register, data);
    } catch (RuntimeIOException e) {
      throw DiozeroErrors.translate("I2C read", e);
    }
    if (n != length) {
      throw new BusException(BusException.Reason.SHORT_TRANSFER, "I2C read returned " + n + " of " + length + " bytes");
    }
    System.arraycopy(data, 0, buffer, offset, length);
  }

  @Override
  public void write(int register, byte[] data, int offset, int length) throws BusException {
    RegisterBus.checkTransfer(register, data, offset, length);
    checkArgument(length <= I2CSMBusInterface.MAX_I2C_BLOCK_SIZE, "at most 32 bytes per block write: %s", length);
    byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
    try {
      device.writeI2CBlockData(register, copy);
    } catch (RuntimeIOException e) {
      throw DiozeroErrors.translate("I2C write", e);
    }
  }

  @Override
  public void close() {
    device.close();
  }
}
