package org.ntpclock.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Finds the external programs interop tests drive. */
public final class Tools {
  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/bin");
  /** Debian's interpreter first: its python3-ntplib and python3-erfa are installed for it. */
  private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");
  private static final Map<String, Boolean> PYTHON_MODULES = new ConcurrentHashMap<>();

  private Tools() {}

  /**
   * Looks a program up on the PATH and in the sbin directories.
   *
   * @param name the program name
   * @return its path, if found and executable
   */
  public static Optional<Path> locate(String name) {
    if (name.contains("/")) {
      Path p = Path.of(name);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(":")));
    }
    dirs.addAll(EXTRA_DIRS);
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * The path of a program that a {@link RequiresTool} annotation has already vouched for.
   *
   * @param name the program name
   * @return its path
   * @throws AssertionError if missing
   */
  public static Path require(String name) {
    return locate(name).orElseThrow(() -> new AssertionError("missing tool " + name));
  }

  /**
   * The Python interpreter to run interop scripts with: Debian's, whose modules the install script
   * provides, if present.
   *
   * @return the interpreter path or name
   */
  public static String python() {
    for (String candidate : PYTHONS) {
      if (locate(candidate).isPresent()) {
        return locate(candidate).get().toString();
      }
    }
    return "python3";
  }

  /**
   * Whether {@link #python()} can import a module.
   *
   * @param module the module name
   * @return true if the import succeeds
   */
  public static boolean pythonHas(String module) {
    return PYTHON_MODULES.computeIfAbsent(module, m -> {
      try {
        Process p = new ProcessBuilder(python(), "-c", "import " + m).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }
}
