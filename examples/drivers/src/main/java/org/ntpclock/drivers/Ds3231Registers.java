package org.ntpclock.drivers;

/**
 * The DS3231 register map and bits (datasheet "Timekeeping Registers"), shared by the driver and
 * the simulator. Registers 0x00–0x06 are BCD.
 */
public final class Ds3231Registers {
  private Ds3231Registers() {}

  /** Seconds, 00–59 BCD. */
  public static final int SECONDS = 0x00;
  /** Minutes, 00–59 BCD. */
  public static final int MINUTES = 0x01;
  /** Hours: bit 6 = 12-hour mode, bit 5 = PM (12-h) or 20 h (24-h). */
  public static final int HOURS = 0x02;
  /** Day of week, 1–7, user-defined but sequential (this driver: ISO, Monday = 1). */
  public static final int DAY = 0x03;
  /** Date of month, 01–31 BCD. */
  public static final int DATE = 0x04;
  /** Month, 01–12 BCD; bit 7 = century. */
  public static final int MONTH = 0x05;
  /** Year, 00–99 BCD. */
  public static final int YEAR = 0x06;
  /** First alarm-1 register (seconds); alarm 1 spans 0x07–0x0A. */
  public static final int ALARM1_SECONDS = 0x07;
  /** First alarm-2 register (minutes); alarm 2 spans 0x0B–0x0D. */
  public static final int ALARM2_MINUTES = 0x0B;
  /** Control. */
  public static final int CONTROL = 0x0E;
  /** Control/status. */
  public static final int STATUS = 0x0F;
  /** Aging offset, two's complement. */
  public static final int AGING = 0x10;
  /** Temperature, integer part, two's complement. */
  public static final int TEMP_MSB = 0x11;
  /** Temperature, quarter degrees in bits 7–6. */
  public static final int TEMP_LSB = 0x12;
  /** Number of registers, 0x00–0x12; the register pointer wraps from 0x12 to 0x00. */
  public static final int COUNT = 0x13;

  /** HOURS bit 6: 12-hour mode. */
  public static final int HOURS_12H = 0x40;
  /** HOURS bit 5 in 12-hour mode: PM. */
  public static final int HOURS_PM = 0x20;
  /** MONTH bit 7: the century bit, toggled when the year rolls from 99 to 00. */
  public static final int MONTH_CENTURY = 0x80;

  /** CONTROL bit 7, active low: 1 stops the oscillator when on battery. */
  public static final int CONTROL_EOSC = 0x80;
  /** CONTROL bit 6: square wave also on battery. */
  public static final int CONTROL_BBSQW = 0x40;
  /** CONTROL bit 5: start a temperature conversion. */
  public static final int CONTROL_CONV = 0x20;
  /** CONTROL bit 4: rate select 2. */
  public static final int CONTROL_RS2 = 0x10;
  /** CONTROL bit 3: rate select 1. */
  public static final int CONTROL_RS1 = 0x08;
  /** CONTROL bit 2: 1 = INT/SQW pin is the alarm interrupt, 0 = square wave. */
  public static final int CONTROL_INTCN = 0x04;
  /** CONTROL bit 1: alarm 2 interrupt enable. */
  public static final int CONTROL_A2IE = 0x02;
  /** CONTROL bit 0: alarm 1 interrupt enable. */
  public static final int CONTROL_A1IE = 0x01;
  /** CONTROL at power-on: INTCN, RS2, RS1. */
  public static final int CONTROL_POWER_ON = 0x1C;

  /** STATUS bit 7: the oscillator stopped at some point; the time is invalid. Write 0 to clear. */
  public static final int STATUS_OSF = 0x80;
  /** STATUS bit 3: 32 kHz output enabled. */
  public static final int STATUS_EN32KHZ = 0x08;
  /** STATUS bit 2: a temperature conversion is in progress. Read-only. */
  public static final int STATUS_BSY = 0x04;
  /** STATUS bit 1: alarm 2 matched. Write 0 to clear. */
  public static final int STATUS_A2F = 0x02;
  /** STATUS bit 0: alarm 1 matched. Write 0 to clear. */
  public static final int STATUS_A1F = 0x01;
  /** STATUS at first power-up: OSF and EN32kHz. */
  public static final int STATUS_POWER_ON = 0x88;
}
