package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ntpclock.rtc.ClockDisplay;
import org.ntpclock.rtc.ClockDisplayProvider;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.Frame;

/**
 * The clock face on a simulated four-module MAX7219 panel, written as a PNG picture whenever what
 * the panel shows changes (the file is replaced atomically, so a viewer never reads half a picture).
 * Not thread-safe: one display loop drives it.
 */
public final class PngClockDisplay extends SimulatedPanelDisplay {
  /** Default LED pitch of the picture, pixels. */
  public static final int DEFAULT_PITCH = 16;

  private final Path file;
  private final int pitch;
  private Frame last;
  private int lastIntensity = -1;

  private PngClockDisplay(Path file, int pitch) {
    this.file = file;
    this.pitch = pitch;
  }

  /**
   * A display writing to the given file.
   *
   * @param file the PNG file; its directory must exist
   * @param pitch LED pitch of the picture, pixels, 4..64
   * @return the display, blank and on (nothing is written until it shows something)
   */
  public static PngClockDisplay create(Path file, int pitch) {
    checkNotNull(file, "file");
    checkArgument(pitch >= 4 && pitch <= 64, "pitch out of range 4..64: %s", pitch);
    return new PngClockDisplay(file.toAbsolutePath(), pitch);
  }

  @Override
  void render() throws DeviceException {
    Max7219Simulator panel = panel();
    Frame now = panel.litFrame();
    int intensity = panel.intensity(0);
    if (now.equals(last) && intensity == lastIntensity) {
      return;
    }
    try {
      Path tmp = Files.createTempFile(file.getParent(), ".clock-face", ".png");
      try {
        panel.writePng(tmp, pitch);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DeviceException(DeviceException.Reason.IO_ERROR, "cannot write " + file, e);
    }
    last = now;
    lastIntensity = intensity;
  }

  @Override
  public String toString() {
    return "PngClockDisplay[" + file + "]";
  }

  /** Provides {@code "png"}: the panel as a PNG picture; configuration {@code path=FILE,pitch=16}. */
  public static final class Provider implements ClockDisplayProvider {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {}

    @Override
    public String name() {
      return "png";
    }

    @Override
    public String description() {
      return "a simulated 32x8 MAX7219 panel written as a PNG picture; path=FILE,pitch=16";
    }

    @Override
    public ClockDisplay open(String config) throws DeviceException {
      PngClockDisplay display = DeviceConfig.read(config, c -> create(
          Path.of(c.get("path").orElseThrow(() -> new IllegalArgumentException("path=FILE is required"))),
          (int) c.integer("pitch", DEFAULT_PITCH, 4, 64)), "path", "pitch");
      if (display.file.getParent() == null || !Files.isDirectory(display.file.getParent())) {
        throw new DeviceException(DeviceException.Reason.CONFIGURATION, "no directory for " + display.file);
      }
      return display;
    }
  }
}
