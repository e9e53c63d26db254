package org.ntpclock.epoch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.ntpclock.core.testing.RequiresToolExtension;
import org.opentest4j.TestAbortedException;

/** Skips (loudly) or fails tests whose {@link RequiresFile} files are missing. */
public final class RequiresFileExtension implements BeforeAllCallback, BeforeEachCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    check(context, AnnotationSupport.findAnnotation(context.getElement(), RequiresFile.class));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    check(context, AnnotationSupport.findAnnotation(context.getElement(), RequiresFile.class));
  }

  private static void check(ExtensionContext context, Optional<RequiresFile> annotation) {
    if (annotation.isEmpty()) {
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String file : annotation.get().value()) {
      Path p = Path.of(file);
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        missing.add(file);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String by = annotation.get().installedBy();
    String message = "INTEROP " + context.getDisplayName() + ": missing file " + String.join(", ", missing)
        + (by.isEmpty() ? "" : " (install package " + by + ")");
    if (Boolean.getBoolean(RequiresToolExtension.REQUIRED_PROPERTY)) {
      throw new AssertionError(message + "; failing because -D" + RequiresToolExtension.REQUIRED_PROPERTY + "=true");
    }
    System.err.println("!!!!!!!! SKIPPED " + message);
    throw new TestAbortedException(message);
  }
}
