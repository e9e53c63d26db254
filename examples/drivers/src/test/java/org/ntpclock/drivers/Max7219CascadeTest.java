package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.Frame;

/** The MAX7219 cascade driver against the simulator, frame by frame. */
class Max7219CascadeTest {
  static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  PanelLayout layout = PanelLayout.fc16(4);
  Max7219Simulator panel;
  Max7219Cascade driver;

  @BeforeEach
  void setUp() {
    panel = Max7219Simulator.create(layout);
    driver = Max7219Cascade.create(panel, layout);
  }

  static List<String> hex(List<byte[]> frames) {
    return frames.stream().map(HEX::formatHex).toList();
  }

  /** Four modules, left to right; FC-16: chip 0 at the right, digit = row, D7 = leftmost column. */
  static final Frame PICTURE = Frame.parse(
      // module 0  module 1  module 2  module 3
      "#......." + "........" + "........" + ".......#",
      ".#......" + "#......." + "........" + "........",
      "........" + "........" + "........" + "........",
      "........" + "........" + "....####" + "........",
      "........" + "........" + "........" + "........",
      "........" + "........" + "........" + "........",
      "........" + "........" + "........" + "........",
      "########" + "........" + "........" + ".......#");

  @Test
  void fullCascadeFrameSequence() throws Exception {
    driver.init(8);
    // Init: display test off, scan limit 7, decode off, intensity, digits cleared, normal mode last.
    assertThat(hex(panel.frames())).containsExactly(
        "0f 00 0f 00 0f 00 0f 00",
        "0b 07 0b 07 0b 07 0b 07",
        "09 00 09 00 09 00 09 00",
        "0a 08 0a 08 0a 08 0a 08",
        "01 00 01 00 01 00 01 00",
        "02 00 02 00 02 00 02 00",
        "03 00 03 00 03 00 03 00",
        "04 00 04 00 04 00 04 00",
        "05 00 05 00 05 00 05 00",
        "06 00 06 00 06 00 06 00",
        "07 00 07 00 07 00 07 00",
        "08 00 08 00 08 00 08 00",
        "0c 01 0c 01 0c 01 0c 01");
    panel.clearFrames();

    assertThat(driver.show(PICTURE)).isEqualTo(4);
    // One frame per non-blank row; words farthest chip (leftmost module) first.
    assertThat(hex(panel.frames())).containsExactly(
        "01 80 01 00 01 00 01 01",
        "02 40 02 80 02 00 02 00",
        "04 00 04 00 04 0f 04 00",
        "08 ff 08 00 08 00 08 01");
    assertThat(panel.litFrame()).isEqualTo(PICTURE);
    assertThat(panel.digit(0, 0)).as("chip 0 is the rightmost module").isEqualTo(0x01);
    assertThat(panel.digit(3, 7)).isEqualTo(0xFF);

    // Only the changed row goes out; an unchanged picture sends nothing.
    panel.clearFrames();
    Frame changed = PICTURE.toBuilder().set(31, 2, true).build();
    assertThat(driver.show(changed)).isEqualTo(1);
    assertThat(hex(panel.frames())).containsExactly("03 00 03 00 03 00 03 01");
    assertThat(driver.show(changed)).isZero();
    assertThat(panel.frames()).hasSize(1);

    // Control registers: one frame of identical words.
    panel.clearFrames();
    driver.setIntensity(3);
    driver.setShutdown(true);
    assertThat(panel.litFrame().litCount()).as("shutdown blanks").isZero();
    driver.setDisplayTest(true);
    assertThat(panel.litFrame().litCount()).as("display test overrides shutdown").isEqualTo(256);
    driver.setDisplayTest(false);
    driver.setShutdown(false);
    assertThat(panel.litFrame()).as("registers kept through shutdown").isEqualTo(changed);
    // One chip: its word, no-ops for the others.
    driver.writeChip(2, 0x0A, 0x0F);
    assertThat(hex(panel.frames())).containsExactly(
        "0a 03 0a 03 0a 03 0a 03",
        "0c 00 0c 00 0c 00 0c 00",
        "0f 01 0f 01 0f 01 0f 01",
        "0f 00 0f 00 0f 00 0f 00",
        "0c 01 0c 01 0c 01 0c 01",
        "00 00 0a 0f 00 00 00 00");
    assertThat(new int[] {panel.intensity(0), panel.intensity(1), panel.intensity(2), panel.intensity(3)})
        .containsExactly(3, 3, 15, 3);
  }

  @Test
  void initNeverShowsPowerUpGarbage() throws Exception {
    assertThat(panel.digit(1, 4)).isEqualTo(Max7219Simulator.POWER_UP_GARBAGE);
    Max7219Simulator replay = Max7219Simulator.create(layout);
    driver.init(15);
    for (byte[] frame : panel.frames()) {
      replay.write(frame);
      assertThat(replay.litFrame().litCount()).as("blank after every init frame").isZero();
    }
    assertThat(replay.isShutdown(0)).isFalse();
    assertThat(replay.scanLimit(3)).isEqualTo(7);
    assertThat(replay.decodeMode(2)).isZero();
    assertThat(replay.intensity(1)).isEqualTo(15);
  }

  @Test
  void unpaddedWritesSpillIntoTheNextChip() throws Exception {
    // What a single-chip driver does on a cascade (HW-5): one word per frame.
    driver.init(1);
    panel.write((byte) 0x01, (byte) 0xFF);
    panel.write((byte) 0x02, (byte) 0xFF);
    assertThat(panel.digit(0, 1)).isEqualTo(0xFF);
    assertThat(panel.digit(1, 0)).as("the first word was pushed on into chip 1").isEqualTo(0xFF);
    // The padded write touches one chip only.
    driver.init(1);
    driver.writeChip(0, 0x01, 0xFF);
    driver.writeChip(0, 0x02, 0xFF);
    assertThat(panel.digit(1, 0)).isZero();
    assertThat(panel.digit(0, 0)).isEqualTo(0xFF);
  }

  @Test
  void simulatorHonoursScanLimitAndCodeB() throws Exception {
    driver.init(1);
    driver.show(Frame.builder(32, 8).fill(24, 0, 8, 8, true).build());
    driver.writeChip(0, 0x0B, 3);
    assertThat(panel.litFrame().window(24, 0, 8, 8))
        .isEqualTo(Frame.builder(8, 8).fill(0, 0, 8, 4, true).build());
    driver.writeChip(0, 0x0B, 7);
    driver.writeChip(0, 0x09, 0x01); // Code B on digit 0 only
    driver.writeChip(0, 0x01, 0x81); // '1' with the decimal point: segments DP, B, C = 0xB0
    assertThat(panel.litFrame().window(24, 0, 8, 1)).isEqualTo(Frame.parse("#.##...."));
  }

  @Test
  void orientationRotationMirrorAndChainDirection() throws Exception {
    Frame dot = Frame.parse("#.......", "........", "........", "........", "........", "........", "........", "........");
    assertThat(singleModuleFrame(PanelLayout.fc16(1), dot)).isEqualTo("01 80");
    assertThat(singleModuleFrame(PanelLayout.fc16(1).withRotation(1), dot)).isEqualTo("01 01");
    assertThat(singleModuleFrame(PanelLayout.fc16(1).withRotation(2), dot)).isEqualTo("08 01");
    assertThat(singleModuleFrame(PanelLayout.fc16(1).withRotation(3), dot)).isEqualTo("08 80");
    assertThat(singleModuleFrame(PanelLayout.fc16(1).withMirror(true, false), dot)).isEqualTo("01 01");
    assertThat(singleModuleFrame(PanelLayout.fc16(1).withMirror(false, true), dot)).isEqualTo("08 80");
    // A pixel one to the right of the corner turns with the module.
    Frame next = Frame.parse(".#......", "........", "........", "........", "........", "........", "........", "........");
    assertThat(singleModuleFrame(PanelLayout.fc16(1).withRotation(1), next)).isEqualTo("02 01");

    PanelLayout leftFirst = PanelLayout.fc16(2).withFirstChipAtRight(false);
    Max7219Simulator sim = Max7219Simulator.create(leftFirst);
    Max7219Cascade d = Max7219Cascade.create(sim, leftFirst);
    d.init(0);
    sim.clearFrames();
    d.show(Frame.builder(16, 8).set(0, 0, true).build());
    assertThat(hex(sim.frames())).containsExactly("01 00 01 80");
    assertThat(sim.digit(0, 0)).isEqualTo(0x80);
  }

  private static String singleModuleFrame(PanelLayout layout, Frame picture) throws BusException {
    Max7219Simulator sim = Max7219Simulator.create(layout);
    Max7219Cascade d = Max7219Cascade.create(sim, layout);
    d.init(0);
    sim.clearFrames();
    d.show(picture);
    assertThat(sim.litFrame()).isEqualTo(picture);
    assertThat(sim.frames()).hasSize(1);
    return HEX.formatHex(sim.frames().get(0));
  }

  @Test
  void aFailedFrameStaysDirty() throws Exception {
    driver.init(1);
    panel.failNext(1);
    assertThatThrownBy(() -> driver.show(PICTURE)).isInstanceOf(BusException.class);
    panel.clearFrames();
    assertThat(driver.flush()).isEqualTo(4);
    assertThat(panel.litFrame()).isEqualTo(PICTURE);
    driver.invalidate();
    assertThat(driver.flush()).isEqualTo(8);
  }

  @Test
  void boundsAreCheckedWithTheRightNumbers() {
    assertThatThrownBy(() -> driver.setIntensity(16)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..15");
    assertThatThrownBy(() -> driver.setIntensity(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> driver.draw(Frame.blank(8, 8))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32x8");
    assertThatThrownBy(() -> driver.draw(Frame.blank(32, 7))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> driver.writeChip(4, 1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> driver.writeChip(0, 16, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> driver.row(0, 8)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> layout.chipAt(32)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..31");
    assertThatThrownBy(() -> layout.digitAt(0, 8)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..7");
  }

  @Test
  void textRendering() throws Exception {
    driver.init(1);
    driver.show(PICTURE);
    assertThat(panel.toText().split("\n")[0]).isEqualTo("#..............................#");
    assertThat(panel.toBlockText().split("\n")[7]).isEqualTo("████████·······················█");
  }
}
