package org.ntpclock.clock.cli;

import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.ntpclock.codec.ExtensionField;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.codec.ReferenceIdMeaning;
import org.ntpclock.codec.auth.KeyStore;
import org.ntpclock.codec.auth.NtpAuthenticator;
import org.ntpclock.core.EraResolver;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.clock.app.TimeFields;
import org.ntpclock.clock.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntpclock decode}: decodes one NTP packet given in hex. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Decode an NTP packet given as hex.",
      "",
      "Whitespace is allowed, also across several arguments. Strict RFC 5905/7822 framing, versions "
          + "1..4. Timestamps resolve their era by the RFC 4330 pivot (1968..2104), nanoseconds truncated; "
          + "00000000.00000000 is 'unknown' (iso null). A malformed packet exits 1 with the reason and "
          + "the byte offset."
    })
final class DecodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(arity = "1..*", paramLabel = "HEX", description = "The packet bytes in hex.")
  List<String> hex;

  @Option(names = "--keyfile", paramLabel = "FILE", description = "chrony/ntpd key file to verify the MAC with (adds macValid).")
  Path keyfile;

  @Override
  public Integer call() {
    byte[] bytes = parseHex(String.join("", hex));
    KeyStore keys = keyfile == null ? null : Keys.load(keyfile);
    NtpPacket packet;
    try {
      packet = NtpPacket.decode(bytes, ParsePolicy.server());
    } catch (NtpDecodeException e) {
      throw CliException.failed("malformed packet: " + e.reason() + " at byte offset " + e.offset()
          + " (" + bytes.length + " bytes)");
    }
    JsonObject o = JsonObject.create()
        .put("leap", packet.leap().code())
        .put("version", packet.version())
        .put("mode", packet.mode().code())
        .put("stratum", packet.stratum())
        .put("poll", packet.poll())
        .put("precision", packet.precision())
        .put("rootDelay", TimeFields.plain(packet.rootDelay().toSeconds()))
        .put("rootDispersion", TimeFields.plain(packet.rootDispersion().toSeconds()))
        .put("referenceId", packet.referenceId().describe(packet.stratum()))
        .put("kissCode", packet.referenceIdMeaning() instanceof ReferenceIdMeaning.Kiss kiss
            ? kiss.referenceId().toAscii() : null)
        .put("referenceTime", timestamp(packet.referenceTimestamp()))
        .put("originTime", timestamp(packet.originTimestamp()))
        .put("receiveTime", timestamp(packet.receiveTimestamp()))
        .put("transmitTime", timestamp(packet.transmitTimestamp()));
    List<Object> extensions = new ArrayList<>();
    for (ExtensionField field : packet.extensionFields()) {
      extensions.add(JsonObject.create().put("type", field.type()).put("length", field.length()));
    }
    o.put("extensions", extensions);
    o.put("mac", packet.mac()
        .map(mac -> (Object) JsonObject.create()
            .put("keyId", mac.keyId())
            .put("digest", HexFormat.of().formatHex(mac.digest())))
        .orElse(null));
    if (keys != null) {
      o.put("macValid", packet.mac().isEmpty()
          ? null
          : NtpAuthenticator.check(java.nio.ByteBuffer.wrap(bytes), ParsePolicy.server(), keys).isValid());
    }
    Output.print(spec.commandLine().getOut(), o, json.json);
    return 0;
  }

  static JsonObject timestamp(NtpTimestamp ts) {
    return JsonObject.create()
        .put("hex", ts.toString())
        .put("iso", ts.isUnknown() ? null : ts.toInstant(EraResolver.defaultResolver(), RoundingMode.FLOOR).toString());
  }

  static byte[] parseHex(String text) {
    String digits = text.replaceAll("\\s+", "");
    if (digits.isEmpty()) {
      throw CliException.usage("bad hex: no digits");
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        throw CliException.usage("bad hex: '" + digits.charAt(i) + "' at digit " + i + " is not a hex digit");
      }
    }
    if (digits.length() % 2 != 0) {
      throw CliException.usage("bad hex: odd number of digits (" + digits.length() + ")");
    }
    return HexFormat.of().parseHex(digits);
  }
}
