package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.Ticker;
import org.ntpclock.rtc.Frame;

/**
 * The drivers' public types reject null arguments with a NullPointerException before they touch a
 * bus or a file, and their values (panel layouts, retry policies) obey the equals/hashCode laws,
 * print what they hold and cannot be changed from outside. Guava's testers reach every public
 * method of the types listed, so a new one is covered without a new test.
 */
class ValueTypeLawsTest {
  private static final Ticker TICKER = () -> 0L;
  private static final Sleeper SLEEPER = d -> {};

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(int.class, 8)
        .setDefault(double.class, 0.5)
        .setDefault(Duration.class, Duration.ofMillis(5))
        .setDefault(Path.class, Path.of("/nonexistent/ntpclock-laws.png"))
        .setDefault(LocalTime.class, LocalTime.of(12, 34, 56))
        .setDefault(Clock.class, Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC))
        .setDefault(PrintStream.class, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .setDefault(Ticker.class, TICKER)
        .setDefault(Sleeper.class, SLEEPER)
        .setDefault(RetryPolicy.class, RetryPolicy.none())
        .setDefault(DimmingCurve.class, DimmingCurve.linear(0, 15))
        .setDefault(PanelLayout.class, PanelLayout.fc16(4))
        .setDefault(PixelFont.class, PixelFont.standard())
        .setDefault(ClockFace.class, ClockFace.standard())
        .setDefault(Frame.class, Frame.blank(32, 8))
        .setDefault(Frame.Builder.class, Frame.builder(32, 8))
        .setDefault(String.class, "12:34");
  }

  @Test
  void everyPublicStaticMethodRejectsNull() throws Exception {
    NullPointerTester t = tester()
        // the PNG tool's command line: its arguments are optional
        .ignore(ClockFacePng.class.getMethod("main", String[].class));
    for (Class<?> type : List.of(AutoDimmer.class, ClockFace.class, ClockFacePng.class, DaylightLightSensor.class,
        DimmingCurve.class, Ds3231.class, Ds3231Simulator.class, FixedLightSensor.class, HardwareBuses.class,
        LedMatrixClockDisplay.class, Max7219Cascade.class, Max7219Simulator.class, PanelLayout.class, PixelFont.class,
        PngClockDisplay.class, RetryPolicy.class, Sleeper.class, TerminalClockDisplay.class, TextScroller.class)) {
      t.testAllPublicStaticMethods(type);
    }
  }

  @Test
  void everyPublicConstructorRejectsNull() {
    tester().testAllPublicConstructors(RetryPolicy.class);
    tester().testAllPublicConstructors(PanelLayout.class);
  }

  @Test
  void everyPublicInstanceMethodRejectsNull() throws Exception {
    NullPointerTester t = tester();
    t.testAllPublicInstanceMethods(PanelLayout.fc16(4));
    t.testAllPublicInstanceMethods(RetryPolicy.defaults());
    t.testAllPublicInstanceMethods(PixelFont.standard());
    t.testAllPublicInstanceMethods(ClockFace.standard());
    t.testAllPublicInstanceMethods(AutoDimmer.create(DimmingCurve.linear(0, 15)));
    t.testAllPublicInstanceMethods(TextScroller.of(PixelFont.standard(), "12:34", 32, 8));
    Ds3231Simulator rtc = Ds3231Simulator.create(TICKER);
    t.testAllPublicInstanceMethods(rtc);
    t.testAllPublicInstanceMethods(Ds3231.create(rtc, RetryPolicy.none()));
    Max7219Simulator panel = Max7219Simulator.create(PanelLayout.fc16(4));
    t.testAllPublicInstanceMethods(panel);
    t.testAllPublicInstanceMethods(Max7219Cascade.create(panel, PanelLayout.fc16(4)));
  }

  @Test
  void valuesObeyTheEqualsLaws() {
    new EqualsTester()
        .addEqualityGroup(PanelLayout.fc16(4), new PanelLayout(4, 0, false, false, true),
            PanelLayout.fc16(4).withRotation(2).withRotation(0))
        .addEqualityGroup(PanelLayout.fc16(8))
        .addEqualityGroup(PanelLayout.fc16(4).withRotation(1))
        .addEqualityGroup(PanelLayout.fc16(4).withMirror(true, false))
        .addEqualityGroup(PanelLayout.fc16(4).withMirror(false, true))
        .addEqualityGroup(PanelLayout.fc16(4).withFirstChipAtRight(false))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(new RetryPolicy(3, Duration.ofMillis(5), SLEEPER), new RetryPolicy(3, Duration.ofMillis(5), SLEEPER))
        .addEqualityGroup(new RetryPolicy(2, Duration.ofMillis(5), SLEEPER))
        .addEqualityGroup(new RetryPolicy(3, Duration.ZERO, SLEEPER))
        .addEqualityGroup(new RetryPolicy(3, Duration.ofMillis(5), Sleeper.system()))
        .testEquals();
  }

  @Test
  void valuesSayWhatTheyHold() {
    assertThat(PanelLayout.fc16(4).toString()).contains("modules=4", "rotation=0", "firstChipAtRight=true");
    assertThat(RetryPolicy.defaults().toString()).contains("maxAttempts=3", "PT0.005S");
  }

  @Test
  void valuesCannotBeChangedFromOutside() {
    PanelLayout layout = PanelLayout.fc16(4);
    assertThat(layout.withRotation(3)).isNotSameAs(layout).extracting(PanelLayout::rotation).isEqualTo(3);
    assertThat(layout.withMirror(true, true).mirrorX()).isTrue();
    assertThat(layout).isEqualTo(PanelLayout.fc16(4));
    // A glyph handed out is a frame of its own: changing a copy leaves the font as it was.
    PixelFont font = PixelFont.standard();
    Frame one = font.glyph('1');
    font.glyph('1').toBuilder().fill(0, 0, 8, 8, true).build();
    assertThat(font.glyph('1')).isEqualTo(one);
  }
}
