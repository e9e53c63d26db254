package org.ntpclock.clock.cli;

import com.google.common.net.HostAndPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ntpclock.clock.json.JsonObject;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.transport.NtsKeClient;
import org.ntpclock.codec.transport.NtsKeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntpclock nts-ke}: runs one NTS key exchange and prints what was negotiated. */
@Command(
    name = "nts-ke",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run an NTS key exchange (RFC 8915, TLS 1.3, ALPN ntske/1) and print the negotiation: TLS stack, "
          + "AEAD, cookie count and length, and the NTP server and port to use. A certificate, TLS or "
          + "negotiation failure exits 1 naming its reason (e.g. CERTIFICATE_UNTRUSTED, HOSTNAME_MISMATCH, "
          + "NO_COMMON_AEAD)."
    })
final class NtsKeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(paramLabel = "HOST[:PORT]", description = "The NTS-KE server (port 4460 unless given).")
  String host;

  @Option(names = "--ca", paramLabel = "FILE", description = "Trust only the CA certificates of this PEM file instead of the JDK's trust store.")
  Path ca;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Bound on connecting, the handshake and each read (default ${DEFAULT-VALUE}).")
  int timeout;

  @Override
  public Integer call() {
    if (timeout < 1 || timeout > 60) {
      throw CliException.usage("invalid value for --timeout: " + timeout + " (expected 1..60)");
    }
    HostAndPort hp;
    try {
      hp = HostAndPort.fromString(host).withDefaultPort(NtsKeClient.DEFAULT_PORT);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid server '" + host + "': " + e.getMessage());
    }
    if (hp.getPort() < 1 || hp.getPort() > 65535) {
      throw CliException.usage("invalid server '" + host + "': port " + hp.getPort() + " out of range 1..65535");
    }
    NtsKeClient.Builder client = NtsKeClient.builder(Duration.ofSeconds(timeout));
    if (ca != null) {
      CliFiles.certificates("--ca", ca); // a bad file is a usage error now, not a failed exchange later
      client.trustedCertificates(ca);
    }
    NtsKeResult result;
    try {
      result = client.build().exchange(hp.getHost(), hp.getPort());
    } catch (NtsException e) {
      throw CliException.failed(hp + ": " + e.getMessage(), e);
    }
    int cookieLength = result.response().cookies().get(0).length;
    JsonObject o = JsonObject.create()
        .put("server", hp.toString())
        .put("tls", result.tlsStack())
        .put("aead", "AEAD_" + result.response().aead().name())
        .put("aeadId", result.response().aead().id())
        .put("cookies", result.response().cookies().size())
        .put("cookieLength", cookieLength)
        .put("ntpServer", result.ntpHost())
        .put("ntpPort", result.ntpPort())
        .put("warnings", result.response().warnings().stream().map(w -> (Object) w).toList());
    Output.print(spec.commandLine().getOut(), o, json.json);
    return 0;
  }
}
