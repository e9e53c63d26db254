package org.ntpclock.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.diozero.api.I2CDeviceInterface;
import com.diozero.api.RuntimeIOException;
import com.diozero.api.SpiDeviceInterface;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntpclock.drivers.diozero.DiozeroRegisterBus;
import org.ntpclock.drivers.diozero.DiozeroSpiBus;
import org.ntpclock.rtc.BusException;

class HardwareBusesTest {
  /** The test class path without diozero, in a loader that cannot see the normal one. */
  static URLClassLoader withoutDiozero() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("diozero")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  @Test
  void driversAndSimulatorsRunWithoutDiozero() throws Exception {
    try (URLClassLoader loader = withoutDiozero()) {
      assertThatThrownBy(() -> Class.forName("com.diozero.api.I2CDevice", false, loader)).isInstanceOf(ClassNotFoundException.class);
      Class<?> buses = Class.forName(HardwareBuses.class.getName(), true, loader);
      assertThat(buses.getMethod("isDiozeroAvailable").invoke(null)).isEqualTo(false);
      Method diozero = buses.getMethod("diozero");
      assertThatThrownBy(() -> diozero.invoke(null)).isInstanceOf(InvocationTargetException.class)
          .extracting(Throwable::getCause)
          .satisfies(c -> assertThat(c.getClass().getName()).isEqualTo("org.ntpclock.rtc.DeviceException"))
          .satisfies(c -> assertThat(c.getMessage()).contains("CONFIGURATION", "diozero-core is not on the class path"));
      // The whole face -> driver -> simulator path, and the DS3231 provider's error, without diozero.
      Class<?> png = Class.forName(ClockFacePng.class.getName(), true, loader);
      Object panel = png.getMethod("render", java.time.LocalTime.class, int.class).invoke(null, java.time.LocalTime.NOON, 3);
      assertThat(panel.getClass().getMethod("toText").invoke(panel).toString()).contains("#");
      Class<?> provider = Class.forName(Ds3231ClockProvider.class.getName(), true, loader);
      Object p = provider.getConstructor().newInstance();
      assertThatThrownBy(() -> provider.getMethod("open", String.class).invoke(p, ""))
          .extracting(Throwable::getCause)
          .satisfies(c -> assertThat(c.getMessage()).contains("CONFIGURATION", "diozero"));
    }
  }

  @Test
  void diozeroIsFoundWhenPresent() {
    assertThat(HardwareBuses.isDiozeroAvailable()).isTrue();
  }

  @Test
  void registerBusAdapterPassesBlocksAndTypesErrors() throws Exception {
    byte[] device = new byte[32];
    int[] errno = {0};
    int[] shortBy = {0};
    I2CDeviceInterface i2c = proxy(I2CDeviceInterface.class, (method, args) -> {
      if (errno[0] != 0) {
        throw new RuntimeIOException("failed", errno[0]);
      }
      switch (method) {
        case "readI2CBlockData": {
          int reg = (Integer) args[0];
          byte[] buf = (byte[]) args[1];
          System.arraycopy(device, reg, buf, 0, buf.length - shortBy[0]);
          return buf.length - shortBy[0];
        }
        case "writeI2CBlockData": {
          byte[] data = (byte[]) args[1];
          System.arraycopy(data, 0, device, (Integer) args[0], data.length);
          return null;
        }
        default:
          return null;
      }
    });
    DiozeroRegisterBus bus = new DiozeroRegisterBus(i2c);
    bus.write(0x05, new byte[] {9, 1, 2, 3, 9}, 1, 3);
    assertThat(Arrays.copyOfRange(device, 4, 9)).containsExactly(0, 1, 2, 3, 0);
    byte[] out = new byte[6];
    bus.read(0x05, out, 2, 3);
    assertThat(out).containsExactly(0, 0, 1, 2, 3, 0);
    shortBy[0] = 1;
    assertReason(() -> bus.read(0, new byte[4], 0, 4), BusException.Reason.SHORT_TRANSFER);
    shortBy[0] = 0;
    errno[0] = 121; // EREMOTEIO: NACK through i2c-dev
    assertReason(() -> bus.read(0, new byte[4], 0, 4), BusException.Reason.NO_ACKNOWLEDGE);
    errno[0] = 110;
    assertReason(() -> bus.write(0, new byte[] {1}, 0, 1), BusException.Reason.TIMEOUT);
    errno[0] = 5;
    assertReason(() -> bus.read(0, new byte[4], 0, 4), BusException.Reason.IO_ERROR);
    assertThatThrownBy(() -> bus.read(0, new byte[33], 0, 33)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void spiAdapterSendsOneWritePerFrame() throws Exception {
    List<byte[]> writes = new ArrayList<>();
    SpiDeviceInterface spi = proxy(SpiDeviceInterface.class, (method, args) -> {
      if (method.equals("write") && args.length == 3) {
        byte[] f = (byte[]) args[0];
        writes.add(Arrays.copyOfRange(f, (Integer) args[1], (Integer) args[1] + (Integer) args[2]));
      }
      return null;
    });
    PanelLayout layout = PanelLayout.fc16(4);
    Max7219Cascade driver = Max7219Cascade.create(new DiozeroSpiBus(spi), layout);
    driver.init(5);
    assertThat(writes).hasSize(13).allSatisfy(f -> assertThat(f).hasSize(8));
    assertThat(writes.get(3)).containsExactly(0x0A, 5, 0x0A, 5, 0x0A, 5, 0x0A, 5);
  }

  interface Handler {
    Object handle(String method, Object[] args);
  }

  @SuppressWarnings("unchecked")
  static <T> T proxy(Class<T> type, Handler handler) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (p, m, a) -> handler.handle(m.getName(), a == null ? new Object[0] : a));
  }

  interface Call {
    void run() throws Exception;
  }

  static void assertReason(Call call, BusException.Reason reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(BusException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
