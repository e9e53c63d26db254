package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.ntpclock.clock.json.JsonObject;

/** Laws of {@code ntpclock convert}: each output form, fed back in, names the same instant. */
class ConvertProperties {
  private static JsonObject convert(String option, String value) {
    return CliRun.of("convert", "--json", option, value).json();
  }

  /** Between 1972 and the bundled table's expiry every field is defined. */
  @Property(tries = 40)
  void everyFormRoundTrips(
      @ForAll @LongRange(min = 63_072_000L, max = 1_813_000_000L) long second,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nano) {
    String iso = Instant.ofEpochSecond(second, nano).toString();
    JsonObject o = convert("--iso", iso);
    assertThat(o.get("iso")).isEqualTo(iso);
    assertThat(convert("--unix", (String) o.get("unix")).get("iso")).isEqualTo(iso);
    assertThat(convert("--micropython", (String) o.get("micropython")).get("iso")).isEqualTo(iso);
    if (second >= 315_964_800L) { // GPS time starts 1980-01-06
      assertThat(convert("--gps", o.get("gpsWeek") + ":" + o.get("gpsTimeOfWeek")).get("iso")).isEqualTo(iso);
    }
    // The ntp form is rounded to 2^-32 s (233 ps): back to the same nanosecond or the one before.
    Instant back = Instant.parse((String) convert("--ntp", (String) o.get("ntp")).get("iso"));
    assertThat(back).isBetween(Instant.ofEpochSecond(second, nano).minusNanos(1), Instant.ofEpochSecond(second, nano));
  }
}
