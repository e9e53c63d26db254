package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.ntpclock.codec.auth.KeyFile.Dialect;
import org.ntpclock.codec.auth.KeyFileException.Reason;

class KeyFileTest {
  /** The example of chrony.conf(5), "keyfile" directive. */
  static final String CHRONY_MAN_EXAMPLE = String.join("\n",
      "10 tulip",
      "11 hyacinth",
      "20 MD5 ASCII:crocus",
      "25 SHA1 HEX:933F62BE1D604E68A81B557F18CFA200483F5B70",
      "30 AES128 HEX:7EA62AE64D190114D46D5A082F948EC1",
      "31 AES256 HEX:37DDCBC67BB902BCB8E995977FAB4D2B5642F5B32EBCEEE421921D97E5CBFE39",
      "");

  /** An ntpsec ntp.keys(5) file as ntpkeygen writes it, with ASCII and hex keys and comments. */
  static final String NTPSEC_FILE = String.join("\r\n",
      "# ntpkeygen output (hand-made)",
      "1 md5 Yo6;hw?Cl3K@dv9Lk7Xu   # ASCII, 20 characters",
      "2 SHA1 933F62BE1D604E68A81B557F18CFA200483F5B70",
      "3 AES 7EA62AE64D190114D46D5A082F948EC1",
      "4 aes-256 37DDCBC67BB902BCB8E995977FAB4D2B5642F5B32EBCEEE421921D97E5CBFE39",
      "5 M secret",
      "65535 sha-256 0123456789abcdef0123456789abcdef",
      "");

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"CHRONY", "COMMON"})
  void readsChronysManPageExample(Dialect dialect) throws Exception {
    KeyStore keys = KeyFile.parse(CHRONY_MAN_EXAMPLE, dialect);
    assertThat(keys.size()).isEqualTo(6);
    assertThat(keys.lookup(10)).contains(key(10, MacAlgorithm.MD5, ascii("tulip")));
    assertThat(keys.lookup(11)).contains(key(11, MacAlgorithm.MD5, ascii("hyacinth")));
    assertThat(keys.lookup(20)).contains(key(20, MacAlgorithm.MD5, ascii("crocus")));
    assertThat(keys.lookup(25)).contains(key(25, MacAlgorithm.SHA1, Hex.bytes("933F62BE1D604E68A81B557F18CFA200483F5B70")));
    assertThat(keys.lookup(30)).contains(key(30, MacAlgorithm.AES128_CMAC, Hex.bytes("7EA62AE64D190114D46D5A082F948EC1")));
    assertThat(keys.lookup(31).orElseThrow().algorithm()).isEqualTo(MacAlgorithm.AES256_CMAC);
    assertThat(keys.lookup(31).orElseThrow().secretLength()).isEqualTo(32);
  }

  @Test
  void readsAnNtpsecFile() throws Exception {
    KeyStore keys = KeyFile.parse(NTPSEC_FILE, Dialect.NTPSEC);
    assertThat(keys.size()).isEqualTo(6);
    assertThat(keys.lookup(1)).contains(key(1, MacAlgorithm.MD5, ascii("Yo6;hw?Cl3K@dv9Lk7Xu")));
    assertThat(keys.lookup(2)).contains(key(2, MacAlgorithm.SHA1, Hex.bytes("933F62BE1D604E68A81B557F18CFA200483F5B70")));
    assertThat(keys.lookup(3).orElseThrow().algorithm()).isEqualTo(MacAlgorithm.AES128_CMAC);
    assertThat(keys.lookup(4).orElseThrow().algorithm()).isEqualTo(MacAlgorithm.AES256_CMAC);
    assertThat(keys.lookup(5)).contains(key(5, MacAlgorithm.MD5, ascii("secret")));
    assertThat(keys.lookup(65535)).contains(key(65535, MacAlgorithm.SHA256, Hex.bytes("0123456789abcdef0123456789abcdef")));
  }

  /** The same unprefixed 40-digit key is 40 ASCII bytes to chrony, 20 bytes to ntpsec, an error in COMMON. */
  @Test
  void unprefixedLongKeysAreReadPerDialectAndRefusedWhenAmbiguous() throws Exception {
    String line = "2 SHA1 933F62BE1D604E68A81B557F18CFA200483F5B70\n";
    assertThat(KeyFile.parse(line, Dialect.CHRONY).lookup(2).orElseThrow().secretLength()).isEqualTo(40);
    assertThat(KeyFile.parse(line, Dialect.NTPSEC).lookup(2).orElseThrow().secretLength()).isEqualTo(20);
    assertRejected(line, Dialect.COMMON, Reason.AMBIGUOUS_KEY_ENCODING, 1);
    // 20 characters are ASCII everywhere.
    assertThat(KeyFile.parse("2 SHA1 933F62BE1D604E68A81B", Dialect.COMMON).lookup(2).orElseThrow().secretLength())
        .isEqualTo(20);
  }

  @Test
  void commentsAndBlankLinesPerDialect() throws Exception {
    String text = "\n   \n# c\n ! c\n;c\n%c\n\t7 MD5 a#b\n";
    assertThat(KeyFile.parse(text, Dialect.CHRONY).lookup(7)).contains(key(7, MacAlgorithm.MD5, ascii("a#b")));
    assertThat(KeyFile.parse(text, Dialect.COMMON).lookup(7)).contains(key(7, MacAlgorithm.MD5, ascii("a#b")));
    // ntpsec: '#' starts a comment anywhere, and ! ; % lines are not comments.
    assertThat(KeyFile.parse("# c\n7 MD5 a#b\n", Dialect.NTPSEC).lookup(7)).contains(key(7, MacAlgorithm.MD5, ascii("a")));
    assertRejected("# c\n! c\n", Dialect.NTPSEC, Reason.MALFORMED_LINE, 2);
    // Trailing comments: ntpsec and COMMON yes, chrony no (it sees four fields).
    String trailing = "8 SHA1 HEX:00ff # old key\n";
    assertThat(KeyFile.parse(trailing, Dialect.COMMON).lookup(8)).contains(key(8, MacAlgorithm.SHA1, new byte[] {0, -1}));
    assertRejected(trailing, Dialect.CHRONY, Reason.MALFORMED_LINE, 1);
    assertThat(KeyFile.parse("", Dialect.CHRONY).isEmpty()).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1} at line {2}")
  @CsvSource(delimiter = '|', value = {
      "CHRONY | 1 MD5 a b                | MALFORMED_LINE | 1",
      "CHRONY | 1                        | MALFORMED_LINE | 1",
      "NTPSEC | 1 abc                    | MALFORMED_LINE | 1",
      "NTPSEC | 1 MD5 abc 10.0.0.1       | MALFORMED_LINE | 1",
      "CHRONY | 0 MD5 abc                | BAD_KEY_ID | 1",
      "CHRONY | 4294967296 MD5 abc       | BAD_KEY_ID | 1",
      "CHRONY | 99999999999999999999 MD5 abc | BAD_KEY_ID | 1",
      "CHRONY | -1 MD5 abc               | BAD_KEY_ID | 1",
      "CHRONY | +1 MD5 abc               | BAD_KEY_ID | 1",
      "CHRONY | 0x10 MD5 abc             | BAD_KEY_ID | 1",
      "NTPSEC | 65536 MD5 abc            | BAD_KEY_ID | 1",
      "COMMON | 1 SHA3-256 abc           | UNKNOWN_TYPE | 1",
      "NTPSEC | 1 aes-192 000102030405060708090a0b0c0d0e0f1011121314151617 | UNKNOWN_TYPE | 1",
      "COMMON | 1 MD5 HEX:abc            | BAD_HEX | 1",
      "COMMON | 1 MD5 HEX:zz             | BAD_HEX | 1",
      "NTPSEC | 1 sha1 933F62BE1D604E68A81B557F18CFA200483F5B7 | BAD_HEX | 1",
      "NTPSEC | 1 sha1 933F62BE1D604E68A81B557F18CFA200483F5B7G | BAD_HEX | 1",
      "COMMON | 1 MD5 HEX:               | BAD_KEY_LENGTH | 1",
      "COMMON | 1 MD5 ASCII:             | BAD_KEY_LENGTH | 1",
      "COMMON | 1 AES128 HEX:7EA62AE64D190114D46D5A082F948E | BAD_KEY_LENGTH | 1",
      "COMMON | 1 AES128 abcdefghijklmno  | BAD_KEY_LENGTH | 1",
      "COMMON | 1 AES256 HEX:7EA62AE64D190114D46D5A082F948EC1 | BAD_KEY_LENGTH | 1",
      "NTPSEC | 1 sha1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20 | BAD_KEY_LENGTH | 1"})
  void badLinesAreTyped(Dialect dialect, String line, Reason reason, int lineNumber) {
    assertRejected(line, dialect, reason, lineNumber);
  }

  @Test
  void ascii16ByteKeyIsAValidAes128KeyInChronyDialect() throws Exception {
    assertThat(KeyFile.parse("1 AES128 abcdefghijklmnop", Dialect.CHRONY).lookup(1).orElseThrow().secretLength())
        .isEqualTo(16);
  }

  @Test
  void duplicateIdsAreRejectedAtTheSecondDefinition() {
    assertRejected("# keys\n5 MD5 a\n6 MD5 b\n\n5 SHA1 c\n", Dialect.COMMON, Reason.DUPLICATE_KEY_ID, 5);
    assertRejected("5 MD5 a\n005 MD5 b\n", Dialect.CHRONY, Reason.DUPLICATE_KEY_ID, 2);
  }

  @Test
  void nonAsciiControlAndOverlongLinesAreTyped() {
    assertRejected("1 MD5 caf\u00e9\n", Dialect.CHRONY, Reason.BAD_CHARACTER, 1);
    assertRejected("# caf\u00e9\n", Dialect.NTPSEC, Reason.BAD_CHARACTER, 1);
    assertRejected("1 MD5 a\u0000b\n", Dialect.COMMON, Reason.BAD_CHARACTER, 1);
    assertRejected("1 MD5 " + "a".repeat(KeyFile.MAX_LINE_LENGTH) + "\n", Dialect.CHRONY, Reason.LINE_TOO_LONG, 1);
  }

  @Test
  void typeNamesAreCaseInsensitiveAliases() {
    assertThat(KeyFile.algorithmOf("aes128cmac")).isEqualTo(MacAlgorithm.AES128_CMAC);
    assertThat(KeyFile.algorithmOf("Sha-1")).isEqualTo(MacAlgorithm.SHA1);
    assertThat(KeyFile.algorithmOf("m")).isEqualTo(MacAlgorithm.MD5);
    assertThat(KeyFile.algorithmOf("AES-256")).isEqualTo(MacAlgorithm.AES256_CMAC);
    assertThat(KeyFile.algorithmOf("SHA512")).isEqualTo(MacAlgorithm.SHA512);
    assertThat(KeyFile.algorithmOf("DES")).isNull();
  }

  @Test
  void errorsNeverQuoteKeyMaterial() {
    String secret = "Sup3rS3cretKey";
    for (String text : new String[] {"1 AES128 " + secret, "1 FOO " + secret, "1 MD5 HEX:" + secret, "1 MD5 x\n1 MD5 " + secret}) {
      assertThatThrownBy(() -> KeyFile.parse(text, Dialect.CHRONY))
          .isInstanceOf(KeyFileException.class)
          .message().doesNotContain(secret).doesNotContain("Sup3r");
    }
  }

  @Test
  void readsFilesAsBytesAndReaders(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chrony.keys");
    Files.writeString(file, CHRONY_MAN_EXAMPLE, StandardCharsets.US_ASCII);
    assertThat(KeyFile.parse(file, Dialect.CHRONY)).isEqualTo(KeyFile.parse(CHRONY_MAN_EXAMPLE, Dialect.CHRONY));
    assertThat(KeyFile.parse(new StringReader(CHRONY_MAN_EXAMPLE))).isEqualTo(KeyFile.parse(CHRONY_MAN_EXAMPLE));
    Path bad = dir.resolve("bad.keys");
    Files.write(bad, new byte[] {'1', ' ', 'M', 'D', '5', ' ', 'a', (byte) 0xC3, (byte) 0x28, '\n'});
    assertThatThrownBy(() -> KeyFile.parse(bad))
        .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CHARACTER));
  }

  static void assertRejected(String text, Dialect dialect, Reason reason, int lineNumber) {
    assertThatThrownBy(() -> KeyFile.parse(text, dialect))
        .isInstanceOfSatisfying(KeyFileException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.lineNumber()).isEqualTo(lineNumber);
          assertThat(e.getMessage()).startsWith(reason + " at line " + lineNumber);
        });
  }

  static SymmetricKey key(long id, MacAlgorithm algorithm, byte[] secret) {
    return SymmetricKey.of(id, algorithm, secret);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
