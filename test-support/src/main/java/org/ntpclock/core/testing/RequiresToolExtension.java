package org.ntpclock.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/** Skips (loudly) or fails tests whose {@link RequiresTool} programs are missing. */
public final class RequiresToolExtension implements BeforeAllCallback, BeforeEachCallback {
  /** System property that turns a missing tool from a skip into a failure. */
  public static final String REQUIRED_PROPERTY = "interop.required";

  /**
   * JUnit configuration parameter that keeps the skip line off stderr: set only by this extension's
   * own self-test, whose deliberate skip is no missing tool a reader should worry about.
   */
  public static final String QUIET_PARAMETER = "ntpclock.interop.quiet";

  @Override
  public void beforeAll(ExtensionContext context) {
    check(context, AnnotationSupport.findAnnotation(context.getElement(), RequiresTool.class));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    check(context, AnnotationSupport.findAnnotation(context.getElement(), RequiresTool.class));
  }

  private static void check(ExtensionContext context, Optional<RequiresTool> annotation) {
    if (annotation.isEmpty()) {
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String tool : annotation.get().value()) {
      if (Tools.locate(tool).isEmpty()) {
        missing.add(tool);
      }
    }
    for (String module : annotation.get().python()) {
      if (!Tools.pythonHas(module)) {
        missing.add("python3 module " + module);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = "INTEROP " + context.getDisplayName() + ": missing " + String.join(", ", missing)
        + " (install with: sudo .ci/install-tools)";
    if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
      throw new AssertionError(message + "; failing because -D" + REQUIRED_PROPERTY + "=true");
    }
    if (!context.getConfigurationParameter(QUIET_PARAMETER, Boolean::parseBoolean).orElse(false)) {
      System.err.println("!!!!!!!! SKIPPED " + message);
    }
    throw new TestAbortedException(message);
  }
}
