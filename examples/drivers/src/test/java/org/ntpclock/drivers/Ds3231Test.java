package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ntpclock.drivers.Ds3231Registers.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ntpclock.drivers.Ds3231Simulator.Kind;
import org.ntpclock.drivers.Ds3231Simulator.Power;
import org.ntpclock.drivers.Ds3231Simulator.Transaction;
import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.RegisterBus;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.rtc.Temperature;

/** The DS3231 driver against the simulator: every register bit the driver reads or writes. */
class Ds3231Test {
  ManualTicker ticker;
  Ds3231Simulator chip;
  RecordingSleeper sleeper;
  Ds3231 rtc;

  @BeforeEach
  void setUp() {
    ticker = new ManualTicker();
    chip = Ds3231Simulator.create(ticker);
    sleeper = new RecordingSleeper();
    rtc = Ds3231.create(chip, new RetryPolicy(3, Duration.ofMillis(5), sleeper));
  }

  static Instant utc(String text) {
    return Instant.parse(text);
  }

  static DeviceException.Reason reasonOf(ThrowingCall call) {
    try {
      call.run();
    } catch (DeviceException e) {
      return e.reason();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no exception");
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void firstPowerUpReadsAsOscillatorStopped() throws Exception {
    RtcReading r = rtc.read();
    assertThat(r.time()).isEqualTo(utc("2000-01-01T00:00:00Z"));
    assertThat(r.validity()).isEqualTo(RtcReading.Validity.OSCILLATOR_STOPPED);
    assertThat(r.isTrusted()).isFalse();
    assertThat(rtc.isOscillatorStopped()).isTrue();
    assertThat(chip.peek(CONTROL)).isEqualTo(0x1C);
    assertThat(chip.peek(STATUS)).isEqualTo(0x88);
  }

  @Test
  void readIsOneBurstOfAllRegisters() throws Exception {
    chip.clearTransactions();
    rtc.read();
    assertThat(chip.transactions()).containsExactly(new Transaction(Kind.READ, 0x00, 19));
  }

  @Test
  void setWritesOneBurstInBcd24HourThenClearsEoscAndOsf() throws Exception {
    chip.poke(CONTROL, 0x1C | CONTROL_EOSC);
    chip.poke(STATUS, STATUS_OSF | STATUS_EN32KHZ | STATUS_A1F);
    chip.clearTransactions();
    rtc.set(utc("2026-11-21T19:58:47.750Z")); // a Saturday; sub-second dropped
    List<Transaction> t = chip.transactions();
    assertThat(t.get(0)).isEqualTo(new Transaction(Kind.WRITE, 0x00, 7));
    assertThat(t.subList(1, t.size())).containsExactly(
        new Transaction(Kind.READ, CONTROL, 1), new Transaction(Kind.WRITE, CONTROL, 1),
        new Transaction(Kind.READ, STATUS, 1), new Transaction(Kind.WRITE, STATUS, 1));
    assertThat(new int[] {chip.peek(0), chip.peek(1), chip.peek(2), chip.peek(3), chip.peek(4), chip.peek(5), chip.peek(6)})
        .containsExactly(0x47, 0x58, 0x19, 6, 0x21, 0x11, 0x26);
    assertThat(chip.peek(CONTROL)).as("EOSC cleared, rest kept").isEqualTo(0x1C);
    assertThat(chip.peek(STATUS)).as("OSF cleared, EN32kHz and A1F kept").isEqualTo(STATUS_EN32KHZ | STATUS_A1F);
    RtcReading r = rtc.read();
    assertThat(r.time()).isEqualTo(utc("2026-11-21T19:58:47Z"));
    assertThat(r.validity()).isEqualTo(RtcReading.Validity.VALID);
  }

  @Test
  void setEncodesEveryBcdDigitAndTheDayOfWeek() throws Exception {
    rtc.set(utc("2099-12-31T23:59:59Z")); // Thursday
    assertThat(chip.peek(SECONDS)).isEqualTo(0x59);
    assertThat(chip.peek(MINUTES)).isEqualTo(0x59);
    assertThat(chip.peek(HOURS)).as("24-hour mode, 20-hour bit").isEqualTo(0x23);
    assertThat(chip.peek(DAY)).isEqualTo(4);
    assertThat(chip.peek(DATE)).isEqualTo(0x31);
    assertThat(chip.peek(MONTH)).as("century bit clear").isEqualTo(0x12);
    assertThat(chip.peek(YEAR)).isEqualTo(0x99);
    rtc.set(utc("2000-01-02T10:09:08Z")); // Sunday = 7
    assertThat(chip.peek(DAY)).isEqualTo(7);
    assertThat(chip.peek(HOURS)).as("10-hour bit").isEqualTo(0x10);
    assertThat(rtc.read().time()).isEqualTo(utc("2000-01-02T10:09:08Z"));
  }

  @Test
  void setRejectsYearsOutside2000To2099WithoutTouchingTheChip() {
    chip.clearTransactions();
    assertThat(reasonOf(() -> rtc.set(utc("1999-12-31T23:59:59Z")))).isEqualTo(DeviceException.Reason.OUT_OF_RANGE);
    assertThat(reasonOf(() -> rtc.set(utc("2100-01-01T00:00:00Z")))).isEqualTo(DeviceException.Reason.OUT_OF_RANGE);
    assertThat(reasonOf(() -> rtc.set(utc("1970-01-01T00:00:00Z")))).isEqualTo(DeviceException.Reason.OUT_OF_RANGE);
    assertThat(chip.transactions()).isEmpty();
  }

  @Test
  void decodesTwelveHourMode() throws Exception {
    rtc.set(utc("2026-03-01T00:00:00Z"));
    chip.poke(HOURS, HOURS_12H | 0x12); // 12 AM
    assertThat(rtc.read().time()).isEqualTo(utc("2026-03-01T00:00:00Z"));
    chip.poke(HOURS, HOURS_12H | HOURS_PM | 0x12); // 12 PM
    assertThat(rtc.read().time()).isEqualTo(utc("2026-03-01T12:00:00Z"));
    chip.poke(HOURS, HOURS_12H | HOURS_PM | 0x11); // 11 PM
    assertThat(rtc.read().time()).isEqualTo(utc("2026-03-01T23:00:00Z"));
    chip.poke(HOURS, HOURS_12H | 0x01); // 1 AM
    assertThat(rtc.read().time()).isEqualTo(utc("2026-03-01T01:00:00Z"));
    chip.poke(HOURS, HOURS_12H | 0x10); // 10 AM: the 10-hour bit in 12-h mode
    assertThat(rtc.read().time()).isEqualTo(utc("2026-03-01T10:00:00Z"));
    chip.poke(HOURS, HOURS_12H | 0x00); // hour 0 does not exist in 12-h mode
    assertThat(reasonOf(rtc::read)).isEqualTo(DeviceException.Reason.TIME_INVALID);
    chip.poke(HOURS, HOURS_12H | 0x13);
    assertThat(reasonOf(rtc::read)).isEqualTo(DeviceException.Reason.TIME_INVALID);
  }

  @Test
  void twelveHourModeCountsThroughMiddayAndMidnight() throws Exception {
    rtc.set(utc("2026-02-28T00:00:00Z"));
    chip.poke(HOURS, HOURS_12H | 0x11); // 11 AM
    chip.poke(MINUTES, 0x59);
    chip.poke(SECONDS, 0x59);
    ticker.advanceSeconds(1);
    assertThat(rtc.read().time()).isEqualTo(utc("2026-02-28T12:00:00Z"));
    assertThat(chip.peek(HOURS)).isEqualTo(HOURS_12H | HOURS_PM | 0x12);
    ticker.advanceSeconds(3600);
    assertThat(chip.peek(HOURS)).isEqualTo(HOURS_12H | HOURS_PM | 0x01);
    chip.poke(HOURS, HOURS_12H | HOURS_PM | 0x11); // 11 PM
    chip.poke(MINUTES, 0x59);
    chip.poke(SECONDS, 0x59);
    ticker.advanceSeconds(1);
    assertThat(chip.peek(HOURS)).isEqualTo(HOURS_12H | 0x12);
    assertThat(rtc.read().time()).isEqualTo(utc("2026-03-01T00:00:00Z"));
  }

  @Test
  void masksControlBitsAndRejectsBadBcd() throws Exception {
    rtc.set(utc("2026-07-04T05:06:07Z"));
    chip.poke(DATE, 0x1A);
    assertThat(reasonOf(rtc::read)).isEqualTo(DeviceException.Reason.TIME_INVALID);
    chip.poke(DATE, 0x31);
    chip.poke(MONTH, 0x06); // June 31st
    assertThat(reasonOf(rtc::read)).isEqualTo(DeviceException.Reason.TIME_INVALID);
    chip.poke(MONTH, 0x07);
    chip.poke(SECONDS, 0x60);
    assertThat(reasonOf(rtc::read)).isEqualTo(DeviceException.Reason.TIME_INVALID);
    chip.poke(SECONDS, 0x07);
    assertThat(rtc.read().time()).isEqualTo(utc("2026-07-31T05:06:07Z"));
  }

  @Test
  void rollsOverMonthsLeapYearsAndTheCentury() throws Exception {
    assertRollsTo("2027-04-30T23:59:59Z", "2027-05-01T00:00:00Z");
    assertRollsTo("2027-02-28T23:59:59Z", "2027-03-01T00:00:00Z");
    assertRollsTo("2028-02-28T23:59:59Z", "2028-02-29T00:00:00Z");
    assertRollsTo("2028-02-29T23:59:59Z", "2028-03-01T00:00:00Z");
    assertRollsTo("2000-02-28T23:59:59Z", "2000-02-29T00:00:00Z"); // 2000 is a leap year
    assertRollsTo("2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z");
    // Day of week: Sunday (7) wraps to Monday (1).
    rtc.set(utc("2026-11-22T23:59:59Z"));
    assertThat(chip.peek(DAY)).isEqualTo(7);
    ticker.advanceSeconds(1);
    assertThat(chip.peek(DAY)).isEqualTo(1);
  }

  private void assertRollsTo(String before, String after) throws Exception {
    rtc.set(utc(before));
    ticker.advanceMillis(999);
    assertThat(rtc.read().time()).isEqualTo(utc(before));
    ticker.advanceMillis(1);
    assertThat(rtc.read().time()).isEqualTo(utc(after));
  }

  @Test
  void centuryRolloverIsAnOverflowNotTheYear2100() throws Exception {
    rtc.set(utc("2099-12-31T23:59:59Z"));
    ticker.advanceSeconds(1);
    assertThat(chip.peek(YEAR)).isZero();
    assertThat(chip.peek(MONTH)).isEqualTo(MONTH_CENTURY | 0x01);
    assertThat(reasonOf(rtc::read)).isEqualTo(DeviceException.Reason.OUT_OF_RANGE);
    // Setting a valid time clears the century bit again.
    rtc.set(utc("2030-01-01T00:00:00Z"));
    assertThat(chip.peek(MONTH)).isEqualTo(0x01);
    assertThat(rtc.read().time()).isEqualTo(utc("2030-01-01T00:00:00Z"));
  }

  @Test
  void aBurstReadStraddlingARolloverIsConsistentWhereSingleReadsTear() throws Exception {
    rtc.set(utc("2026-12-31T23:59:59Z"));
    ticker.advanceMillis(995);
    // From here every ticker reading moves time on by 1 ms: the simulator reads it per byte.
    ticker.stepPerRead = 1_000_000;
    RtcReading burst = rtc.read();
    long afterBurst = ticker.nanos;
    assertThat(afterBurst).as("the burst took longer than the 5 ms left in the second").isGreaterThan(1_000_000_000L);
    assertThat(burst.time()).as("snapshot taken at START").isEqualTo(utc("2026-12-31T23:59:59Z"));
    assertThat(chip.peek(YEAR)).as("the counters rolled over during the burst").isEqualTo(0x27);

    // The same straddle read register by register, as Pi4J's Mcp7941xDriver does (HW-4).
    ticker.stepPerRead = 0;
    rtc.set(utc("2026-12-31T23:59:59Z"));
    ticker.advanceMillis(997);
    ticker.stepPerRead = 1_000_000;
    // Seconds and minutes transactions start before the rollover (59, 59), the rest after it
    // (00 h, 1 Jan 2027): one hour wrong, and no flag says so.
    Instant torn = readRegisterByRegister(chip);
    assertThat(torn).isEqualTo(utc("2027-01-01T00:59:59Z"))
        .isNotIn(utc("2026-12-31T23:59:59Z"), utc("2027-01-01T00:00:00Z"));
  }

  /** Six single-register transactions, then the same decoding. */
  static Instant readRegisterByRegister(RegisterBus bus) throws Exception {
    byte[] regs = new byte[7];
    for (int r = 0; r < 7; r++) {
      regs[r] = (byte) bus.readByte(r);
    }
    return Ds3231.decodeTime(regs);
  }

  @Test
  void keepsTimeOnBatteryAndRefusesTheBusMeanwhile() throws Exception {
    rtc.set(utc("2026-11-21T10:00:00Z"));
    chip.setPower(Power.BATTERY);
    assertThat(reasonOf(rtc::read)).isEqualTo(DeviceException.Reason.BUS_ERROR);
    assertThat(sleeper.sleeps).as("retried twice").hasSize(2);
    ticker.advanceSeconds(3600);
    chip.setPower(Power.VCC);
    RtcReading r = rtc.read();
    assertThat(r.time()).isEqualTo(utc("2026-11-21T11:00:00Z"));
    assertThat(r.isTrusted()).isTrue();
  }

  @Test
  void oscillatorStoppedOnBatteryByEoscSetsOsf() throws Exception {
    rtc.set(utc("2026-11-21T10:00:00Z"));
    rtc.setOscillatorOnBattery(false);
    assertThat(chip.peek(CONTROL) & CONTROL_EOSC).isEqualTo(CONTROL_EOSC);
    chip.setPower(Power.BATTERY);
    ticker.advanceSeconds(3600);
    chip.setPower(Power.VCC);
    RtcReading r = rtc.read();
    assertThat(r.time()).as("frozen while stopped").isEqualTo(utc("2026-11-21T10:00:00Z"));
    assertThat(r.validity()).isEqualTo(RtcReading.Validity.OSCILLATOR_STOPPED);
    ticker.advanceSeconds(5);
    assertThat(rtc.read().time()).as("runs again under VCC").isEqualTo(utc("2026-11-21T10:00:05Z"));
    rtc.setOscillatorOnBattery(true);
    assertThat(chip.peek(CONTROL) & CONTROL_EOSC).isZero();
    assertThat(rtc.read().isTrusted()).as("OSF stays until a time is set").isFalse();
    rtc.set(utc("2026-11-21T11:00:05Z"));
    assertThat(rtc.read().isTrusted()).isTrue();
  }

  @Test
  void totalPowerLossResetsTheChipAndSetsOsf() throws Exception {
    rtc.set(utc("2026-11-21T10:00:00Z"));
    rtc.enableSquareWave(Ds3231.SquareWave.HZ_1, true);
    rtc.setAgingOffset(7);
    chip.setPower(Power.NONE);
    ticker.advanceSeconds(86_400);
    chip.setPower(Power.VCC);
    RtcReading r = rtc.read();
    assertThat(r.validity()).isEqualTo(RtcReading.Validity.OSCILLATOR_STOPPED);
    assertThat(r.time()).isEqualTo(utc("2000-01-01T00:00:00Z"));
    assertThat(rtc.readControl()).isEqualTo(CONTROL_POWER_ON);
    assertThat(rtc.agingOffset()).isZero();
  }

  @Test
  void clearingOsfKeepsTheOtherStatusBits() throws Exception {
    chip.poke(STATUS, STATUS_OSF | STATUS_EN32KHZ | STATUS_A2F | STATUS_A1F);
    rtc.clearOscillatorStopFlag();
    assertThat(rtc.readStatus()).isEqualTo(STATUS_EN32KHZ | STATUS_A2F | STATUS_A1F);
    chip.poke(STATUS, 0);
    chip.clearTransactions();
    rtc.clearOscillatorStopFlag();
    assertThat(chip.transactions()).as("no write when OSF is already clear").containsExactly(new Transaction(Kind.READ, STATUS, 1));
  }

  @Test
  void retriesTransientBusErrorsThenSurfacesThemTyped() throws Exception {
    rtc.set(utc("2026-11-21T10:00:00Z"));
    chip.failNext(2, BusException.Reason.NO_ACKNOWLEDGE);
    assertThat(rtc.read().time()).isEqualTo(utc("2026-11-21T10:00:00Z"));
    assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(5), Duration.ofMillis(5));

    sleeper.sleeps.clear();
    chip.failNext(3, BusException.Reason.TIMEOUT);
    assertThatThrownBy(rtc::read).isInstanceOfSatisfying(DeviceException.class, e -> {
      assertThat(e.reason()).isEqualTo(DeviceException.Reason.BUS_ERROR);
      assertThat(e.getCause()).isInstanceOfSatisfying(BusException.class,
          b -> assertThat(b.reason()).isEqualTo(BusException.Reason.TIMEOUT));
    });
    assertThat(sleeper.sleeps).hasSize(2);

    sleeper.sleeps.clear();
    chip.failNext(1, BusException.Reason.CLOSED);
    assertThat(reasonOf(rtc::read)).isEqualTo(DeviceException.Reason.BUS_ERROR);
    assertThat(sleeper.sleeps).as("a closed bus is not retried").isEmpty();
    chip.failNext(0, BusException.Reason.CLOSED);
    assertThat(rtc.read().isTrusted()).isTrue();
  }

  @Test
  void retryOnInterruptStopsAndKeepsTheFlag() {
    Ds3231 interrupted = Ds3231.create(chip, new RetryPolicy(3, Duration.ofMillis(5), d -> {
      throw new InterruptedException();
    }));
    chip.failNext(1, BusException.Reason.NO_ACKNOWLEDGE);
    try {
      assertThat(reasonOf(interrupted::read)).isEqualTo(DeviceException.Reason.BUS_ERROR);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void squareWaveBits() throws Exception {
    chip.poke(CONTROL, CONTROL_POWER_ON | CONTROL_A1IE | CONTROL_A2IE);
    assertThat(chip.squareWaveHz()).as("INTCN=1 at power-on: no square wave").isZero();
    rtc.enableSquareWave(Ds3231.SquareWave.HZ_1, false);
    assertThat(rtc.readControl()).as("INTCN, RS2, RS1, BBSQW cleared; alarm enables kept").isEqualTo(CONTROL_A1IE | CONTROL_A2IE);
    assertThat(chip.squareWaveHz()).isEqualTo(1);
    chip.setPower(Power.BATTERY);
    assertThat(chip.squareWaveHz()).as("no BBSQW: stops on battery").isZero();
    chip.setPower(Power.VCC);
    rtc.enableSquareWave(Ds3231.SquareWave.HZ_1, true);
    assertThat(rtc.readControl()).isEqualTo(CONTROL_BBSQW | CONTROL_A1IE | CONTROL_A2IE);
    chip.setPower(Power.BATTERY);
    assertThat(chip.squareWaveHz()).isEqualTo(1);
    chip.setPower(Power.VCC);
    rtc.enableSquareWave(Ds3231.SquareWave.HZ_1024, false);
    assertThat(chip.squareWaveHz()).isEqualTo(1024);
    rtc.enableSquareWave(Ds3231.SquareWave.HZ_4096, false);
    assertThat(rtc.readControl() & (CONTROL_RS2 | CONTROL_RS1)).isEqualTo(CONTROL_RS2);
    assertThat(chip.squareWaveHz()).isEqualTo(4096);
    rtc.enableSquareWave(Ds3231.SquareWave.HZ_8192, false);
    assertThat(chip.squareWaveHz()).isEqualTo(8192);
    rtc.disableSquareWave();
    assertThat(rtc.readControl()).isEqualTo(CONTROL_INTCN | CONTROL_RS2 | CONTROL_RS1 | CONTROL_A1IE | CONTROL_A2IE);
    assertThat(chip.squareWaveHz()).isZero();
  }

  @Test
  void agingOffsetIsTwosComplement() throws Exception {
    rtc.setAgingOffset(-5);
    assertThat(chip.peek(AGING)).isEqualTo(0xFB);
    assertThat(rtc.agingOffset()).isEqualTo(-5);
    rtc.setAgingOffset(127);
    assertThat(rtc.agingOffset()).isEqualTo(127);
    rtc.setAgingOffset(-128);
    assertThat(chip.peek(AGING)).isEqualTo(0x80);
    assertThatThrownBy(() -> rtc.setAgingOffset(128)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rtc.setAgingOffset(-129)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void temperatureInQuarterDegrees() throws Exception {
    chip.poke(TEMP_MSB, 0x19);
    chip.poke(TEMP_LSB, 0x40);
    assertThat(rtc.temperature()).isEqualTo(Temperature.ofQuarterCelsius(101)).hasToString("25.25 °C");
    chip.poke(TEMP_MSB, 0xFF);
    chip.poke(TEMP_LSB, 0xC0);
    assertThat(rtc.temperature().toCelsius()).isEqualByComparingTo("-0.25");
    chip.poke(TEMP_MSB, 0xE7); // -25 + 0.75 = -24.25
    chip.poke(TEMP_LSB, 0xC0);
    assertThat(rtc.temperature().toCelsius()).isEqualByComparingTo("-24.25");
    assertThat(rtc.read().temperature()).contains(Temperature.ofQuarterCelsius(-97));
    chip.write(TEMP_MSB, (byte) 0x00);
    assertThat(chip.peek(TEMP_MSB)).as("read-only").isEqualTo(0xE7);
  }

  @Test
  void forcedConversionWaitsForBsyAndConv() throws Exception {
    chip.setConversionTransactions(3);
    chip.setTemperatureQuarters(100);
    chip.poke(STATUS, STATUS_BSY); // an automatic conversion is running
    sleeper.onSleep = () -> chip.poke(STATUS, chip.peek(STATUS) & ~STATUS_BSY);
    chip.setTemperatureQuarters(122); // what the next conversion measures
    Temperature t = rtc.convertTemperature();
    assertThat(t).isEqualTo(Temperature.ofQuarterCelsius(122));
    assertThat(sleeper.sleeps).isNotEmpty();
    assertThat(chip.peek(CONTROL) & CONTROL_CONV).isZero();
  }

  @Test
  void simulatorPointerAutoIncrementsAndWraps() throws Exception {
    rtc.set(utc("2026-11-21T10:00:00Z"));
    chip.poke(TEMP_MSB, 0x19);
    chip.poke(TEMP_LSB, 0x40);
    byte[] b = chip.read(TEMP_MSB, 4);
    assertThat(b).containsExactly(0x19, 0x40, 0x00, 0x00); // 0x11, 0x12, then 0x00 seconds, 0x01 minutes
    chip.write(AGING, (byte) 3, (byte) 0, (byte) 0, (byte) 0x30); // 0x10, 0x11 and 0x12 ignored, 0x00 seconds
    assertThat(chip.peek(AGING)).isEqualTo(3);
    assertThat(chip.peek(SECONDS)).isEqualTo(0x30);
    assertThatThrownBy(() -> chip.readByte(0x13)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void convertsAsLocalDateTimeInUtc() throws Exception {
    LocalDateTime t = LocalDateTime.of(2055, 6, 15, 13, 14, 15);
    rtc.set(t.toInstant(ZoneOffset.UTC));
    assertThat(LocalDateTime.ofInstant(rtc.read().time(), ZoneOffset.UTC)).isEqualTo(t);
  }
}
