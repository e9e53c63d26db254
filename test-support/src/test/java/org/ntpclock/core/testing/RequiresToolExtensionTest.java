package org.ntpclock.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class RequiresToolExtensionTest {

  /** Runs only inside the test kit below (its nested class name keeps surefire from picking it up directly). */
  static class NeedsAMissingTool {
    @Test
    @RequiresTool("ntpclock-no-such-tool-3f9a")
    void usesIt() {}

    @Test
    @RequiresTool("sh")
    void usesAPresentTool() {}
  }

  private static Events run(String required) {
    String previous = System.getProperty(RequiresToolExtension.REQUIRED_PROPERTY);
    System.setProperty(RequiresToolExtension.REQUIRED_PROPERTY, required);
    try {
      return EngineTestKit.engine("junit-jupiter")
          .configurationParameter(RequiresToolExtension.QUIET_PARAMETER, "true")
          .selectors(selectClass(NeedsAMissingTool.class))
          .execute().testEvents();
    } finally {
      if (previous == null) {
        System.clearProperty(RequiresToolExtension.REQUIRED_PROPERTY);
      } else {
        System.setProperty(RequiresToolExtension.REQUIRED_PROPERTY, previous);
      }
    }
  }

  @Test
  void aMissingToolSkipsByDefault() {
    Events stats = run("false");
    assertThat(stats.aborted().count()).isEqualTo(1L);
    assertThat(stats.succeeded().count()).isEqualTo(1L);
    assertThat(stats.failed().count()).isZero();
  }

  @Test
  void aMissingToolFailsWhenInteropIsRequired() {
    Events stats = run("true");
    assertThat(stats.failed().count()).isEqualTo(1L);
    assertThat(stats.succeeded().count()).isEqualTo(1L);
    assertThat(stats.aborted().count()).isZero();
  }

  @Test
  void locatesProgramsInSbinToo() {
    assertThat(Tools.locate("sh")).isPresent();
    assertThat(Tools.locate("ntpclock-no-such-tool-3f9a")).isEmpty();
  }
}
