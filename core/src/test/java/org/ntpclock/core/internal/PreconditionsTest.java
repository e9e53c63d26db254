package org.ntpclock.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The checks throw the right type with the message filled in, and pass their values through. */
class PreconditionsTest {

  @Test
  void argumentChecksFillTheTemplateOnlyOnFailure() {
    assertThatCode(() -> Preconditions.checkArgument(true, "never %s", new Object() {
      @Override
      public String toString() {
        throw new AssertionError("formatted on success");
      }
    })).doesNotThrowAnyException();
    assertThatThrownBy(() -> Preconditions.checkArgument(false, "nanos out of range 0..999999999: %s", 1_000_000_000L))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("nanos out of range 0..999999999: 1000000000");
    assertThatThrownBy(() -> Preconditions.checkArgument(false, "limit %s below timeout %s", "a", 7))
        .hasMessage("limit a below timeout 7");
    assertThatThrownBy(() -> Preconditions.checkArgument(false, "%s-%s-%s", 1, "b", 3.5))
        .hasMessage("1-b-3.5");
    assertThatThrownBy(() -> Preconditions.checkArgument(false, "plain"))
        .hasMessage("plain");
    assertThatThrownBy(() -> Preconditions.checkArgument(false)).hasMessage(null);
  }

  @Test
  void extraArgumentsAreAppendedAndMissingOnesLeaveThePlaceholder() {
    assertThat(Preconditions.format("a %s", 1, 2, 3)).isEqualTo("a 1 [2, 3]");
    assertThat(Preconditions.format("a %s and %s", 1)).isEqualTo("a 1 and %s");
    assertThat(Preconditions.format(null, "x")).isEqualTo("null [x]");
    assertThat(Preconditions.format("%s", (Object) null)).isEqualTo("null");
  }

  @Test
  void stateAndNullChecks() {
    assertThatThrownBy(() -> Preconditions.checkState(false, "closed: %s", "server"))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("closed: server");
    assertThatThrownBy(() -> Preconditions.checkNotNull(null, "clock"))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("clock");
    String s = "kept";
    assertThat(Preconditions.checkNotNull(s, "s")).isSameAs(s);
  }

  @Test
  void indexChecksSayWhichBoundFailed() {
    assertThat(Preconditions.checkElementIndex(2, 3)).isEqualTo(2);
    assertThatThrownBy(() -> Preconditions.checkElementIndex(3, 3))
        .isExactlyInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index (3) must be less than size (3)");
    assertThatThrownBy(() -> Preconditions.checkElementIndex(-1, 3, "field"))
        .hasMessage("field (-1) must not be negative");
    assertThatCode(() -> Preconditions.checkPositionIndexes(0, 3, 3)).doesNotThrowAnyException();
    assertThatThrownBy(() -> Preconditions.checkPositionIndexes(2, 1, 3))
        .hasMessage("end index (1) must not be less than start index (2)");
    assertThatThrownBy(() -> Preconditions.checkPositionIndexes(0, 4, 3))
        .hasMessage("end index (4) must not be greater than size (3)");
    assertThatThrownBy(() -> Preconditions.checkPositionIndexes(-1, 1, 3))
        .hasMessage("start index (-1) must not be negative");
  }
}
