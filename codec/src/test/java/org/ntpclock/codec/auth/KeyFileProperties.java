package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ntpclock.codec.auth.KeyFile.Dialect;

/** Law: a key file written in a dialect's syntax parses back to exactly the keys written. */
class KeyFileProperties {

  @Property(tries = 200)
  void chronyFilesRoundTrip(@ForAll("keySets") List<SymmetricKey> keys, @ForAll("blanks") List<String> blanks) throws Exception {
    StringBuilder file = new StringBuilder("# written by KeyFileProperties\n");
    int i = 0;
    for (SymmetricKey k : keys) {
      String sep = blanks.get(i++ % blanks.size());
      String secret = printable(k.secret()) && i % 2 == 0
          ? "ASCII:" + new String(k.secret(), StandardCharsets.US_ASCII)
          : "HEX:" + Hex.of(k.secret()).toUpperCase(Locale.ROOT);
      file.append(k.keyId()).append(sep).append(k.algorithm().chronyName()).append(sep).append(secret).append('\n');
      if (i % 3 == 0) {
        file.append("\n% comment\n");
      }
    }
    assertThat(KeyFile.parse(file.toString(), Dialect.CHRONY)).isEqualTo(KeyStore.of(keys));
    assertThat(KeyFile.parse(file.toString(), Dialect.COMMON)).isEqualTo(KeyStore.of(keys));
  }

  @Property(tries = 200)
  void ntpsecFilesRoundTrip(@ForAll("keySets") List<SymmetricKey> all, @ForAll("blanks") List<String> blanks) throws Exception {
    List<SymmetricKey> keys = new ArrayList<>();
    StringBuilder file = new StringBuilder();
    int i = 0;
    for (SymmetricKey k : all) {
      byte[] s = k.secret();
      String secret;
      if (printable(s) && s.length <= 20 && !new String(s, StandardCharsets.US_ASCII).contains("#")) {
        secret = new String(s, StandardCharsets.US_ASCII);
      } else if (s.length > 10 && s.length <= 32) {
        secret = Hex.of(s);
      } else {
        continue; // not expressible in ntp.keys
      }
      if (k.keyId() > 65535) {
        continue;
      }
      keys.add(k);
      String sep = blanks.get(i++ % blanks.size());
      file.append(k.keyId()).append(sep).append(ntpsecName(k.algorithm())).append(sep).append(secret)
          .append(i % 2 == 0 ? sep + "# comment\n" : "\r\n");
    }
    assertThat(KeyFile.parse(file.toString(), Dialect.NTPSEC)).isEqualTo(KeyStore.of(keys));
  }

  @Provide
  Arbitrary<List<SymmetricKey>> keySets() {
    Arbitrary<Long> ids = Arbitraries.oneOf(Arbitraries.longs().between(1, 65535), Arbitraries.longs().between(1, SymmetricKey.MAX_KEY_ID));
    Arbitrary<MacAlgorithm> algorithms = Arbitraries.of(MacAlgorithm.class);
    Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40);
    Arbitrary<byte[]> printableBytes = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(20)
        .map(s -> s.getBytes(StandardCharsets.US_ASCII));
    Arbitrary<SymmetricKey> key = Combinators.combine(ids, algorithms, Arbitraries.oneOf(anyBytes, printableBytes),
        Arbitraries.bytes().array(byte[].class).ofSize(32))
        .as((id, alg, secret, cipherKey) -> alg.isCmac()
            ? SymmetricKey.of(id, alg, java.util.Arrays.copyOf(cipherKey, alg.requiredKeyLength()))
            : SymmetricKey.of(id, alg, secret));
    return key.list().ofMaxSize(12).uniqueElements(SymmetricKey::keyId);
  }

  @Provide
  Arbitrary<List<String>> blanks() {
    return Arbitraries.strings().withChars(' ', '\t').ofMinLength(1).ofMaxLength(3).list().ofMinSize(1).ofMaxSize(4);
  }

  private static boolean printable(byte[] s) {
    for (byte b : s) {
      if (b <= 0x20 || b >= 0x7F) {
        return false;
      }
    }
    // A key spelled like a prefix would be read as one.
    String t = new String(s, StandardCharsets.US_ASCII);
    return !t.startsWith("HEX:") && !t.startsWith("ASCII:");
  }

  private static String ntpsecName(MacAlgorithm a) {
    switch (a) {
      case AES128_CMAC:
        return "AES-128";
      case AES256_CMAC:
        return "aes-256";
      case SHA1:
        return "SHA-1";
      default:
        return a.name().toLowerCase(Locale.ROOT);
    }
  }
}
