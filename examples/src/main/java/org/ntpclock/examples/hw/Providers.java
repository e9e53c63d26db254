package org.ntpclock.examples.hw;

import java.util.Set;
import org.ntpclock.rtc.DeviceConfig;

/** Configuration checks shared by the providers. */
final class Providers {
  private Providers() {}

  static void checkKeys(DeviceConfig config, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (String key : config.asMap().keySet()) {
      if (!ok.contains(key)) {
        throw new IllegalArgumentException("unknown key '" + key + "'; known: " + String.join(", ", allowed));
      }
    }
  }
}
