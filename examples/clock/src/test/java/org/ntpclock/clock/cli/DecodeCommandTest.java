package org.ntpclock.clock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntpclock.codec.ExtensionField;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.auth.KeyFile;
import org.ntpclock.codec.auth.NtpAuthenticator;
import org.ntpclock.codec.auth.SymmetricKey;
import org.ntpclock.clock.json.JsonObject;

class DecodeCommandTest {
  /** A v4 server reply captured by ntpd-rs from PTB's stratum-2 server. */
  static final String GOLDEN_SERVER = "24 02 06 e9 00000236 000003b7 c035676c e5f661fd6f165f03"
      + " e5f663a87619ef40 e5f663a8798c6581 e5f663a8798eae2b";

  @Test
  void goldenServerPacketHasEveryKey() {
    JsonObject o = CliRun.of("decode", "--json", GOLDEN_SERVER).json();
    assertThat(o.members()).containsOnlyKeys("leap", "version", "mode", "stratum", "poll", "precision",
        "rootDelay", "rootDispersion", "referenceId", "kissCode", "referenceTime", "originTime",
        "receiveTime", "transmitTime", "extensions", "mac");
    assertThat(o.get("leap")).hasToString("0");
    assertThat(o.get("version")).hasToString("4");
    assertThat(o.get("mode")).hasToString("4");
    assertThat(o.get("stratum")).hasToString("2");
    assertThat(o.get("poll")).hasToString("6");
    assertThat(o.get("precision")).hasToString("-23");
    assertThat(o.get("rootDelay")).isEqualTo("0.008636474609375"); // 566/65536 exactly
    assertThat(o.get("rootDispersion")).isEqualTo("0.0145111083984375"); // 951/65536
    assertThat(o.get("referenceId")).isEqualTo("192.53.103.108");
    assertThat(o.get("kissCode")).isNull();
    JsonObject transmit = (JsonObject) o.get("transmitTime");
    assertThat(transmit.get("hex")).isEqualTo("e5f663a8.798eae2b");
    assertThat(transmit.get("iso")).isEqualTo("2022-04-05T06:43:52.474833379Z");
    assertThat(((JsonObject) o.get("originTime")).get("iso")).isEqualTo("2022-04-05T06:43:52.461333230Z");
    assertThat(o.get("extensions")).isEqualTo(List.of());
    assertThat(o.get("mac")).isNull();
  }

  @Test
  void clientPacketWithZeroTimestampsHasNullIso() {
    // A data-minimised client request: only the transmit timestamp is set.
    JsonObject o = CliRun.of("decode", "--json", "23000000" + "0".repeat(72) + "e5f663a8798eae2b").json();
    JsonObject reference = (JsonObject) o.get("referenceTime");
    assertThat(reference.get("hex")).isEqualTo("00000000.00000000");
    assertThat(reference.has("iso")).isTrue();
    assertThat(reference.get("iso")).isNull();
    assertThat(o.get("mode")).hasToString("3");
  }

  @Test
  void kissOfDeathShowsItsCode() {
    String kod = "e4000000 00000000 00000000 52415445" + "0".repeat(64);
    JsonObject o = CliRun.of("decode", "--json", kod).json();
    assertThat(o.get("kissCode")).isEqualTo("RATE");
    assertThat(o.get("referenceId")).isEqualTo("RATE");
    assertThat(o.get("leap")).hasToString("3");
  }

  @Test
  void textOutputIsATable() {
    CliRun run = CliRun.of("decode", GOLDEN_SERVER);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("referenceId", "192.53.103.108", "transmitTime.iso", "2022-04-05T06:43:52.474833379Z");
  }

  @Test
  void macIsShownAndCheckedWithAKeyFile(@TempDir Path dir) throws Exception {
    String keys = "1 SHA1 HEX:1f2e3d4c5b6a79880102030405060708090a0b0c\n";
    Path keyfile = Files.writeString(dir.resolve("chrony.keys"), keys);
    SymmetricKey key = KeyFile.parse(keys).lookup(1).orElseThrow();
    ByteBuffer buffer = ByteBuffer.allocate(128);
    NtpPacket.decode(HexFormat.of().parseHex(GOLDEN_SERVER.replace(" ", ""))).encode(buffer);
    NtpAuthenticator.appendMac(buffer, 0, key);
    byte[] signed = new byte[buffer.position()];
    buffer.flip().get(signed);
    String hex = HexFormat.of().formatHex(signed);

    JsonObject good = CliRun.of("decode", "--json", "--keyfile", keyfile.toString(), hex).json();
    assertThat(((JsonObject) good.get("mac")).get("keyId")).hasToString("1");
    assertThat((String) ((JsonObject) good.get("mac")).get("digest")).hasSize(40);
    assertThat(good.get("macValid")).isEqualTo(true);

    signed[20] ^= 1; // tamper with the reference timestamp
    JsonObject bad = CliRun.of("decode", "--json", "--keyfile", keyfile.toString(), HexFormat.of().formatHex(signed)).json();
    assertThat(bad.get("macValid")).isEqualTo(false);

    JsonObject none = CliRun.of("decode", "--json", "--keyfile", keyfile.toString(), GOLDEN_SERVER).json();
    assertThat(none.has("macValid")).isTrue();
    assertThat(none.get("macValid")).isNull();
    assertThat(CliRun.of("decode", "--json", GOLDEN_SERVER).json().has("macValid")).isFalse();
  }

  @Test
  void extensionFieldsAreListedWithTypeAndLength() throws Exception {
    NtpPacket golden = NtpPacket.decode(HexFormat.of().parseHex(GOLDEN_SERVER.replace(" ", "")));
    NtpPacket withFields = golden.toBuilder()
        .addExtensionField(ExtensionField.ofPadded(ExtensionField.NTS_UNIQUE_IDENTIFIER, new byte[32], 16))
        .addExtensionField(ExtensionField.ofPadded(0x2005, new byte[3], 28))
        .build();
    JsonObject o = CliRun.of("decode", "--json", HexFormat.of().formatHex(withFields.toByteArray())).json();
    assertThat(o.get("extensions").toString()).isEqualTo(
        "[{\"type\":260,\"length\":36}, {\"type\":8197,\"length\":28}]");
  }

  @Test
  void badHexIsBadUsage() {
    CliRun.of("decode", "24 02 zz").fails(2, "ntpclock decode:", "bad hex", "'z'");
    CliRun.of("decode", "240").fails(2, "bad hex", "odd number");
  }

  @Test
  void missingHexIsBadUsage() {
    CliRun.of("decode").fails(2, "HEX");
  }

  @Test
  void malformedPacketExitsOneWithReasonAndOffset() {
    CliRun.of("decode", "240206e9").fails(1, "malformed packet", "TOO_SHORT", "offset");
    // 48-byte header plus 8 stray bytes: neither extension field nor MAC.
    CliRun.of("decode", GOLDEN_SERVER + " 0102030405060708").fails(1, "MALFORMED_MAC", "offset 48");
    // VN 7: versions above 4 are not NTP and must fail.
    CliRun.of("decode", "3c" + GOLDEN_SERVER.replace(" ", "").substring(2)).fails(1, "UNSUPPORTED_VERSION", "offset 0");
  }

  @Test
  void missingKeyFileIsBadUsage(@TempDir Path dir) {
    CliRun.of("decode", "--keyfile", dir.resolve("nope.keys").toString(), GOLDEN_SERVER).fails(2, "key file not found");
  }

  @Test
  void brokenKeyFileIsBadUsageWithTheLine(@TempDir Path dir) throws Exception {
    Path keyfile = Files.writeString(dir.resolve("bad.keys"), "1 SHA1 HEX:abc\n");
    CliRun.of("decode", "--keyfile", keyfile.toString(), GOLDEN_SERVER).fails(2, "bad key file", "line 1");
  }
}
