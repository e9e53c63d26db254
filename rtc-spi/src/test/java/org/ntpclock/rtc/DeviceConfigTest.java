package org.ntpclock.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeviceConfigTest {
  @Test
  void parsesPairs() {
    DeviceConfig c = DeviceConfig.parse(" bus = 1 , address=0x68,path=/sys/class/rtc/rtc1,on=true");
    assertThat(c.integer("bus", 0, 0, 9)).isEqualTo(1);
    assertThat(c.integer("address", 0, 0, 0x7F)).isEqualTo(0x68);
    assertThat(c.path("path", Path.of("x"))).isEqualTo(Path.of("/sys/class/rtc/rtc1"));
    assertThat(c.bool("on", false)).isTrue();
    assertThat(c.string("missing", "d")).isEqualTo("d");
    assertThat(c.get("missing")).isEmpty();
    assertThat(c).hasToString("bus=1,address=0x68,path=/sys/class/rtc/rtc1,on=true");
    assertThat(DeviceConfig.parse(c.toString())).isEqualTo(c);
    assertThat(DeviceConfig.parse("  ").asMap()).isEmpty();
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> DeviceConfig.parse("novalue")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeviceConfig.parse("=1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeviceConfig.parse("a=1,a=2")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeated");
    assertThatThrownBy(() -> DeviceConfig.parse("a=x").integer("a", 0, 0, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeviceConfig.parse("a=10").integer("a", 0, 0, 9)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..9");
    assertThatThrownBy(() -> DeviceConfig.parse("a=yes").bool("a", false)).isInstanceOf(IllegalArgumentException.class);
  }
}
