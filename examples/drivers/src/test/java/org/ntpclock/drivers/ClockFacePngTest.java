package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG rendering, and that the committed {@code docs/clock-face.png} is what the code renders. */
class ClockFacePngTest {
  static final int PITCH = ClockFacePng.PITCH;

  static int red(BufferedImage image, int ledX, int ledY) {
    // Sample the centre of the LED disc; the border is one pitch wide.
    return image.getRGB((ledX + 1) * PITCH + PITCH / 2, (ledY + 1) * PITCH + PITCH / 2) >> 16 & 0xFF;
  }

  @Test
  void litLedsAreBrightRedDiscsOnBlack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("face.png");
    Max7219Simulator panel = ClockFacePng.render(ClockFacePng.DEFAULT_TIME, ClockFacePng.DEFAULT_INTENSITY);
    panel.writePng(file, PITCH);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(34 * PITCH);
    assertThat(image.getHeight()).isEqualTo(10 * PITCH);
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).as("black board").isZero();
    assertThat(image.getRGB((4 + 1) * PITCH, (0 + 1) * PITCH) & 0xFFFFFF).as("black between LEDs").isZero();
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 32; x++) {
        if (panel.isLit(x, y)) {
          assertThat(red(image, x, y)).as("lit LED %s,%s", x, y).isGreaterThan(150);
        } else {
          assertThat(red(image, x, y)).as("dark LED %s,%s", x, y).isBetween(1, 60);
        }
      }
    }
  }

  @Test
  void brightnessFollowsIntensity() throws Exception {
    BufferedImage dim = ClockFacePng.render(ClockFacePng.DEFAULT_TIME, 0).toImage(PITCH);
    BufferedImage bright = ClockFacePng.render(ClockFacePng.DEFAULT_TIME, 15).toImage(PITCH);
    assertThat(red(dim, 0, 7)).isLessThan(red(bright, 0, 7));
  }

  @Test
  void committedPictureIsCurrent(@TempDir Path dir) throws Exception {
    Path committed = Path.of("docs/clock-face.png");
    assertThat(committed).as("run ClockFacePng to regenerate").exists();
    Path fresh = dir.resolve("fresh.png");
    ClockFacePng.main(new String[] {fresh.toString()});
    BufferedImage a = ImageIO.read(committed.toFile());
    BufferedImage b = ImageIO.read(fresh.toFile());
    assertThat(a.getWidth()).isEqualTo(b.getWidth());
    assertThat(a.getHeight()).isEqualTo(b.getHeight());
    // Compare LED centres rather than bytes: antialiasing may differ across JDKs.
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 32; x++) {
        assertThat(red(a, x, y) > 100).as("LED %s,%s", x, y).isEqualTo(red(b, x, y) > 100);
      }
    }
    assertThat(Files.size(committed)).isPositive();
  }
}
