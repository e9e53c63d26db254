package org.ntpclock.clock.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.core.testing.ExternalProcess;
import org.ntpclock.core.testing.RequiresTool;
import org.ntpclock.core.testing.Tools;

/** The service files in {@code dist/}: the systemd unit and the launcher script. */
public class DistFilesTest {
  /** The repository's {@code dist/} folder, found from the module's working directory. */
  public static Path dist() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("dist"))) {
        return p.resolve("dist");
      }
    }
    throw new AssertionError("no dist/ above " + Path.of("").toAbsolutePath());
  }

  /**
   * Runs {@code systemd-analyze verify} on a unit installed in a scratch root that holds the
   * system's units and the launcher at {@code /usr/bin/ntpclock}, where the unit expects it.
   */
  private static String verify(Path root, String unitText) throws Exception {
    Path units = root.resolve("etc/systemd/system");
    Files.createDirectories(units);
    Files.writeString(units.resolve("ntpclock.service"), unitText);
    Path bin = root.resolve("usr/bin");
    Files.createDirectories(bin);
    Files.copy(dist().resolve("ntpclock"), bin.resolve("ntpclock"), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(bin.resolve("ntpclock"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path systemUnits = root.resolve("usr/lib/systemd/system");
    if (!Files.isDirectory(systemUnits)) {
      copyTree(Path.of("/usr/lib/systemd/system"), systemUnits);
    }
    ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(60), List.of(Tools.require("systemd-analyze").toString(),
        "verify", "--root=" + root, "/etc/systemd/system/ntpclock.service"));
    assertThat(r.exitCode()).as("systemd-analyze verify finished: %s", r.output()).isNotEqualTo(-1);
    return r.exitCode() + ":" + r.output().strip();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else if (Files.isSymbolicLink(f)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(f));
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  @Test
  @RequiresTool("systemd-analyze")
  void theSystemdUnitPassesSystemdAnalyzeVerify(@TempDir Path root) throws Exception {
    String unit = Files.readString(dist().resolve("ntpclock.service"));
    assertThat(unit).contains("DynamicUser=yes", "AmbientCapabilities=CAP_NET_BIND_SERVICE", "ProtectSystem=strict");
    // Exit code 0 and not one warning: systemd-analyze reports bad values and unknown keys on
    // stdout/stderr but still exits 0.
    assertThat(verify(root, unit)).isEqualTo("0:");
    // The check can fail: a bad value and an unknown key are reported.
    String broken = unit.replace("ProtectSystem=strict", "ProtectSystem=bogus\nProtectNothing=yes");
    assertThat(verify(root, broken)).contains("bogus", "ProtectNothing");
  }

  @Test
  void theLauncherRunsTheJarWithJavaHomeAndJavaOpts(@TempDir Path dir) throws Exception {
    // A jar like ntpclock.jar: the tool's entry point, its classes and dependencies by class path.
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, "org.ntpclock.clock.cli.Main");
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      classPath.add(Path.of(entry).toUri().toString());
    }
    main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    Path jar = dir.resolve("ntpclock.jar");
    // The manifest is all it holds.
    new JarOutputStream(Files.newOutputStream(jar), manifest).close();
    Path launcher = dir.resolve("ntpclock");
    Files.copy(dist().resolve("ntpclock"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), "convert", "--unix", "0"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("JAVA_OPTS", "-Xmx32m -Dntpclock.launcher.test=1");
    pb.environment().remove("NTPCLOCK_JAR");
    String output = run(pb);
    assertThat(output).startsWith("0:").contains("1970-01-01T00:00:00Z");

    // No jar where it looks: a clear error, exit code 2.
    Files.delete(jar);
    String missing = run(pb);
    assertThat(missing).isEqualTo("2:ntpclock: cannot find ntpclock.jar (set NTPCLOCK_JAR)");
  }

  private static String run(ProcessBuilder pb) {
    ExternalProcess.Result r = ExternalProcess.run(Duration.ofSeconds(60), pb, new byte[0]);
    assertThat(r.exitCode()).as("the launcher finished: %s", r.output()).isNotEqualTo(-1);
    return r.exitCode() + ":" + r.output().strip();
  }

}
