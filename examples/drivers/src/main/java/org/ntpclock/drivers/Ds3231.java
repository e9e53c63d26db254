package org.ntpclock.drivers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static org.ntpclock.drivers.Ds3231Registers.*;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.RealTimeClock;
import org.ntpclock.rtc.RegisterBus;
import org.ntpclock.rtc.DeviceException;
import org.ntpclock.rtc.RtcReading;
import org.ntpclock.rtc.Temperature;

/**
 * A driver for the Maxim DS3231 temperature-compensated real-time clock (I2C address 0x68),
 * keeping UTC in its registers.
 *
 * <ul>
 *   <li><b>Reading</b> is one burst of all 19 registers 0x00–0x12: the chip copies its counters
 *       into the read buffer at the START, so the seven time registers, the oscillator-stop flag
 *       and the temperature come from one instant and cannot tear across a second rollover (six
 *       single-register reads can: 23:59:59 then 00 minutes reads as 00:00:59 of the wrong day).
 *       Control bits are masked before BCD decoding; both 12- and 24-hour modes decode.
 *   <li><b>Validity</b>: OSF (status bit 7) set means the oscillator stopped since the time was
 *       last set; the reading is then {@link RtcReading.Validity#OSCILLATOR_STOPPED}.
 *   <li><b>Range</b>: years 00–99 are 2000–2099 (the chip's leap-year rule is right only there);
 *       a set century bit means the counter rolled past 2099 and reads as
 *       {@link DeviceException.Reason#OUT_OF_RANGE}; setting outside 2000..2099 is refused the same
 *       way instead of writing garbage BCD.
 *   <li><b>Setting</b> is one burst write of 0x00–0x06 (writing the seconds resets the countdown
 *       chain, so the rest must follow in the same transaction), always in 24-hour mode with the
 *       century bit clear and the ISO day of week (Monday = 1); then EOSC is cleared (keep time on
 *       battery) and only then OSF.
 *   <li><b>Errors</b>: bus failures are retried under the {@link RetryPolicy}, then surface as
 *       {@link DeviceException.Reason#BUS_ERROR} with the {@link BusException} as cause.
 * </ul>
 *
 * <p>Not thread-safe: one thread (or {@link org.ntpclock.rtc.source.RtcTimeSource}) at a time.
 */
public final class Ds3231 implements RealTimeClock {
  /** The fixed I2C address. */
  public static final int I2C_ADDRESS = 0x68;
  /** The earliest time the driver sets or reads. */
  public static final Instant MIN = Instant.parse("2000-01-01T00:00:00Z");
  /** The latest time the driver sets or reads. */
  public static final Instant MAX = Instant.parse("2099-12-31T23:59:59Z");

  /** Square-wave frequencies selected by RS2 and RS1. */
  public enum SquareWave {
    /** 1 Hz: RS2 = RS1 = 0; the edge source for {@link org.ntpclock.rtc.source.EdgeDrivenRtcTimeSource}. */
    HZ_1(0),
    /** 1.024 kHz: RS1. */
    HZ_1024(CONTROL_RS1),
    /** 4.096 kHz: RS2. */
    HZ_4096(CONTROL_RS2),
    /** 8.192 kHz: RS2 and RS1, the power-on value. */
    HZ_8192(CONTROL_RS2 | CONTROL_RS1);

    private final int bits;

    SquareWave(int bits) {
      this.bits = bits;
    }
  }

  private static final int CONVERSION_POLLS = 50;
  private static final Duration CONVERSION_POLL_INTERVAL = Duration.ofMillis(10);

  private final RegisterBus bus;
  private final RetryPolicy retry;

  private Ds3231(RegisterBus bus, RetryPolicy retry) {
    this.bus = bus;
    this.retry = retry;
  }

  /**
   * A driver with {@link RetryPolicy#defaults()}.
   *
   * @param bus the chip's register bus
   * @return the driver; nothing is sent until the first call
   */
  public static Ds3231 create(RegisterBus bus) {
    return create(bus, RetryPolicy.defaults());
  }

  /**
   * A driver with an explicit retry policy.
   *
   * @param bus the chip's register bus
   * @param retry how to retry failed transactions
   * @return the driver; nothing is sent until the first call
   */
  public static Ds3231 create(RegisterBus bus, RetryPolicy retry) {
    return new Ds3231(checkNotNull(bus, "bus"), checkNotNull(retry, "retry"));
  }

  /**
   * The register bus the driver talks to: a {@link Ds3231Simulator} when the chip is simulated, so
   * tests and demos can reach the chip behind a clock opened by name.
   *
   * @return the bus
   */
  public RegisterBus bus() {
    return bus;
  }

  @Override
  public RtcReading read() throws DeviceException {
    byte[] regs = new byte[COUNT];
    call("read registers 0x00-0x12", () -> {
      bus.read(SECONDS, regs, 0, COUNT);
      return null;
    });
    Instant time = decodeTime(regs);
    RtcReading.Validity validity = (regs[STATUS] & STATUS_OSF) != 0
        ? RtcReading.Validity.OSCILLATOR_STOPPED : RtcReading.Validity.VALID;
    return new RtcReading(time, validity, Optional.of(decodeTemperature(regs[TEMP_MSB], regs[TEMP_LSB])));
  }

  /**
   * Decodes registers 0x00–0x06 (from {@code regs[0]}) into UTC.
   *
   * @throws DeviceException TIME_INVALID for bad BCD or an impossible date, OUT_OF_RANGE for a set
   *     century bit
   */
  static Instant decodeTime(byte[] regs) throws DeviceException {
    int seconds = Bcd.decode(regs[SECONDS] & 0x7F);
    int minutes = Bcd.decode(regs[MINUTES] & 0x7F);
    int hourReg = regs[HOURS] & 0xFF;
    int hours;
    if ((hourReg & HOURS_12H) != 0) {
      int h12 = Bcd.decode(hourReg & 0x1F);
      hours = h12 < 1 || h12 > 12 ? -1 : h12 % 12 + ((hourReg & HOURS_PM) != 0 ? 12 : 0);
    } else {
      hours = Bcd.decode(hourReg & 0x3F);
    }
    int date = Bcd.decode(regs[DATE] & 0x3F);
    int month = Bcd.decode(regs[MONTH] & 0x1F);
    int year = Bcd.decode(regs[YEAR] & 0xFF);
    if ((regs[MONTH] & MONTH_CENTURY) != 0) {
      throw new DeviceException(DeviceException.Reason.OUT_OF_RANGE, "century bit set: the clock rolled past 2099-12-31");
    }
    try {
      if (seconds < 0 || minutes < 0 || hours < 0 || date < 0 || month < 0 || year < 0) {
        throw new DateTimeException("bad BCD");
      }
      return LocalDateTime.of(2000 + year, month, date, hours, minutes, seconds).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new DeviceException(DeviceException.Reason.TIME_INVALID,
          String.format("registers 0x00-0x06 hold no valid time: %02x %02x %02x %02x %02x %02x %02x",
              regs[0], regs[1], regs[2], regs[3], regs[4], regs[5], regs[6]), e);
    }
  }

  /**
   * Encodes a UTC time into registers 0x00–0x06, 24-hour mode, century bit clear.
   *
   * @throws DeviceException OUT_OF_RANGE outside 2000..2099
   */
  static byte[] encodeTime(Instant time) throws DeviceException {
    checkNotNull(time, "time");
    if (time.isBefore(MIN) || time.isAfter(MAX.plusNanos(999_999_999))) {
      throw new DeviceException(DeviceException.Reason.OUT_OF_RANGE, time + " is outside the DS3231's 2000-01-01 .. 2099-12-31");
    }
    LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    return new byte[] {
      (byte) Bcd.encode(t.getSecond()),
      (byte) Bcd.encode(t.getMinute()),
      (byte) Bcd.encode(t.getHour()),
      (byte) t.getDayOfWeek().getValue(),
      (byte) Bcd.encode(t.getDayOfMonth()),
      (byte) Bcd.encode(t.getMonthValue()),
      (byte) Bcd.encode(t.getYear() - 2000),
    };
  }

  static Temperature decodeTemperature(byte msb, byte lsb) {
    // 10-bit two's complement in quarter degrees: MSB is the signed integer part, LSB bits 7-6 the quarters.
    return Temperature.ofQuarterCelsius((msb << 2) | ((lsb & 0xFF) >>> 6));
  }

  /**
   * Sets the time (sub-second part dropped), enables the oscillator on battery and clears OSF.
   *
   * @param time the new time, 2000-01-01T00:00:00Z .. 2099-12-31T23:59:59Z
   * @throws DeviceException OUT_OF_RANGE outside that range, BUS_ERROR if the bus fails
   */
  @Override
  public void set(Instant time) throws DeviceException {
    byte[] regs = encodeTime(time);
    call("write registers 0x00-0x06", () -> {
      bus.write(SECONDS, regs, 0, regs.length);
      return null;
    });
    updateControl(CONTROL_EOSC, 0);
    clearOscillatorStopFlag();
  }

  @Override
  public Duration resolution() {
    return Duration.ofSeconds(1);
  }

  /**
   * Whether OSF is set.
   *
   * @return true if the oscillator stopped since OSF was last cleared
   * @throws DeviceException BUS_ERROR if the bus fails
   */
  public boolean isOscillatorStopped() throws DeviceException {
    return (readRegister(STATUS) & STATUS_OSF) != 0;
  }

  /**
   * Clears OSF (only; the alarm flags are written back as 1, which leaves them unchanged).
   * Call it only after setting a valid time; {@link #set(Instant)} does.
   *
   * @throws DeviceException BUS_ERROR if the bus fails
   */
  public void clearOscillatorStopFlag() throws DeviceException {
    int status = readRegister(STATUS);
    if ((status & STATUS_OSF) != 0) {
      writeRegister(STATUS, status & ~STATUS_OSF | STATUS_A1F | STATUS_A2F);
    }
  }

  /**
   * Outputs a square wave on INT/SQW: INTCN = 0 and the rate bits; with {@code onBattery} also
   * BBSQW (the wave keeps running on VBAT, at the battery's cost).
   *
   * @param rate the frequency; {@link SquareWave#HZ_1} for second edges
   * @param onBattery whether to keep it running on battery
   * @throws DeviceException BUS_ERROR if the bus fails
   */
  public void enableSquareWave(SquareWave rate, boolean onBattery) throws DeviceException {
    checkNotNull(rate, "rate");
    updateControl(CONTROL_INTCN | CONTROL_RS2 | CONTROL_RS1 | CONTROL_BBSQW, rate.bits | (onBattery ? CONTROL_BBSQW : 0));
  }

  /**
   * Stops the square wave: INTCN = 1 (the pin becomes the alarm interrupt) and BBSQW = 0.
   *
   * @throws DeviceException BUS_ERROR if the bus fails
   */
  public void disableSquareWave() throws DeviceException {
    updateControl(CONTROL_INTCN | CONTROL_BBSQW, CONTROL_INTCN);
  }

  /**
   * Chooses whether the oscillator runs on battery (EOSC, active low). Stopping it saves the
   * battery in storage but sets OSF: the time is lost.
   *
   * @param run true to keep time on battery (EOSC = 0)
   * @throws DeviceException BUS_ERROR if the bus fails
   */
  public void setOscillatorOnBattery(boolean run) throws DeviceException {
    updateControl(CONTROL_EOSC, run ? 0 : CONTROL_EOSC);
  }

  /**
   * The aging offset.
   *
   * @return -128..127; positive adds capacitance and slows the clock (about 0.1 ppm per step at 25 °C)
   * @throws DeviceException BUS_ERROR if the bus fails
   */
  public int agingOffset() throws DeviceException {
    return (byte) readRegister(AGING);
  }

  /**
   * Sets the aging offset; it takes effect at the next temperature conversion (within 64 s, or
   * force one with {@link #convertTemperature()}).
   *
   * @param offset -128..127
   * @throws DeviceException BUS_ERROR if the bus fails
   * @throws IllegalArgumentException if out of range
   */
  public void setAgingOffset(int offset) throws DeviceException {
    checkArgument(offset >= -128 && offset <= 127, "aging offset out of range -128..127: %s", offset);
    writeRegister(AGING, offset & 0xFF);
  }

  /**
   * The last converted temperature (the chip converts every 64 s).
   *
   * @return the temperature, 0.25 °C resolution
   * @throws DeviceException BUS_ERROR if the bus fails
   */
  public Temperature temperature() throws DeviceException {
    byte[] t = new byte[2];
    call("read temperature", () -> {
      bus.read(TEMP_MSB, t, 0, 2);
      return null;
    });
    return decodeTemperature(t[0], t[1]);
  }

  /**
   * Forces a temperature conversion (which also applies the aging offset): waits for BSY to clear,
   * sets CONV, waits for CONV to clear, reads the result. Polls every 10 ms, at most 50 times each.
   *
   * @return the new temperature
   * @throws DeviceException BUS_ERROR if the bus fails or the conversion does not finish
   */
  public Temperature convertTemperature() throws DeviceException {
    waitUntilClear(STATUS, STATUS_BSY, "BSY");
    updateControl(CONTROL_CONV, CONTROL_CONV);
    waitUntilClear(CONTROL, CONTROL_CONV, "CONV");
    return temperature();
  }

  /**
   * The control register, for diagnostics.
   *
   * @return 0..255
   * @throws DeviceException BUS_ERROR if the bus fails
   */
  public int readControl() throws DeviceException {
    return readRegister(CONTROL);
  }

  /**
   * The status register, for diagnostics.
   *
   * @return 0..255
   * @throws DeviceException BUS_ERROR if the bus fails
   */
  public int readStatus() throws DeviceException {
    return readRegister(STATUS);
  }

  private void waitUntilClear(int register, int mask, String name) throws DeviceException {
    for (int i = 0; i < CONVERSION_POLLS; i++) {
      if ((readRegister(register) & mask) == 0) {
        return;
      }
      try {
        retry.sleeper().sleep(CONVERSION_POLL_INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeviceException(DeviceException.Reason.BUS_ERROR, "interrupted waiting for " + name, e);
      }
    }
    throw new DeviceException(DeviceException.Reason.BUS_ERROR, name + " still set after " + CONVERSION_POLLS + " polls");
  }

  /** Read-modify-write of CONTROL: bits in {@code mask} take their value from {@code bits}. */
  private void updateControl(int mask, int bits) throws DeviceException {
    int control = readRegister(CONTROL);
    int updated = control & ~mask | bits & mask;
    if (updated != control) {
      writeRegister(CONTROL, updated);
    }
  }

  private int readRegister(int register) throws DeviceException {
    return call("read register 0x" + Integer.toHexString(register), () -> bus.readByte(register));
  }

  private void writeRegister(int register, int value) throws DeviceException {
    call("write register 0x" + Integer.toHexString(register), () -> {
      bus.writeByte(register, value);
      return null;
    });
  }

  private <T> T call(String what, RetryPolicy.Call<T> call) throws DeviceException {
    try {
      return retry.run(call);
    } catch (BusException e) {
      throw new DeviceException(DeviceException.Reason.BUS_ERROR, "DS3231: " + what + " failed: " + e.getMessage(), e);
    }
  }

  /** Closes the bus. */
  @Override
  public void close() {
    bus.close();
  }

  @Override
  public String toString() {
    return "Ds3231[" + bus + "]";
  }
}
