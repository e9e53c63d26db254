package org.ntpclock.codec.auth;

import java.util.HexFormat;

/** Test helper: hex with blanks allowed, as RFCs print it. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
  }

  static String of(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
