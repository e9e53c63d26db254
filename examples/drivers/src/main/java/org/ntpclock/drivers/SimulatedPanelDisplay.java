package org.ntpclock.drivers;

import java.time.LocalTime;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Frame;

/**
 * A four-module FC-16 panel simulated in memory: the real MAX7219 driver feeds a
 * {@link Max7219Simulator}, and after every change the subclass renders what the LEDs show
 * somewhere a person can see it. Not thread-safe.
 */
abstract sealed class SimulatedPanelDisplay implements ClockDisplay permits TerminalClockDisplay, PngClockDisplay {
  private static final int MODULES = 4;
  private static final int INITIAL_BRIGHTNESS = 4;

  private final Max7219Simulator panel;
  private final LedMatrixClockDisplay display;

  SimulatedPanelDisplay() {
    PanelLayout layout = PanelLayout.fc16(MODULES);
    this.panel = Max7219Simulator.create(layout);
    try {
      this.display = LedMatrixClockDisplay.open(panel, layout, ClockFace.standard(), INITIAL_BRIGHTNESS);
    } catch (DeviceException e) {
      throw new AssertionError("the simulator does not fail unless told to", e);
    }
  }

  /** Shows what the panel now shows, if that changed. */
  abstract void render() throws DeviceException;

  /**
   * The simulated panel, to inspect or render as a picture.
   *
   * @return the simulator
   */
  public final Max7219Simulator panel() {
    return panel;
  }

  @Override
  public final int width() {
    return display.width();
  }

  @Override
  public final int height() {
    return display.height();
  }

  @Override
  public final void show(Frame frame) throws DeviceException {
    display.show(frame);
    render();
  }

  @Override
  public final void showTime(LocalTime time) throws DeviceException {
    display.showTime(time);
    render();
  }

  @Override
  public final int maxBrightness() {
    return display.maxBrightness();
  }

  @Override
  public final void setBrightness(int level) throws DeviceException {
    display.setBrightness(level);
    render();
  }

  @Override
  public final void setPowered(boolean on) throws DeviceException {
    display.setPowered(on);
    render();
  }

  @Override
  public void close() {
    display.close();
  }
}
