package org.ntpclock.drivers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import org.ntpclock.rtc.BusException;

/**
 * Renders the 32×8 clock face through the real driver into the MAX7219 simulator and writes what
 * the LEDs would show as a PNG: {@code examples/drivers/docs/clock-face.png} in the repository.
 *
 * <pre>java … org.ntpclock.drivers.ClockFacePng [file.png] [HH:MM:SS] [intensity]</pre>
 */
public final class ClockFacePng {
  /** The time shown in the committed picture. */
  public static final LocalTime DEFAULT_TIME = LocalTime.of(12, 34, 45);
  /** The intensity of the committed picture. */
  public static final int DEFAULT_INTENSITY = 8;
  /** Pixels per LED in the committed picture. */
  public static final int PITCH = 16;

  private ClockFacePng() {}

  /**
   * Drives a simulated four-module FC-16 panel with the driver and returns the simulator.
   *
   * @param time the time to show
   * @param intensity 0..15
   * @return the simulator holding the picture
   * @throws BusException never for the simulator; declared by the driver
   */
  public static Max7219Simulator render(LocalTime time, int intensity) throws BusException {
    PanelLayout layout = PanelLayout.fc16(4);
    Max7219Simulator panel = Max7219Simulator.create(layout);
    Max7219Cascade driver = Max7219Cascade.create(panel, layout);
    driver.init(intensity);
    driver.show(ClockFace.standard().render(time));
    return panel;
  }

  /**
   * Writes the PNG and prints the panel as text.
   *
   * @param args optional file, time and intensity
   * @throws IOException if the file cannot be written
   * @throws BusException never for the simulator
   */
  public static void main(String[] args) throws IOException, BusException {
    Path file = Path.of(args.length > 0 ? args[0] : "examples/drivers/docs/clock-face.png");
    LocalTime time = args.length > 1 ? LocalTime.parse(args[1]) : DEFAULT_TIME;
    int intensity = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_INTENSITY;
    Max7219Simulator panel = render(time, intensity);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    panel.writePng(file, PITCH);
    System.out.println(panel.toBlockText());
    System.out.println("wrote " + file.toAbsolutePath());
  }
}
