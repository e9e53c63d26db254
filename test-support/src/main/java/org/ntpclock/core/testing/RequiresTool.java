package org.ntpclock.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an interop test that needs external programs (chronyd, ntpdig, tshark, htpdate) or Python
 * modules (ntplib, erfa). When one is missing the test is skipped with a loud message on stderr,
 * or fails instead when the build runs with {@code -Dinterop.required=true} (CI does).
 *
 * <p>Locate the programs in the test with {@link Tools#require(String)} and the Python interpreter
 * that has the modules with {@link Tools#python()}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
@ExtendWith(RequiresToolExtension.class)
public @interface RequiresTool {
  /**
   * Program names looked up on the PATH and in the sbin directories, e.g. {@code chronyd}.
   *
   * @return the programs
   */
  String[] value() default {};

  /**
   * Python modules that {@link Tools#python()} must be able to import, e.g. {@code ntplib}.
   *
   * @return the modules
   */
  String[] python() default {};
}
