package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.PrintStream;
import java.time.LocalTime;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.ClockDisplayProvider;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Frame;

/**
 * A four-module LED panel simulated in the terminal: the real MAX7219 driver feeds a
 * {@link Max7219Simulator}, and whenever the LEDs change the panel is printed in block
 * characters, redrawn in place with ANSI cursor movement if asked. For running the clock
 * without hardware. Not thread-safe.
 */
public final class TerminalClockDisplay implements ClockDisplay {
  private final LedMatrixClockDisplay display;
  private final Max7219Simulator panel;
  private final PrintStream out;
  private final boolean ansi;
  private String shown;

  private TerminalClockDisplay(LedMatrixClockDisplay display, Max7219Simulator panel, PrintStream out, boolean ansi) {
    this.display = display;
    this.panel = panel;
    this.out = out;
    this.ansi = ansi;
  }

  /**
   * A panel printing to {@code out}.
   *
   * @param out where to print
   * @param ansi whether to redraw in place (cursor up 8 lines) instead of printing below
   * @return the display, blank
   */
  public static TerminalClockDisplay create(PrintStream out, boolean ansi) {
    checkNotNull(out, "out");
    PanelLayout layout = PanelLayout.fc16(4);
    Max7219Simulator panel = Max7219Simulator.create(layout);
    try {
      return new TerminalClockDisplay(LedMatrixClockDisplay.open(panel, layout, ClockFace.standard(), 4), panel, out, ansi);
    } catch (DeviceException e) {
      throw new AssertionError("the simulator does not fail unless told to", e);
    }
  }

  /**
   * The simulated panel, to inspect or render as a PNG.
   *
   * @return the simulator
   */
  public Max7219Simulator panel() {
    return panel;
  }

  @Override
  public int width() {
    return display.width();
  }

  @Override
  public int height() {
    return display.height();
  }

  @Override
  public void show(Frame frame) throws DeviceException {
    display.show(frame);
    print();
  }

  @Override
  public void showTime(LocalTime time) throws DeviceException {
    display.showTime(time);
    print();
  }

  @Override
  public int maxBrightness() {
    return display.maxBrightness();
  }

  @Override
  public void setBrightness(int level) throws DeviceException {
    display.setBrightness(level);
  }

  @Override
  public void setPowered(boolean on) throws DeviceException {
    display.setPowered(on);
    print();
  }

  private void print() {
    String text = panel.toBlockText();
    if (text.equals(shown)) {
      return;
    }
    if (ansi && shown != null) {
      out.print("\u001B[8A\r");
    }
    out.println(text);
    out.flush();
    shown = text;
  }

  /** Provides {@code "terminal"}: a simulated panel on standard output; {@code ansi=true|false}. */
  public static final class Provider implements ClockDisplayProvider {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {}

    @Override
    public String name() {
      return "terminal";
    }

    @Override
    public String description() {
      return "a simulated 32x8 MAX7219 panel printed on standard output; ansi=true";
    }

    @Override
    public ClockDisplay open(String config) throws DeviceException {
      try {
        DeviceConfig c = DeviceConfig.parse(config);
        c.checkKeys("ansi");
        return create(System.out, c.bool("ansi", true));
      } catch (IllegalArgumentException e) {
        throw new DeviceException(DeviceException.Reason.CONFIGURATION, e.getMessage(), e);
      }
    }
  }
}
