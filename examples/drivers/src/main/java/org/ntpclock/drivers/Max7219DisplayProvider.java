package org.ntpclock.drivers;

import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.ClockDisplayProvider;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.SpiBus;

/**
 * Provides {@code "max7219"}: a MAX7219 cascade on a real SPI bus through diozero, showing the
 * {@link ClockFace}. Configuration (defaults shown):
 * {@code controller=0,chipSelect=0,frequency=1000000,modules=4,intensity=4,rotation=0,
 * mirrorX=false,mirrorY=false,firstChipAtRight=true}.
 */
public final class Max7219DisplayProvider implements ClockDisplayProvider {
  /** For {@link java.util.ServiceLoader}. */
  public Max7219DisplayProvider() {}

  @Override
  public String name() {
    return "max7219";
  }

  @Override
  public String description() {
    return "MAX7219 8x8 cascade over SPI through diozero; controller=0,chipSelect=0,frequency=1000000,"
        + "modules=4,intensity=4,rotation=0,mirrorX=false,mirrorY=false,firstChipAtRight=true";
  }

  @Override
  public ClockDisplay open(String config) throws DeviceException {
    Settings set = DeviceConfig.read(config, c -> new Settings(
        (int) c.integer("controller", 0, 0, 255),
        (int) c.integer("chipSelect", 0, 0, 255),
        (int) c.integer("frequency", 1_000_000, 1_000, 10_000_000),
        (int) c.integer("intensity", 4, 0, Max7219Cascade.MAX_INTENSITY),
        new PanelLayout((int) c.integer("modules", 4, 1, 64), (int) c.integer("rotation", 0, 0, 3),
            c.bool("mirrorX", false), c.bool("mirrorY", false), c.bool("firstChipAtRight", true))),
        "controller", "chipSelect", "frequency", "modules", "intensity", "rotation", "mirrorX", "mirrorY",
        "firstChipAtRight");
    SpiBus bus;
    try {
      bus = HardwareBuses.diozero().openSpi(set.controller(), set.chipSelect(), set.frequency());
    } catch (BusException e) {
      throw new DeviceException(DeviceException.Reason.BUS_ERROR, e.getMessage(), e);
    }
    return LedMatrixClockDisplay.open(bus, set.layout(), ClockFace.standard(), set.intensity());
  }

  private record Settings(int controller, int chipSelect, int frequency, int intensity, PanelLayout layout) {}
}
