package org.ntpclock.clock.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    String text = Json.write("a\"b\\c\nd\te\u0001f\u007f", false);
    assertThat(text).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u007f\"");
  }

  @Test
  void compactObjectIsOneLineInInsertionOrder() {
    JsonObject o = JsonObject.create().put("z", 1).put("a", "x").put("n", null).put("l", List.of(1, 2))
        .put("o", JsonObject.create().put("b", true)).put("d", new BigDecimal("0.000015259"));
    assertThat(o.toString()).isEqualTo("{\"z\":1,\"a\":\"x\",\"n\":null,\"l\":[1,2],\"o\":{\"b\":true},\"d\":0.000015259}");
  }

  @Test
  void indentedObjectParsesBackToTheSameMembers() {
    JsonObject o = JsonObject.create().put("k", "v").put("list", List.of(JsonObject.create().put("x", 1)))
        .put("empty", List.of()).put("e", JsonObject.create());
    String text = Json.write(o, true);
    assertThat(text).contains("\n  \"k\": \"v\"");
    JsonObject back = Json.parseObject(text);
    assertThat(back.members()).containsOnlyKeys("k", "list", "empty", "e");
    assertThat(back.get("k")).isEqualTo("v");
    assertThat(((JsonObject) ((List<?>) back.get("list")).get(0)).get("x")).isEqualTo(BigDecimal.ONE);
  }

  @Test
  void refusesFloatingPointAndUnknownTypes() {
    assertThatThrownBy(() -> JsonObject.create().put("d", 0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonObject.create().put("o", new Object())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readerRejectsMalformedText() {
    for (String bad : Arrays.asList("", "{", "{\"a\":1,}", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "[01]", "\"\u0001\"", "{a:1}", "tru")) {
      assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Property(tries = 300)
  void anyStringRoundTrips(@ForAll String s) {
    assertThat(Json.parse(Json.write(s, false))).isEqualTo(s);
  }

  @Property(tries = 300)
  void anyLongRoundTrips(@ForAll long n) {
    assertThat(Json.longValue(Json.parse(Json.write(n, true)))).isEqualTo(n);
  }
}
