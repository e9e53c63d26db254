package org.ntpclock.drivers;

import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RegisterBus;
import org.ntpclock.rtc.SpiBus;

/**
 * Opens real I2C and SPI buses through diozero, loading the adapters reflectively and only when
 * asked for: diozero is an optional dependency, and this class, the drivers and the simulators
 * run without it on the class path.
 */
public final class HardwareBuses {
  private static final String DIOZERO_PROBE = "com.diozero.api.I2CDevice";
  private static final String DIOZERO_FACTORY = "org.ntpclock.drivers.diozero.DiozeroBusFactory";

  private HardwareBuses() {}

  /** Opens buses of one I/O library. */
  public interface Factory {
    /**
     * Opens a register device on an I2C controller.
     *
     * @param controller the controller number (1 for {@code /dev/i2c-1} on a Raspberry Pi)
     * @param address the 7-bit device address
     * @return the bus
     * @throws BusException if the device cannot be opened
     */
    RegisterBus openI2c(int controller, int address) throws BusException;

    /**
     * Opens an SPI device.
     *
     * @param controller the controller number (0 for {@code /dev/spidev0.x})
     * @param chipSelect the chip-select line
     * @param frequencyHz the clock frequency
     * @return the bus
     * @throws BusException if the device cannot be opened
     */
    SpiBus openSpi(int controller, int chipSelect, int frequencyHz) throws BusException;
  }

  /**
   * Whether diozero is on the class path.
   *
   * @return true if its I2C API can be loaded
   */
  public static boolean isDiozeroAvailable() {
    try {
      Class.forName(DIOZERO_PROBE, false, HardwareBuses.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * The diozero bus factory.
   *
   * @return the factory
   * @throws DeviceException {@link DeviceException.Reason#CONFIGURATION} if diozero is not on the
   *     class path
   */
  public static Factory diozero() throws DeviceException {
    if (!isDiozeroAvailable()) {
      throw new DeviceException(DeviceException.Reason.CONFIGURATION,
          "diozero-core is not on the class path; add com.diozero:diozero-core to use real I2C/SPI");
    }
    try {
      return (Factory) Class.forName(DIOZERO_FACTORY).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new DeviceException(DeviceException.Reason.CONFIGURATION, "cannot load the diozero adapters: " + e, e);
    }
  }
}
