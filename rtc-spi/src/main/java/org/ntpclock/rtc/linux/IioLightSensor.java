package org.ntpclock.rtc.linux;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ntpclock.rtc.AmbientLightSensor;
import org.ntpclock.rtc.AmbientLightSensorProvider;
import org.ntpclock.rtc.DeviceConfig;
import org.ntpclock.rtc.DeviceException;

/**
 * A light sensor on a Linux IIO ADC channel, read through sysfs: a photoresistor divider on, for
 * example, an ADS1115 ({@code ti-ads1015} driver) or MCP3008 ({@code mcp320x}).
 *
 * <p>Each read takes {@code in_voltageM_raw}. Normalization is one of:
 * <ul>
 *   <li><b>raw</b> (default): {@code raw / fullScaleRaw};
 *   <li><b>millivolts</b> (when {@code fullScaleMillivolts} is configured): the kernel's processed
 *       value {@code (raw + offset) × scale} in mV, with {@code scale} and {@code offset} from
 *       {@code in_voltageM_scale} / {@code in_voltage_scale} and {@code in_voltageM_offset} /
 *       {@code in_voltage_offset} (offset 0 if absent; scale required), divided by
 *       {@code fullScaleMillivolts}.
 * </ul>
 * The result is clamped to 0.0..1.0 and, with {@code inverted}, turned into {@code 1 - level}
 * (for a divider whose voltage falls as light rises). Thread-safe.
 */
public final class IioLightSensor implements AmbientLightSensor {
  /** The first IIO device's sysfs directory. */
  public static final Path DEFAULT_PATH = Path.of("/sys/bus/iio/devices/iio:device0");
  /** Default full scale in raw counts, a 12-bit ADC. */
  public static final long DEFAULT_FULL_SCALE_RAW = 4095;

  private final Path dir;
  private final int channel;
  private final long fullScaleRaw;
  private final Optional<BigDecimal> fullScaleMillivolts;
  private final boolean inverted;

  private IioLightSensor(Path dir, int channel, long fullScaleRaw, Optional<BigDecimal> fullScaleMillivolts, boolean inverted) {
    this.dir = dir;
    this.channel = channel;
    this.fullScaleRaw = fullScaleRaw;
    this.fullScaleMillivolts = fullScaleMillivolts;
    this.inverted = inverted;
  }

  /**
   * A sensor normalized against a full scale in raw counts.
   *
   * @param dir the IIO device directory
   * @param channel the voltage channel M, 0 or more
   * @param fullScaleRaw the raw count that reads 1.0, positive
   * @param inverted whether more light gives a lower count
   * @return the sensor
   * @throws IllegalArgumentException if the channel or full scale is out of range
   */
  public static IioLightSensor ofRaw(Path dir, int channel, long fullScaleRaw, boolean inverted) {
    checkNotNull(dir, "dir");
    checkArgument(channel >= 0, "channel must not be negative: %s", channel);
    checkArgument(fullScaleRaw > 0, "full scale must be positive: %s", fullScaleRaw);
    return new IioLightSensor(dir, channel, fullScaleRaw, Optional.empty(), inverted);
  }

  /**
   * A sensor normalized against a full scale in millivolts, using the channel's scale and offset.
   *
   * @param dir the IIO device directory
   * @param channel the voltage channel M, 0 or more
   * @param fullScaleMillivolts the voltage that reads 1.0, positive
   * @param inverted whether more light gives a lower voltage
   * @return the sensor
   * @throws IllegalArgumentException if the channel or full scale is out of range
   */
  public static IioLightSensor ofMillivolts(Path dir, int channel, BigDecimal fullScaleMillivolts, boolean inverted) {
    checkNotNull(dir, "dir");
    checkArgument(channel >= 0, "channel must not be negative: %s", channel);
    checkArgument(fullScaleMillivolts.signum() > 0, "full scale must be positive: %s", fullScaleMillivolts);
    return new IioLightSensor(dir, channel, DEFAULT_FULL_SCALE_RAW, Optional.of(fullScaleMillivolts), inverted);
  }

  @Override
  public double read() throws DeviceException {
    BigDecimal raw = number(read("in_voltage" + channel + "_raw"), "raw");
    BigDecimal level;
    if (fullScaleMillivolts.isPresent()) {
      BigDecimal scale = number(readFirst("in_voltage" + channel + "_scale", "in_voltage_scale")
          .orElseThrow(() -> new DeviceException(DeviceException.Reason.CONFIGURATION,
              dir + " has no in_voltage" + channel + "_scale or in_voltage_scale")), "scale");
      BigDecimal offset = number(readFirst("in_voltage" + channel + "_offset", "in_voltage_offset").orElse("0"), "offset");
      level = raw.add(offset).multiply(scale).divide(fullScaleMillivolts.get(), MathContext.DECIMAL64);
    } else {
      level = raw.divide(BigDecimal.valueOf(fullScaleRaw), MathContext.DECIMAL64);
    }
    double clamped = Math.max(0.0, Math.min(1.0, level.doubleValue()));
    return inverted ? 1.0 - clamped : clamped;
  }

  private BigDecimal number(String text, String what) throws DeviceException {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new DeviceException(DeviceException.Reason.BAD_VALUE, dir + " channel " + channel + " " + what + " is not a number: '" + text + "'", e);
    }
  }

  private Optional<String> readFirst(String... names) throws DeviceException {
    for (String name : names) {
      if (Files.exists(dir.resolve(name))) {
        return Optional.of(read(name));
      }
    }
    return Optional.empty();
  }

  private String read(String name) throws DeviceException {
    Path file = dir.resolve(name);
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new DeviceException(DeviceException.Reason.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "IioLightSensor[" + dir + " channel " + channel
        + (fullScaleMillivolts.isPresent() ? " full scale " + fullScaleMillivolts.get() + " mV" : " full scale " + fullScaleRaw)
        + (inverted ? " inverted" : "") + "]";
  }

  /**
   * Provides {@code "iio"}: configuration {@code path=} the IIO device directory (default
   * {@code /sys/bus/iio/devices/iio:device0}), {@code channel=} (default 0), {@code fullScale=} raw
   * counts (default 4095) or {@code fullScaleMillivolts=}, {@code inverted=true|false}.
   */
  public static final class Provider implements AmbientLightSensorProvider {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {}

    @Override
    public String name() {
      return "iio";
    }

    @Override
    public String description() {
      return "Linux IIO ADC channel through sysfs; path=/sys/bus/iio/devices/iio:device0,channel=0,"
          + "fullScale=4095 | fullScaleMillivolts=3300,inverted=false";
    }

    @Override
    public AmbientLightSensor open(String config) throws DeviceException {
      IioLightSensor sensor;
      try {
        DeviceConfig c = DeviceConfig.parse(config)
            .checkKeys("path", "channel", "fullScale", "fullScaleMillivolts", "inverted");
        Path path = c.path("path", DEFAULT_PATH);
        int channel = (int) c.integer("channel", 0, 0, 255);
        boolean inverted = c.bool("inverted", false);
        Optional<String> mv = c.get("fullScaleMillivolts");
        checkArgument(mv.isEmpty() || c.get("fullScale").isEmpty(), "give fullScale or fullScaleMillivolts, not both");
        sensor = mv.isPresent()
            ? ofMillivolts(path, channel, new BigDecimal(mv.get()), inverted)
            : ofRaw(path, channel, c.integer("fullScale", DEFAULT_FULL_SCALE_RAW, 1, Long.MAX_VALUE), inverted);
      } catch (IllegalArgumentException e) {
        throw new DeviceException(DeviceException.Reason.CONFIGURATION, e.getMessage(), e);
      }
      if (!Files.isDirectory(sensor.dir)) {
        throw new DeviceException(DeviceException.Reason.CONFIGURATION, "no IIO device directory " + sensor.dir);
      }
      return sensor;
    }
  }
}
