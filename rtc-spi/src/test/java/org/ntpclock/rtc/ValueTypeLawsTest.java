package org.ntpclock.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntpclock.core.Ticker;
import org.ntpclock.epoch.LeapSecondTable;
import org.ntpclock.epoch.nmea.NmeaDecoder;
import org.ntpclock.rtc.gps.GpsException;
import org.ntpclock.rtc.gps.GpsSink;
import org.ntpclock.rtc.gps.GpsTimeSource;
import org.ntpclock.rtc.gps.GpsdReceiver;
import org.ntpclock.rtc.gps.NmeaReceiver;
import org.ntpclock.rtc.gps.PpsEvent;
import org.ntpclock.rtc.gps.SimulatedGpsReceiver;
import org.ntpclock.rtc.gps.SysfsPpsReader;
import org.ntpclock.rtc.linux.IioLightSensor;
import org.ntpclock.rtc.linux.SysfsRealTimeClock;
import org.ntpclock.rtc.source.AnchoredRtcTimeSource;
import org.ntpclock.rtc.source.EdgeDrivenRtcTimeSource;

/**
 * The rtc-spi's public types reject null arguments with a NullPointerException, before they touch a
 * device or start a thread, and its values (readings, temperatures, frames, configurations, PPS
 * events) obey the equals/hashCode laws, print what they hold and cannot be changed from outside.
 * Guava's testers reach every public method of the types listed, so a new one is covered without a
 * new test.
 */
class ValueTypeLawsTest {
  private static final Instant T = Instant.parse("2026-12-03T12:00:00Z");
  private static final Frame FRAME = Frame.parse("#..", ".#.", "..#");
  private static final GpsSink SINK = new GpsSink() {
    @Override
    public void onFix(Optional<org.ntpclock.epoch.UtcReading> utc, long tick) {}

    @Override
    public void onPpsEdge(long tick) {}

    @Override
    public void onLabeledPpsEdge(long tick, long utcSecond) {}
  };

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(Instant.class, T)
        .setDefault(Duration.class, Duration.ofMillis(100))
        .setDefault(Path.class, Path.of("/nonexistent/ntpclock-laws"))
        .setDefault(InputStream.class, new ByteArrayInputStream(new byte[0]))
        .setDefault(BigDecimal.class, BigDecimal.ONE)
        .setDefault(InetSocketAddress.class, new InetSocketAddress("127.0.0.1", 9))
        .setDefault(InstantSource.class, InstantSource.fixed(T))
        .setDefault(Ticker.class, () -> 0L)
        .setDefault(GpsSink.class, SINK)
        .setDefault(NmeaDecoder.class, NmeaDecoder.near(T))
        .setDefault(LeapSecondTable.class, LeapSecondTable.bundled())
        .setDefault(RealTimeClock.class, SystemRealTimeClock.create())
        .setDefault(Frame.class, FRAME)
        .setDefault(Temperature.class, Temperature.ofQuarterCelsius(101))
        .setDefault(String.class, "bus=1");
  }

  @Test
  void everyPublicStaticMethodRejectsNull() {
    for (Class<?> type : List.of(RtcReading.class, Temperature.class, Frame.class, DeviceConfig.class, Devices.class,
        SystemRealTimeClock.class, SysfsRealTimeClock.class, IioLightSensor.class, PpsEvent.class,
        SysfsPpsReader.class, GpsdReceiver.class, NmeaReceiver.class, GpsTimeSource.class, SimulatedGpsReceiver.class,
        AnchoredRtcTimeSource.class, EdgeDrivenRtcTimeSource.class)) {
      tester().testAllPublicStaticMethods(type);
    }
  }

  @Test
  void everyPublicConstructorRejectsNull() {
    NullPointerTester t = tester();
    t.testAllPublicConstructors(RtcReading.class);
    t.testAllPublicConstructors(PpsEvent.class);
    t.testAllPublicConstructors(GpsException.class);
    // The exceptions' cause may be null, as Throwable's own is; reason and message may not.
    for (Class<?> type : List.of(DeviceException.class, BusException.class)) {
      t.testConstructor(constructor(type, 2));
    }
    assertThatNullPointerException().isThrownBy(
        () -> new DeviceException(null, "m", new IllegalStateException()));
    assertThatNullPointerException().isThrownBy(
        () -> new DeviceException(DeviceException.Reason.values()[0], null, new IllegalStateException()));
    assertThatNullPointerException().isThrownBy(
        () -> new BusException(null, "m", new IllegalStateException()));
    assertThatNullPointerException().isThrownBy(
        () -> new BusException(BusException.Reason.values()[0], null, new IllegalStateException()));
    assertThat(new DeviceException(DeviceException.Reason.values()[0], "m", null).getCause()).isNull();
    assertThat(new BusException(BusException.Reason.values()[0], "m", null).getCause()).isNull();
  }

  private static java.lang.reflect.Constructor<?> constructor(Class<?> type, int parameters) {
    for (java.lang.reflect.Constructor<?> c : type.getConstructors()) {
      if (c.getParameterCount() == parameters) {
        return c;
      }
    }
    throw new AssertionError(type + " has no public constructor of " + parameters + " parameters");
  }

  @Test
  void everyPublicInstanceMethodOfTheValuesRejectsNull() throws Exception {
    NullPointerTester t = tester();
    t.testAllPublicInstanceMethods(RtcReading.valid(T));
    t.testAllPublicInstanceMethods(Temperature.ofMilliCelsius(-40_000));
    t.testAllPublicInstanceMethods(FRAME);
    t.testAllPublicInstanceMethods(FRAME.toBuilder());
    t.testAllPublicInstanceMethods(DeviceConfig.parse("bus=1,address=0x68"));
    t.testAllPublicInstanceMethods(new PpsEvent(T, 7));
  }

  @Test
  void everyBuilderSetterRejectsNull() throws Exception {
    // Most of the builders' durations are timeouts and limits of more than a second.
    NullPointerTester t = tester().setDefault(Duration.class, Duration.ofSeconds(2));
    Method nmeaOnly = GpsTimeSource.Builder.class.getMethod("nmeaOnly", Duration.class, Duration.class);
    Method maxLabelDelay = GpsTimeSource.Builder.class.getMethod("maxLabelDelay", Duration.class);
    t.ignore(nmeaOnly).ignore(maxLabelDelay).testAllPublicInstanceMethods(GpsTimeSource.builder(LeapSecondTable.bundled()));
    // A sentence latency and a label delay are under a second, as is the simulator's latency.
    NullPointerTester subSecond = tester();
    subSecond.testMethod(GpsTimeSource.builder(LeapSecondTable.bundled()), nmeaOnly);
    subSecond.testMethod(GpsTimeSource.builder(LeapSecondTable.bundled()), maxLabelDelay);
    t.testAllPublicInstanceMethods(AnchoredRtcTimeSource.builder(SystemRealTimeClock.create()));
    t.testAllPublicInstanceMethods(EdgeDrivenRtcTimeSource.builder(SystemRealTimeClock.create()));
    Method latency = SimulatedGpsReceiver.Builder.class.getMethod("latency", Duration.class, Duration.class);
    t.ignore(latency).testAllPublicInstanceMethods(SimulatedGpsReceiver.builder());
    subSecond.testMethod(SimulatedGpsReceiver.builder(), latency);
  }

  @Test
  void valuesObeyTheEqualsLaws() throws Exception {
    new EqualsTester()
        .addEqualityGroup(RtcReading.valid(T), new RtcReading(T, RtcReading.Validity.VALID, Optional.empty()))
        .addEqualityGroup(new RtcReading(T, RtcReading.Validity.OSCILLATOR_STOPPED, Optional.empty()))
        .addEqualityGroup(new RtcReading(T, RtcReading.Validity.VALID, Optional.of(Temperature.ofQuarterCelsius(101))))
        .addEqualityGroup(RtcReading.valid(T.plusNanos(1)))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(Temperature.ofQuarterCelsius(101), Temperature.ofMilliCelsius(25_250), new Temperature(25_250))
        .addEqualityGroup(Temperature.ofMilliCelsius(25_251))
        .addEqualityGroup(Temperature.ofMilliCelsius(-273_150))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(FRAME, Frame.parse("X00", "0X0", "00X"), Frame.blank(3, 3).toBuilder()
            .set(0, 0, true).set(1, 1, true).set(2, 2, true).build(), FRAME.toBuilder().build())
        .addEqualityGroup(Frame.blank(3, 3))
        .addEqualityGroup(Frame.blank(9, 1))
        .addEqualityGroup(Frame.blank(1, 9))
        .addEqualityGroup(FRAME.toBuilder().set(2, 2, false).build())
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(DeviceConfig.parse("bus=1,address=0x68"), DeviceConfig.parse(" bus = 1 , address = 0x68 "))
        .addEqualityGroup(DeviceConfig.parse("bus=2,address=0x68"))
        .addEqualityGroup(DeviceConfig.parse(""), DeviceConfig.parse("  "))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(new PpsEvent(T, 7), PpsEvent.parse(new PpsEvent(T, 7).format()).orElseThrow())
        .addEqualityGroup(new PpsEvent(T, 8))
        .addEqualityGroup(new PpsEvent(T.plusNanos(1), 7))
        .testEquals();
  }

  @Test
  void valuesSayWhatTheyHold() {
    assertThat(Temperature.ofQuarterCelsius(101)).hasToString("25.25 °C");
    assertThat(Temperature.ofMilliCelsius(-40_000)).hasToString("-40 °C");
    assertThat(FRAME).hasToString("Frame[3x3]\n#..\n.#.\n..#");
    assertThat(DeviceConfig.parse(" bus = 1 , address = 0x68 ")).hasToString("bus=1,address=0x68");
    assertThat(DeviceConfig.parse("")).hasToString("");
    assertThat(RtcReading.valid(T).toString()).contains(T.toString(), "VALID");
    assertThat(new PpsEvent(T, 7).toString()).contains(T.toString(), "7");
  }

  @Test
  void valuesCannotBeChangedFromOutside() {
    Frame.Builder builder = FRAME.toBuilder();
    Frame built = builder.build();
    builder.set(0, 2, true).fill(0, 0, 3, 3, true);
    assertThat(built).isEqualTo(FRAME);
    assertThat(FRAME.litCount()).isEqualTo(3);
    assertThat(FRAME.toBuilder().fill(0, 0, 3, 3, false).build().litCount()).isZero();
    assertThat(FRAME.litCount()).isEqualTo(3);
    Frame window = FRAME.window(-1, -1, 5, 5);
    assertThat(window.toText('#', '.')).isEqualTo(".....\n.#...\n..#..\n...#.\n.....");
    assertThat(FRAME.litCount()).isEqualTo(3);

    Map<String, String> map = DeviceConfig.parse("bus=1").asMap();
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> map.put("bus", "2"));
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(
        () -> DeviceConfig.parse("").asMap().put("bus", "2"));
    assertThat(DeviceConfig.parse("bus=1").get("bus")).contains("1");
  }
}
