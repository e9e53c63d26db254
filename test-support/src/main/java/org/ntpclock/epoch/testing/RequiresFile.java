package org.ntpclock.epoch.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an interop test that reads files installed on the machine, such as tzdata's
 * {@code /usr/share/zoneinfo/leap-seconds.list}. With the semantics of the core
 * {@code @RequiresTool}: when a file is missing the test is skipped with a loud message on stderr,
 * or fails instead when the build runs with {@code -Dinterop.required=true}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
@ExtendWith(RequiresFileExtension.class)
public @interface RequiresFile {
  /**
   * Absolute paths of regular files that must exist and be readable.
   *
   * @return the paths
   */
  String[] value();

  /**
   * The package that provides the files, named in the skip message.
   *
   * @return a package name, e.g. {@code tzdata}
   */
  String installedBy() default "";
}
