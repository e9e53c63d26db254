package org.ntpclock.drivers.diozero;

import com.diozero.api.I2CDevice;
import com.diozero.api.RuntimeIOException;
import com.diozero.api.SpiDevice;
import org.ntpclock.drivers.HardwareBuses;
import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.RegisterBus;
import org.ntpclock.rtc.SpiBus;

/** Opens diozero devices; instantiated reflectively by {@link HardwareBuses#diozero()}. */
public final class DiozeroBusFactory implements HardwareBuses.Factory {
  /** For {@link HardwareBuses}. */
  public DiozeroBusFactory() {}

  @Override
  public RegisterBus openI2c(int controller, int address) throws BusException {
    try {
      return new DiozeroRegisterBus(new I2CDevice(controller, address));
    } catch (RuntimeIOException e) {
      throw DiozeroErrors.translate("I2C open " + controller + "/0x" + Integer.toHexString(address), e);
    }
  }

  @Override
  public SpiBus openSpi(int controller, int chipSelect, int frequencyHz) throws BusException {
    try {
      return new DiozeroSpiBus(SpiDevice.builder(chipSelect).setController(controller).setFrequency(frequencyHz).build());
    } catch (RuntimeIOException e) {
      throw DiozeroErrors.translate("SPI open " + controller + "." + chipSelect, e);
    }
  }
}
