package org.ntpclock.drivers;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;
import static org.ntpclock.drivers.Ds3231Registers.*;

import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.List;
import org.ntpclock.core.Ticker;
import org.ntpclock.rtc.BusException;
import org.ntpclock.rtc.RegisterBus;

/**
 * A DS3231 on a simulated I2C bus: the register file 0x00–0x12, the BCD time counters driven by an
 * injected {@link Ticker}, and the behaviour drivers depend on.
 *
 * <ul>
 *   <li><b>Transactions</b>: each {@link #read}/{@link #write} is one START…STOP. The register
 *       pointer auto-increments and wraps from 0x12 to 0x00.
 *   <li><b>Snapshot</b>: at every START, and when the pointer wraps to 0, the time registers are
 *       copied to a read buffer; a burst read returns that copy while the counters keep running
 *       (the simulator reads its ticker before every byte, so a burst can straddle a rollover and
 *       still return one consistent instant).
 *   <li><b>Counting</b>: seconds → minutes → hours (12- or 24-hour mode, as bit 6 of 0x02 says)
 *       → day of week and date → month (days per month, leap years as year % 4 == 0) → year
 *       → century bit, toggled when the year rolls 99 → 00. Writing the seconds register resets
 *       the sub-second countdown.
 *   <li><b>Power</b>: under VCC the oscillator always runs; on battery it runs unless EOSC = 1,
 *       and the bus does not answer (NACK); with neither, time is lost and the next power-up
 *       resets the registers (01/01/00, day 1, 00:00:00; control 0x1C; status 0x88, OSF set). OSF
 *       is also set when EOSC stops the oscillator on battery. The simulator starts as at first
 *       power-up.
 *   <li><b>Flags</b>: OSF, A2F and A1F are cleared by writing 0, unchanged by writing 1; BSY and
 *       the temperature registers are read-only; CONV starts a conversion that keeps CONV and BSY
 *       set for {@link #setConversionTransactions(int) a few transactions}.
 *   <li><b>Faults</b>: {@link #failNext(int, BusException.Reason)} fails the next transactions.
 * </ul>
 *
 * <p>Not thread-safe.
 */
public final class Ds3231Simulator implements RegisterBus {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Supply state. */
  public enum Power {
    /** Main supply present: the bus answers and the oscillator runs. */
    VCC,
    /** On the backup battery: no bus; the oscillator runs unless EOSC is set. */
    BATTERY,
    /** Neither: the oscillator stops and the registers are lost. */
    NONE
  }

  /** One bus transaction as the simulator saw it. */
  public enum Kind {
    /** A read transaction. */
    READ,
    /** A write transaction. */
    WRITE
  }

  /**
   * A logged transaction.
   *
   * @param kind read or write
   * @param register the first register
   * @param length bytes transferred
   */
  public record Transaction(Kind kind, int register, int length) {}

  private final Ticker ticker;
  private final int[] regs = new int[COUNT];
  private final int[] snapshot = new int[7];
  /** Most recent transactions kept; a long-running simulated clock must not grow without bound. */
  public static final int TRANSACTION_LOG_CAPACITY = 4096;

  private final ArrayDeque<Transaction> log = new ArrayDeque<>();
  private long lastTick;
  private long phaseNanos;
  private Power power = Power.VCC;
  private boolean registersLost;
  private int temperatureQuarters = 100;
  private int conversionTransactions = 2;
  private int conversionLeft;
  private int failures;
  private BusException.Reason failureReason = BusException.Reason.NO_ACKNOWLEDGE;

  private Ds3231Simulator(Ticker ticker) {
    this.ticker = ticker;
    this.lastTick = ticker.read();
    powerOnReset();
  }

  /**
   * A chip just powered up for the first time: 2000-01-01 00:00:00, OSF set.
   *
   * @param ticker drives the oscillator; read at every bus transaction and byte
   * @return the simulator
   */
  public static Ds3231Simulator create(Ticker ticker) {
    return new Ds3231Simulator(checkNotNull(ticker, "ticker"));
  }

  private void powerOnReset() {
    java.util.Arrays.fill(regs, 0);
    regs[DAY] = 1;
    regs[DATE] = 1;
    regs[MONTH] = 1;
    regs[CONTROL] = CONTROL_POWER_ON;
    regs[STATUS] = STATUS_POWER_ON;
    setTemperatureRegisters();
    phaseNanos = 0;
    registersLost = false;
  }

  @Override
  public void read(int register, byte[] buffer, int offset, int length) throws BusException {
    RegisterBus.checkTransfer(register, buffer, offset, length);
    start(Kind.READ, register, length);
    int pointer = register;
    for (int i = 0; i < length; i++) {
      advance();
      buffer[offset + i] = (byte) (pointer < 7 ? snapshot[pointer] : regs[pointer]);
      pointer = next(pointer);
    }
  }

  @Override
  public void write(int register, byte[] data, int offset, int length) throws BusException {
    RegisterBus.checkTransfer(register, data, offset, length);
    start(Kind.WRITE, register, length);
    int pointer = register;
    for (int i = 0; i < length; i++) {
      advance();
      store(pointer, data[offset + i] & 0xFF);
      pointer = next(pointer);
    }
  }

  private void start(Kind kind, int register, int length) throws BusException {
    checkArgument(register < COUNT, "no DS3231 register 0x%s", Integer.toHexString(register));
    advance();
    if (power != Power.VCC) {
      throw new BusException(BusException.Reason.NO_ACKNOWLEDGE, "DS3231 not powered (" + power + ")");
    }
    if (failures > 0) {
      failures--;
      throw new BusException(failureReason, "injected failure");
    }
    if (log.size() == TRANSACTION_LOG_CAPACITY) {
      log.removeFirst();
    }
    log.addLast(new Transaction(kind, register, length));
    if (conversionLeft > 0 && --conversionLeft == 0) {
      regs[CONTROL] &= ~CONTROL_CONV;
      regs[STATUS] &= ~STATUS_BSY;
      setTemperatureRegisters();
    }
    syncSnapshot();
  }

  private int next(int pointer) {
    if (pointer + 1 < COUNT) {
      return pointer + 1;
    }
    syncSnapshot(); // the buffer resyncs when the pointer wraps to 0
    return 0;
  }

  private void syncSnapshot() {
    System.arraycopy(regs, 0, snapshot, 0, 7);
  }

  private void store(int register, int value) {
    switch (register) {
      case SECONDS:
        regs[SECONDS] = value & 0x7F;
        phaseNanos = 0; // writing the seconds resets the countdown chain
        break;
      case STATUS:
        int flags = STATUS_OSF | STATUS_A2F | STATUS_A1F;
        regs[STATUS] = (regs[STATUS] & flags & value) | (value & STATUS_EN32KHZ) | (regs[STATUS] & STATUS_BSY);
        break;
      case CONTROL:
        boolean conv = (value & CONTROL_CONV) != 0 && (regs[CONTROL] & CONTROL_CONV) == 0;
        // CONV cannot be cleared by writing 0; it clears itself when the conversion ends.
        regs[CONTROL] = value | (regs[CONTROL] & CONTROL_CONV);
        if (conv) {
          regs[STATUS] |= STATUS_BSY;
          conversionLeft = conversionTransactions;
        }
        break;
      case TEMP_MSB:
      case TEMP_LSB:
        break; // read-only
      default:
        regs[register] = value;
    }
  }

  private boolean oscillatorRuns() {
    return power == Power.VCC || (power == Power.BATTERY && (regs[CONTROL] & CONTROL_EOSC) == 0);
  }

  /** Brings the counters up to the ticker's time. */
  private void advance() {
    long now = ticker.read();
    long elapsed = now - lastTick;
    lastTick = now;
    if (elapsed <= 0 || !oscillatorRuns()) {
      return;
    }
    phaseNanos += elapsed;
    while (phaseNanos >= NANOS_PER_SECOND) {
      phaseNanos -= NANOS_PER_SECOND;
      tickSecond();
    }
  }

  private void tickSecond() {
    int s = Bcd.decode(regs[SECONDS] & 0x7F) + 1;
    if (s < 60) {
      regs[SECONDS] = Bcd.encode(s);
      return;
    }
    regs[SECONDS] = 0;
    int m = Bcd.decode(regs[MINUTES] & 0x7F) + 1;
    if (m < 60) {
      regs[MINUTES] = Bcd.encode(m);
      return;
    }
    regs[MINUTES] = 0;
    int h = regs[HOURS];
    if ((h & HOURS_12H) != 0) {
      int h12 = Bcd.decode(h & 0x1F);
      boolean pm = (h & HOURS_PM) != 0;
      if (h12 == 12) {
        regs[HOURS] = HOURS_12H | (pm ? HOURS_PM : 0) | Bcd.encode(1);
        return;
      }
      if (h12 == 11) {
        regs[HOURS] = HOURS_12H | (pm ? 0 : HOURS_PM) | Bcd.encode(12);
        if (!pm) {
          return; // 11 AM -> 12 PM is noon
        }
      } else {
        regs[HOURS] = HOURS_12H | (pm ? HOURS_PM : 0) | Bcd.encode(h12 + 1);
        return;
      }
    } else {
      int h24 = Bcd.decode(h & 0x3F) + 1;
      if (h24 < 24) {
        regs[HOURS] = Bcd.encode(h24);
        return;
      }
      regs[HOURS] = 0;
    }
    regs[DAY] = regs[DAY] % 7 + 1;
    int year = Bcd.decode(regs[YEAR]);
    int month = Bcd.decode(regs[MONTH] & 0x1F);
    int date = Bcd.decode(regs[DATE] & 0x3F) + 1;
    if (date <= daysInMonth(month, year)) {
      regs[DATE] = Bcd.encode(date);
      return;
    }
    regs[DATE] = 1;
    int century = regs[MONTH] & MONTH_CENTURY;
    if (month < 12) {
      regs[MONTH] = century | Bcd.encode(month + 1);
      return;
    }
    if (year < 99) {
      regs[MONTH] = century | 1;
      regs[YEAR] = Bcd.encode(year + 1);
      return;
    }
    regs[MONTH] = (century ^ MONTH_CENTURY) | 1;
    regs[YEAR] = 0;
  }

  private static int daysInMonth(int month, int year) {
    switch (month) {
      case 2:
        return year % 4 == 0 ? 29 : 28;
      case 4: case 6: case 9: case 11:
        return 30;
      default:
        return 31;
    }
  }

  private void setTemperatureRegisters() {
    regs[TEMP_MSB] = (temperatureQuarters >> 2) & 0xFF;
    regs[TEMP_LSB] = (temperatureQuarters & 3) << 6;
  }

  // ---- the test bench: power, faults, direct register access ----

  /**
   * Changes the supply. Going to {@link Power#BATTERY} with EOSC set, or to {@link Power#NONE},
   * stops the oscillator and sets OSF; coming back to {@link Power#VCC} after {@link Power#NONE}
   * resets the registers as at first power-up.
   *
   * @param newPower the new supply state
   */
  public void setPower(Power newPower) {
    checkNotNull(newPower, "newPower");
    advance();
    power = newPower;
    if (newPower == Power.NONE) {
      registersLost = true;
    } else if (registersLost) {
      powerOnReset();
    }
    if (!oscillatorRuns()) {
      regs[STATUS] |= STATUS_OSF;
    }
  }

  /**
   * Sets the counters to a time, including its sub-second phase, and clears OSF, without a bus
   * transaction: a chip set perfectly at some point in the past. For years 2000..2099.
   *
   * @param time the time
   * @throws IllegalArgumentException if outside 2000..2099
   */
  public void setTime(java.time.Instant time) {
    checkArgument(!time.isBefore(Ds3231.MIN) && !time.isAfter(Ds3231.MAX.plusNanos(999_999_999)), "outside 2000..2099: %s", time);
    advance();
    java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(time, java.time.ZoneOffset.UTC);
    regs[SECONDS] = Bcd.encode(t.getSecond());
    regs[MINUTES] = Bcd.encode(t.getMinute());
    regs[HOURS] = Bcd.encode(t.getHour());
    regs[DAY] = t.getDayOfWeek().getValue();
    regs[DATE] = Bcd.encode(t.getDayOfMonth());
    regs[MONTH] = Bcd.encode(t.getMonthValue());
    regs[YEAR] = Bcd.encode(t.getYear() - 2000);
    regs[STATUS] &= ~STATUS_OSF;
    phaseNanos = t.getNano();
  }

  /**
   * The supply state.
   *
   * @return the state
   */
  public Power power() {
    return power;
  }

  /**
   * Fails the next {@code n} transactions before they touch a register.
   *
   * @param n how many, 0 or more
   * @param reason the failure reason
   */
  public void failNext(int n, BusException.Reason reason) {
    checkArgument(n >= 0, "negative count: %s", n);
    this.failures = n;
    this.failureReason = checkNotNull(reason, "reason");
  }

  /**
   * Sets the die temperature the next conversion reports (and the registers now).
   *
   * @param quarters quarter degrees Celsius, -512..511
   */
  public void setTemperatureQuarters(int quarters) {
    checkArgument(quarters >= -512 && quarters <= 511, "temperature out of the 10-bit range: %s", quarters);
    this.temperatureQuarters = quarters;
    setTemperatureRegisters();
  }

  /**
   * How many transactions a forced conversion keeps CONV and BSY set (default 2).
   *
   * @param n 1 or more
   */
  public void setConversionTransactions(int n) {
    checkArgument(n >= 1, "at least one transaction: %s", n);
    this.conversionTransactions = n;
  }

  /**
   * A register's live value without a bus transaction (the counters brought up to date first).
   *
   * @param register 0x00..0x12
   * @return 0..255
   */
  public int peek(int register) {
    checkArgument(register >= 0 && register < COUNT, "no register 0x%s", Integer.toHexString(register));
    advance();
    return regs[register];
  }

  /**
   * Stores a register value without a bus transaction or write semantics (any bits, even
   * read-only ones), to set up a scenario.
   *
   * @param register 0x00..0x12
   * @param value 0..255
   */
  public void poke(int register, int value) {
    checkArgument(register >= 0 && register < COUNT, "no register 0x%s", Integer.toHexString(register));
    checkArgument(value >= 0 && value <= 0xFF, "not a byte: %s", value);
    advance();
    regs[register] = value;
  }

  /**
   * The frequency on INT/SQW now: 0 when INTCN = 1, or on battery without BBSQW, or when the
   * oscillator is stopped.
   *
   * @return hertz
   */
  public int squareWaveHz() {
    int c = regs[CONTROL];
    if ((c & CONTROL_INTCN) != 0 || !oscillatorRuns() || power == Power.NONE
        || (power == Power.BATTERY && (c & CONTROL_BBSQW) == 0)) {
      return 0;
    }
    switch (c & (CONTROL_RS2 | CONTROL_RS1)) {
      case 0:
        return 1;
      case CONTROL_RS1:
        return 1024;
      case CONTROL_RS2:
        return 4096;
      default:
        return 8192;
    }
  }

  /**
   * The ticker reading at which the seconds counter next increments, where the 1 Hz square wave on
   * INT/SQW has its falling edge. A simulation knows its edge exactly; with a real DS3231 the same
   * edge reaches the host as a GPIO interrupt on INT/SQW. Not a bus transaction: nothing is logged.
   *
   * @return the reading, or empty while the oscillator is stopped (no edges to find)
   */
  public OptionalLong nextSecondEdge() {
    advance();
    if (!oscillatorRuns()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(lastTick + (NANOS_PER_SECOND - phaseNanos));
  }

  /**
   * The most recent transactions (successful starts only), at most
   * {@value #TRANSACTION_LOG_CAPACITY}, oldest first.
   *
   * @return a copy of the log
   */
  public List<Transaction> transactions() {
    return List.copyOf(log);
  }

  /** Forgets the logged transactions. */
  public void clearTransactions() {
    log.clear();
  }

  @Override
  public String toString() {
    return "Ds3231Simulator[" + power + "]";
  }
}
