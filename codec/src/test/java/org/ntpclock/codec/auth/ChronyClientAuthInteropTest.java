package org.ntpclock.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ntpclock.codec.auth.KeyFile.Dialect;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.testing.RequiresTool;
import org.ntpclock.core.testing.Tools;

/**
 * The other direction of {@link ChronyAuthInteropTest}: a {@code chronyd -Q} client configured with
 * a key sends signed requests to a minimal responder here; its MACs must verify with this library,
 * and the replies this library signs must be accepted by chronyd (it reports an offset only from
 * authenticated replies of a source with a key).
 */
@RequiresTool("chronyd")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChronyClientAuthInteropTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int CHRONY_TIMEOUT_S = 12;

  private final SecureRandom random = new SecureRandom();
  private final List<AuthResult> requests = new CopyOnWriteArrayList<>();
  private Path dir;
  private KeyStore keys;
  private DatagramSocket server;
  private Thread responder;

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("ntpclock-chrony-client-auth");
    HexFormat hex = HexFormat.of();
    Path keyFile = dir.resolve("chrony.keys");
    Files.writeString(keyFile, String.join("\n",
        "1 MD5 HEX:" + hex.formatHex(randomBytes(20)),
        "2 AES128 HEX:" + hex.formatHex(randomBytes(16)),
        ""), StandardCharsets.US_ASCII);
    keys = KeyFile.parse(keyFile, Dialect.CHRONY);
    server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    if (responder != null) {
      responder.join(5000);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void chronydClientAcceptsRepliesSignedHereWithAes128Cmac() throws Exception {
    startResponder(keys);
    String out = runChronyClient(2);
    assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r).isEqualTo(new AuthResult(AuthStatus.VALID, 2)));
    assertThat(out).contains("System clock wrong by");
  }

  @Test
  void chronydClientAcceptsRepliesSignedHereWithMd5() throws Exception {
    startResponder(keys);
    String out = runChronyClient(1);
    assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r).isEqualTo(new AuthResult(AuthStatus.VALID, 1)));
    assertThat(out).contains("System clock wrong by");
  }

  /**
   * Control: replies signed with another secret under the same key id are discarded by chronyd,
   * which then finds no usable source and reports no offset.
   */
  @Test
  void chronydClientIgnoresRepliesSignedWithAnotherSecret() throws Exception {
    startResponder(KeyStore.of(SymmetricKey.of(2, MacAlgorithm.AES128_CMAC, randomBytes(16))));
    String out = runChronyClient(2);
    assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r).isEqualTo(new AuthResult(AuthStatus.VALID, 2)));
    assertThat(out).doesNotContain("System clock wrong by").contains("No suitable source");
  }

  /**
   * Answers every request whose MAC names a key of {@code signing}, whether or not it verifies
   * against this test's keys (so the control can sign with a wrong secret), recording the outcome.
   */
  private void startResponder(KeyStore signing) {
    responder = new Thread(() -> {
      byte[] buf = new byte[1024];
      while (!server.isClosed()) {
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        try {
          server.receive(in);
        } catch (SocketException closed) {
          return;
        } catch (IOException e) {
          return;
        }
        long received = nowBits();
        byte[] request = Arrays.copyOf(buf, in.getLength());
        if (request.length < 48) {
          continue;
        }
        AuthResult result = NtpAuthenticator.verify(request, 48, request.length, keys);
        requests.add(result);
        SymmetricKey key = signing.lookup(result.keyId()).orElse(null);
        if (key == null) {
          continue;
        }
        byte[] reply = new byte[48 + NtpAuthenticator.macLength(key)];
        reply[0] = 0x24; // LI 0, v4, server
        reply[1] = 2; // stratum
        reply[2] = request[2]; // poll
        reply[3] = (byte) -20; // precision about 1 us
        reply[11] = 0x10; // root dispersion 16/65536 s
        reply[12] = 127;
        reply[15] = 1; // refid 127.0.0.1
        putBits(reply, 16, received - (1L << 32)); // reference: a second ago
        System.arraycopy(request, 40, reply, 24, 8); // origin = request transmit
        putBits(reply, 32, received);
        putBits(reply, 40, nowBits());
        NtpAuthenticator.sign(reply, 0, 48, key, reply, 48);
        try {
          server.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
        } catch (IOException e) {
          return;
        }
      }
    }, "ntp-auth-responder");
    responder.setDaemon(true);
    responder.start();
  }

  /** Runs {@code chronyd -Q} against the responder and returns its output. */
  private String runChronyClient(long keyId) throws Exception {
    Path log = dir.resolve("chronyd-" + keyId + ".log");
    Process chronyd = new ProcessBuilder(Tools.require("chronyd").toString(),
        "-Q", "-t", Integer.toString(CHRONY_TIMEOUT_S), "-u", "root",
        "server 127.0.0.1 port " + server.getLocalPort() + " key " + keyId + " iburst minpoll -2 maxpoll -2",
        "keyfile " + dir.resolve("chrony.keys"),
        "pidfile " + dir.resolve("chronyd.pid"),
        "cmdport 0")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      if (!chronyd.waitFor(CHRONY_TIMEOUT_S + 10, TimeUnit.SECONDS)) {
        throw new AssertionError("chronyd -Q did not stop by itself");
      }
    } finally {
      chronyd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    return Files.readString(log, StandardCharsets.ISO_8859_1);
  }

  private static long nowBits() {
    Instant now = Instant.now();
    return NtpTimestamp.bitsOf(now.getEpochSecond(), now.getNano());
  }

  private static void putBits(byte[] b, int offset, long bits) {
    for (int i = 0; i < 8; i++) {
      b[offset + i] = (byte) (bits >>> (56 - 8 * i));
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
