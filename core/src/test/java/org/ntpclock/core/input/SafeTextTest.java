package org.ntpclock.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void keepsPrintableTextIncludingNonAscii() {
    assertThat(SafeText.escape("Zürich 東京 ２３ 😀")).isEqualTo("Zürich 東京 ２３ 😀");
  }

  @Test
  void escapesTerminalControls() {
    assertThat(SafeText.escape("a\u001b]0;title\u0007b\r\n\t\u007f\u009b"))
        .isEqualTo("a<U+001B>]0;title<U+0007>b<U+000D><U+000A><U+0009><U+007F><U+009B>");
  }

  @Test
  void escapesBidiOverridesSeparatorsAndLoneSurrogates() {
    assertThat(SafeText.escape("\u202eabc\u2028\ud800x")).isEqualTo("<U+202E>abc<U+2028><U+D800>x");
  }

  @Test
  void cutsLongTextAndSaysHowMuch() {
    assertThat(SafeText.escape("abcdef", 3)).isEqualTo("abc… (3 more characters)");
    assertThat(SafeText.quote("ab\u0000", 10)).isEqualTo("'ab<U+0000>'");
  }

  @Test
  void neverSplitsASurrogatePairAtTheCut() {
    assertThat(SafeText.escape("a😀b", 2)).isEqualTo("a😀… (1 more characters)");
  }

  @Test
  void nullIsPrintable() {
    assertThat(SafeText.escape(null)).isEqualTo("null");
  }

  @Property
  void theResultNeverHoldsACharacterThatNeedsEscaping(@ForAll String text) {
    String escaped = SafeText.escape(text);
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < escaped.length() && Character.isLowSurrogate(escaped.charAt(i + 1))) {
        i++;
        continue;
      }
      assertThat(SafeText.needsEscape(c)).as("char %04X in %s", (int) c, escaped).isFalse();
    }
  }

  @Property
  void escapingIsIdempotent(@ForAll String text) {
    String once = SafeText.escape(text);
    assertThat(SafeText.escape(once)).isEqualTo(once);
  }
}
