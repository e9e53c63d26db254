package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.PrintStream;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.ClockDisplayProvider;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.DeviceException;

/**
 * A four-module LED panel simulated in the terminal: the real MAX7219 driver feeds a
 * {@link Max7219Simulator}, and whenever the LEDs change the panel is printed in block
 * characters, redrawn in place with ANSI cursor movement if asked. For running the clock
 * without hardware. Not thread-safe.
 */
public final class TerminalClockDisplay extends SimulatedPanelDisplay {
  private final PrintStream out;
  private final boolean ansi;
  private String shown;

  private TerminalClockDisplay(PrintStream out, boolean ansi) {
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
    return new TerminalClockDisplay(checkNotNull(out, "out"), ansi);
  }

  @Override
  void render() {
    String text = panel().toBlockText();
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
      return DeviceConfig.read(config, c -> create(System.out, c.bool("ansi", true)), "ansi");
    }
  }
}
