package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.LocalTime;
import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Frame;
import org.ntpclock.rtc.SpiBus;

/**
 * A {@link ClockDisplay} on a MAX7219 cascade: frames go through the driver's framebuffer (only
 * changed rows are sent), the time through {@link ClockFace} (which needs four modules, 32×8),
 * brightness is the MAX7219 intensity 0..15, power is its shutdown mode. Not thread-safe.
 */
public final class LedMatrixClockDisplay implements ClockDisplay {
  private final Max7219Cascade cascade;
  private final SpiBus bus;
  private final ClockFace face;
  private int brightness;

  private LedMatrixClockDisplay(Max7219Cascade cascade, SpiBus bus, ClockFace face, int brightness) {
    this.cascade = cascade;
    this.bus = bus;
    this.face = face;
    this.brightness = brightness;
  }

  /**
   * Initializes the chain and returns the display, blank and on.
   *
   * @param bus the SPI bus
   * @param layout the panel layout
   * @param face the clock face; its size must match the panel to use {@link #showTime}
   * @param brightness initial intensity 0..15
   * @return the display
   * @throws DeviceException BUS_ERROR if initialization fails
   */
  public static LedMatrixClockDisplay open(SpiBus bus, PanelLayout layout, ClockFace face, int brightness) throws DeviceException {
    checkNotNull(face, "face");
    Max7219Cascade cascade = Max7219Cascade.create(bus, layout);
    try {
      cascade.init(brightness);
    } catch (BusException e) {
      throw busError("initialization", e);
    }
    return new LedMatrixClockDisplay(cascade, bus, face, brightness);
  }

  @Override
  public int width() {
    return cascade.layout().width();
  }

  @Override
  public int height() {
    return 8;
  }

  @Override
  public void show(Frame frame) throws DeviceException {
    try {
      cascade.show(frame);
    } catch (BusException e) {
      throw busError("frame", e);
    }
  }

  /**
   * Shows the time on the clock face.
   *
   * @param time the local time
   * @throws DeviceException BUS_ERROR if the update fails
   * @throws IllegalArgumentException if the panel is not 32×8
   */
  @Override
  public void showTime(LocalTime time) throws DeviceException {
    checkArgument(width() == ClockFace.WIDTH, "the clock face needs a %s-pixel panel, this one is %s", ClockFace.WIDTH, width());
    show(face.render(time));
  }

  @Override
  public int maxBrightness() {
    return Max7219Cascade.MAX_INTENSITY;
  }

  /**
   * The current brightness.
   *
   * @return 0..15
   */
  public int brightness() {
    return brightness;
  }

  @Override
  public void setBrightness(int level) throws DeviceException {
    checkArgument(level >= 0 && level <= Max7219Cascade.MAX_INTENSITY, "brightness out of range 0..15: %s", level);
    if (level == brightness) {
      return;
    }
    try {
      cascade.setIntensity(level);
    } catch (BusException e) {
      throw busError("intensity", e);
    }
    brightness = level;
  }

  @Override
  public void setPowered(boolean on) throws DeviceException {
    try {
      cascade.setShutdown(!on);
    } catch (BusException e) {
      throw busError("shutdown", e);
    }
  }

  /**
   * The underlying driver, for display test and single-chip writes.
   *
   * @return the driver
   */
  public Max7219Cascade cascade() {
    return cascade;
  }

  @Override
  public void close() {
    bus.close();
  }

  private static DeviceException busError(String what, BusException e) {
    return new DeviceException(DeviceException.Reason.BUS_ERROR, "MAX7219 " + what + " failed: " + e.getMessage(), e);
  }
}
