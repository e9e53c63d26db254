package org.ntpclock.codec.transport;

import java.util.Locale;

/**
 * Finds the FFM transport of the multi-release jar's JDK 22 layer, once: present only on Linux
 * (x86-64 or aarch64, where the socket constants and layouts it uses hold), JDK 22 or newer, with
 * the versioned classes on the class path and native access allowed.
 */
final class FfmSupport {
  static final String IMPLEMENTATION = "org.ntpclock.codec.transport.FfmTransports";
  private static final Lookup LOOKUP = lookup();

  private FfmSupport() {}

  /** The provider, or null when unavailable. */
  static FfmProvider provider() {
    return LOOKUP.provider;
  }

  static String unavailableReason() {
    return LOOKUP.reason;
  }

  private static Lookup lookup() {
    int feature = Runtime.version().feature();
    if (feature < 22) {
      return new Lookup(null, "needs JDK 22 or newer (this is JDK " + feature + ")");
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (!os.startsWith("linux")) {
      return new Lookup(null, "needs Linux (this is " + System.getProperty("os.name") + ")");
    }
    String arch = System.getProperty("os.arch", "");
    if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
      return new Lookup(null, "needs x86-64 or aarch64 (this is " + arch + ")");
    }
    FfmProvider provider;
    try {
      provider = (FfmProvider) Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return new Lookup(null, "the JDK 22 layer of the multi-release jar is missing (" + e + ")");
    }
    try {
      provider.selfTest();
    } catch (Exception | LinkageError e) {
      // IllegalCallerException when native access is denied, IOException when the kernel refuses.
      return new Lookup(null, "native sockets unusable: " + e);
    }
    return new Lookup(provider, "");
  }

  private static final class Lookup {
    final FfmProvider provider;
    final String reason;

    Lookup(FfmProvider provider, String reason) {
      this.provider = provider;
      this.reason = reason;
    }
  }
}
