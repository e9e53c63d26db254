package org.ntpclock.benchmarks.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.nts.NtsClientSession;
import org.ntpclock.codec.nts.NtsException;
import org.ntpclock.codec.nts.NtsMasterKeys;
import org.ntpclock.codec.nts.NtsServerCodec;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.transport.NtpServer;
import org.ntpclock.codec.transport.NtsCredentials;
import org.ntpclock.codec.transport.NtsKeClient;
import org.ntpclock.codec.transport.NtsKeResult;
import org.ntpclock.codec.transport.NtsKeServer;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.SystemTimeSource;

/**
 * NTS throughput on loopback: ntpclock's {@code NtpServer} answering NTS (with its
 * {@code NtsKeServer}) against chronyd's NTS server, same certificate, same load, same run.
 *
 * <p>For each server: one real NTS-KE over TLS, one request whose reply is fully authenticated (so
 * both really speak NTS), then a bounded flood of 64 protected requests replayed round-robin (NTS
 * servers keep no per-client state, so a cookie opens every time) with at most {@code --window}
 * outstanding. A reply counts as valid when it is a mode-4, non-kiss reply longer than the header
 * that echoes one of the 64 Unique Identifiers. Rounds alternate between the servers; the median
 * per server and their ratio are printed.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.ntpclock.benchmarks.harness.NtsLoadHarness [--seconds 5] [--rounds 3] [--window 64]
 * }</pre>
 */
public final class NtsLoadHarness {
  private NtsLoadHarness() {}

  /**
   * Runs the comparison.
   *
   * @param args {@code --seconds N} (≤ 20), {@code --rounds N}, {@code --window N}, {@code --chronyd PATH}
   * @throws Exception on any failure; every process started is stopped
   */
  public static void main(String[] args) throws Exception {
    int seconds = Math.min(20, intArg(args, "--seconds", 5));
    int rounds = intArg(args, "--rounds", 3);
    int window = intArg(args, "--window", 64);
    String chronyd = stringArg(args, "--chronyd", "/usr/sbin/chronyd");
    Path dir = Files.createTempDirectory("nts-load");
    try (Processes processes = new Processes()) {
      Path cert = dir.resolve("cert.pem");
      Path key = dir.resolve("key.pem");
      processes.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
          "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"), dir.resolve("openssl.log"), 120);

      NtsMasterKeys masterKeys = NtsMasterKeys.create(InstantSource.system(), Duration.ofHours(1), 2);
      NtpResponder responder = NtpResponder.builder(SystemTimeSource.create()).nts(new NtsServerCodec(masterKeys, new SecureRandom())).build();
      try (NtpServer ours = NtpServer.builder(responder).bindAddress(InetAddress.getLoopbackAddress()).port(0).start();
          NtsKeServer oursKe = NtsKeServer.builder(NtsCredentials.fromPem(cert, key), masterKeys).port(0)
              .ntpPort(ours.localAddress().getPort()).start()) {
        int chronyNtp = freePort();
        int chronyKe = freePort();
        Path conf = dir.resolve("chrony.conf");
        Files.writeString(conf, String.join("\n", "port " + chronyNtp, "bindaddress 127.0.0.1", "allow 127.0.0.1", "local stratum 8",
            "cmdport 0", "pidfile " + dir.resolve("chronyd.pid"), "ntsdumpdir " + Files.createDirectories(dir.resolve("nts")),
            "ntsserverkey " + key, "ntsservercert " + cert, "ntsport " + chronyKe, ""), StandardCharsets.UTF_8);
        processes.start(List.of(chronyd, "-x", "-d", "-u", System.getProperty("user.name"), "-f", conf.toString()), dir.resolve("chronyd.log"));
        awaitTcp(chronyKe);

        NtsKeClient ke = NtsKeClient.builder(Duration.ofSeconds(20)).trustedCertificates(cert).build();
        // Warm the TLS stack on our own server first: chronyd drops slow handshakes.
        List<byte[]> oursRequests = requests(ke, oursKe.port());
        List<byte[]> chronyRequests = requests(ke, chronyKe);
        List<Double> oursRates = new ArrayList<>();
        List<Double> chronyRates = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          oursRates.add(flood(ours.localAddress().getPort(), oursRequests, seconds, window));
          chronyRates.add(flood(chronyNtp, chronyRequests, seconds, window));
        }
        double o = median(oursRates);
        double c = median(chronyRates);
        System.out.printf("NTS valid replies/s, median of %d rounds of %d s, window %d: ntpclock %.0f %s, chronyd %.0f %s, ratio %.2f%n",
            rounds, seconds, window, o, oursRates, c, chronyRates, o / c);
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One key exchange, one fully verified exchange, then 64 protected requests from the session. */
  private static List<byte[]> requests(NtsKeClient ke, int kePort) throws NtsException, IOException {
    NtsKeResult result = ke.exchange("127.0.0.1", kePort);
    NtsClientSession session = NtsClientSession.of(result.keys(), result.response(), new SecureRandom());
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.connect(new InetSocketAddress(result.ntpHost(), result.ntpPort()));
      channel.socket().setSoTimeout(5000);
      byte[] request = session.protect(request());
      channel.write(ByteBuffer.wrap(request));
      byte[] reply = new byte[2048];
      int n = receive(channel, reply);
      session.verify(Arrays.copyOf(reply, n)); // throws unless authenticated
    }
    List<byte[]> requests = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      if (session.cookieCount() == 0) {
        break;
      }
      requests.add(session.protect(request()));
    }
    // Fewer than 64 cookies: the requests repeat round-robin, which stateless servers accept.
    return requests;
  }

  private static int receive(DatagramChannel channel, byte[] into) throws IOException {
    java.net.DatagramPacket p = new java.net.DatagramPacket(into, into.length);
    channel.socket().receive(p);
    return p.getLength();
  }

  private static NtpPacket request() {
    return NtpPacket.builder().mode(Mode.CLIENT).transmitTimestamp(NtpTimestamp.fromInstant(Instant.now())).build();
  }

  /** A bounded flood; returns valid replies per second. */
  private static double flood(int port, List<byte[]> requests, int seconds, int window) throws IOException {
    Set<Long> uids = new HashSet<>();
    for (byte[] r : requests) {
      uids.add(ByteBuffer.wrap(r).getLong(52));
    }
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      channel.configureBlocking(false);
      ByteBuffer in = ByteBuffer.allocateDirect(2048);
      long valid = 0;
      int outstanding = 0;
      int next = 0;
      long start = System.nanoTime();
      long end = start + Duration.ofSeconds(seconds).toNanos();
      long lastReply = start;
      while (System.nanoTime() < end) {
        while (outstanding < window) {
          byte[] r = requests.get(next++ % requests.size());
          if (channel.write(ByteBuffer.wrap(r)) == 0) {
            break;
          }
          outstanding++;
        }
        in.clear();
        if (channel.read(in) > 0) {
          outstanding--;
          lastReply = System.nanoTime();
          in.flip();
          if (in.remaining() > 88 && (in.get(0) & 7) == 4 && in.get(1) != 0 && uids.contains(in.getLong(52))) {
            valid++;
          }
        } else if (System.nanoTime() - lastReply > 50_000_000L) {
          outstanding = 0; // treat the window as lost
          lastReply = System.nanoTime();
        }
      }
      return valid / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static void awaitTcp(int port) throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IOException("chronyd's NTS-KE port " + port + " did not open");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static int intArg(String[] args, String name, int fallback) {
    return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
