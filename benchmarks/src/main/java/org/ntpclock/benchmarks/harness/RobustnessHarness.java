package org.ntpclock.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reproduces every case of the hardening issue against the real {@code ntpclock} jar on loopback and
 * prints one line per case with its figure: slow and idle HTTP clients, bursts of connections,
 * oversized request heads, bad files and values on the command line, a flood against the rate
 * limiter with each leak choice, a polite and a new client while a flood of new addresses overflows
 * the client table, and requests from network and broadcast source addresses.
 *
 * <p>Bounded: every wait has a deadline, every loop a count, the whole run a watchdog (10 min);
 * loopback only (127.0.0.0/8: the flood's many source addresses are loopback addresses bound one
 * after the other); every process started is stopped at the end, whatever happens.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * org.ntpclock.benchmarks.harness.RobustnessHarness --jar PATH/ntpclock.jar [--work DIR]}; the
 * script {@code benchmarks/robustness.sh} builds both jars and runs it.
 */
public final class RobustnessHarness {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Pattern NTP_LINE = Pattern.compile("NTP server on udp [^:]+:(\\d+)");
  private static final Pattern HTTP_LINE = Pattern.compile("HTTP server on http://[^:]+:(\\d+)/time");
  private static final long NTP_UNIX_OFFSET = 2_208_988_800L;
  private static final int WATCHDOG_MINUTES = 10;
  private static final int FLOOD_BURST = 12;
  /** The polite client's poll, 4 s: exactly the one request per 2^2 s that {@code --rate-limit 2:8:L} allows. */
  private static final long POLITE_POLL_MILLIS = 4000;

  private final Path jar;
  private final Path work;
  private final Processes processes = new Processes();

  private RobustnessHarness(Path jar, Path work) {
    this.jar = jar;
    this.work = work;
  }

  /**
   * Runs every case.
   *
   * @param args {@code --jar PATH} and optionally {@code --work DIR}
   * @throws Exception if a step cannot run at all; started processes are stopped first
   */
  public static void main(String[] args) throws Exception {
    Path jar = null;
    Path work = Files.createTempDirectory("ntpclock-robustness");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--jar" -> jar = Paths.get(args[i + 1]);
        case "--work" -> work = Files.createDirectories(Paths.get(args[i + 1]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("--jar must name the built ntpclock.jar");
    }
    RobustnessHarness h = new RobustnessHarness(jar, work);
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.MINUTES.toMillis(WATCHDOG_MINUTES));
        System.out.println("watchdog: the harness overran " + WATCHDOG_MINUTES + " min, stopping");
        h.processes.stopAll();
        Runtime.getRuntime().halt(3);
      } catch (InterruptedException e) {
        // Finished in time.
      }
    }, "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Runtime.getRuntime().addShutdownHook(new Thread(h.processes::stopAll));
    try {
      h.run();
    } finally {
      h.processes.stopAll();
      watchdog.interrupt();
    }
  }

  private void run() throws Exception {
    System.out.println("# java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, load average at start " + loadAverage());
    httpCases();
    cliCases();
    floodCases();
    tableCases();
    sourceAddressCases();
    System.out.println("# load average at end " + loadAverage());
  }

  /** The 1-minute load average: the figures are only as good as the machine was quiet. */
  private static String loadAverage() {
    try {
      return Files.readString(Paths.get("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  // ---------------------------------------------------------------- HTTP

  private void httpCases() throws Exception {
    try (Serve serve = serve("http", List.of())) {
      int port = serve.httpPort;
      // Warm-up (JIT of both sides), not reported.
      probeTime(port, 200);
      // 1. The reproduction: two half requests held open.
      List<Socket> two = openSlow(port, 2);
      Latencies probe = probeTime(port, 20);
      line("slow-http-2", "2 half requests held; /time " + probe.summary());
      closeAll(two);

      // 2. 500 of them, held while /time is probed 500 times.
      List<Socket> slow = openSlow(port, 500);
      long opened = System.nanoTime();
      Latencies many = probeTime(port, 500);
      int stillOpen = countOpen(slow);
      line("slow-http-500", "500 half requests held (" + stillOpen + " still open after the probes); /time "
          + many.summary());

      // 3. The idle timeout: how long until the server closes those half requests.
      Latencies closedAfter = awaitClosed(slow, opened, 30);
      line("idle-close", "server closed " + closedAfter.count() + " of 500 idle half requests after "
          + ms(closedAfter.percentile(50)) + " (median; max " + ms(closedAfter.max()) + ")");
      closeAll(slow);

      // 4. Bursts: every connection opened at once; the same against a bare JDK server as the peer.
      try (Serve peer = start("peer", List.of(java(), "-cp", peerClassPath(), BareJdkHttpServer.class.getName()))) {
        probeTime(peer.httpPort, 200);
        for (int n : new int[] {400, 2000}) {
          Burst b = burst(port, n, 30);
          Burst p = burst(peer.httpPort, n, 30);
          line("burst-" + n, n + " simultaneous GET /time: " + b.ok + " answered 200, " + (n - b.ok) + " failed; "
              + b.latencies.summaryTimes() + "; all done in " + ms(b.totalNanos) + " (bare JDK server, backlog 4096, same run: "
              + p.ok + " answered, p99 " + ms(p.latencies.percentile(99)) + ", all done in " + ms(p.totalNanos) + "; ratio "
              + String.format(Locale.ROOT, "%.2f", (double) b.totalNanos / p.totalNanos) + ")");
        }
      }

      // 5. Oversized request heads.
      line("uri-20k", "request line of 20 KiB -> " + status(port, "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
      line("headers-20k", "20 KiB header -> " + status(port, "GET /time HTTP/1.1\r\nHost: x\r\nX: " + "b".repeat(20_000)
          + "\r\n\r\n"));
      line("garbage", "binary garbage -> " + status(port, "\u0001\u0002\u0003\r\n\r\n"));
    }
  }

  private static List<Socket> openSlow(int port, int n) throws IOException {
    List<Socket> sockets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Socket s = new Socket(LOOPBACK, port);
      s.getOutputStream().write("GET /ti".getBytes(StandardCharsets.ISO_8859_1));
      sockets.add(s);
    }
    return sockets;
  }

  private static void closeAll(List<Socket> sockets) {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing a probe socket: nothing to do.
      }
    }
  }

  /** How many of the sockets the server has not closed yet (a read would block). */
  private static int countOpen(List<Socket> sockets) throws IOException {
    int open = 0;
    for (Socket s : sockets) {
      s.setSoTimeout(1);
      try {
        if (s.getInputStream().read() >= 0) {
          open++; // An error response is still an open connection until EOF.
        }
      } catch (SocketTimeoutException e) {
        open++;
      } catch (IOException e) {
        // Reset: closed.
      }
    }
    return open;
  }

  /** Waits (at most {@code seconds}) for the server to close each socket; the times since {@code since}. */
  private static Latencies awaitClosed(List<Socket> sockets, long since, int seconds) throws IOException {
    Latencies closed = new Latencies();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (Socket s : sockets) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      s.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      try {
        InputStream in = s.getInputStream();
        while (in.read() >= 0) {
          // Drain an error response up to the close.
        }
        closed.add(System.nanoTime() - since);
      } catch (SocketTimeoutException e) {
        // Still open at the deadline.
      } catch (IOException e) {
        closed.add(System.nanoTime() - since);
      }
    }
    return closed;
  }

  private static Latencies probeTime(int port, int n) {
    Latencies l = new Latencies();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      try {
        if (status(port, "GET /time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startsWith("200")) {
          l.add(System.nanoTime() - t0);
        } else {
          l.fail();
        }
      } catch (IOException e) {
        l.fail();
      }
    }
    return l;
  }

  /** Sends raw bytes and returns the response's status code and reason (5 s timeout). */
  private static String status(int port, String request) throws IOException {
    try (Socket s = new Socket(LOOPBACK, port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      StringBuilder line = new StringBuilder();
      InputStream in = s.getInputStream();
      for (int c = in.read(); c >= 0 && c != '\r' && line.length() < 200; c = in.read()) {
        line.append((char) c);
      }
      String text = line.toString();
      return text.startsWith("HTTP/1.1 ") ? text.substring(9) : "no response (" + text + ")";
    } catch (SocketTimeoutException e) {
      return "timeout";
    }
  }

  private record Burst(int ok, Latencies latencies, long totalNanos) {}

  /** Opens {@code n} connections at once (non-blocking), each sending one GET /time. */
  private static Burst burst(int port, int n, int seconds) throws IOException {
    byte[] request = "GET /time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    Latencies l = new Latencies();
    int ok = 0;
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
    try (Selector selector = Selector.open()) {
      List<SocketChannel> channels = new ArrayList<>(n);
      try {
        for (int i = 0; i < n; i++) {
          SocketChannel ch = SocketChannel.open();
          channels.add(ch);
          ch.configureBlocking(false);
          ch.connect(new InetSocketAddress(LOOPBACK, port));
          ch.register(selector, SelectionKey.OP_CONNECT, new long[] {System.nanoTime(), 0});
        }
        int done = 0;
        while (done < n && System.nanoTime() < deadline) {
          selector.select(100);
          for (SelectionKey key : selector.selectedKeys()) {
            if (!key.isValid() || !key.isConnectable()) {
              continue;
            }
            SocketChannel ch = (SocketChannel) key.channel();
            long[] state = (long[]) key.attachment();
            try {
              {
                ch.finishConnect();
                ch.write(ByteBuffer.wrap(request));
                key.interestOps(SelectionKey.OP_READ);
                key.attach(new Object[] {state, ByteBuffer.allocate(2048)});
              }
            } catch (IOException e) {
              key.cancel();
              ch.close();
              done++;
              l.fail();
            }
          }
          for (SelectionKey key : selector.selectedKeys()) {
            if (!key.isValid() || !(key.attachment() instanceof Object[] pair) || !key.isReadable()) {
              continue;
            }
            SocketChannel ch = (SocketChannel) key.channel();
            ByteBuffer buf = (ByteBuffer) pair[1];
            try {
              int r = ch.read(buf);
              if (r < 0 || !buf.hasRemaining()) {
                String head = new String(buf.array(), 0, Math.min(12, buf.position()), StandardCharsets.ISO_8859_1);
                key.cancel();
                ch.close();
                done++;
                if (head.startsWith("HTTP/1.1 200")) {
                  ok++;
                  l.add(System.nanoTime() - ((long[]) pair[0])[0]);
                } else {
                  l.fail();
                }
              }
            } catch (IOException e) {
              key.cancel();
              ch.close();
              done++;
              l.fail();
            }
          }
          selector.selectedKeys().clear();
        }
      } finally {
        for (SocketChannel ch : channels) {
          ch.close();
        }
      }
    }
    return new Burst(ok, l, System.nanoTime() - start);
  }

  // ---------------------------------------------------------------- command line

  private void cliCases() throws Exception {
    Path evil = work.resolve("evil.list");
    Files.writeString(evil, "#$ 3929093563\n#@ 3960057600\n2272060800\t10\n2287785600\t\u001b]0;owned\u0007\n",
        StandardCharsets.ISO_8859_1);
    Path dir = Files.createDirectories(work.resolve("a-directory"));
    String[][] cases = {
      {"keyfile-zero-decode", "decode", "--keyfile", "/dev/zero", "00"},
      {"keyfile-zero-query", "query", "--keyfile", "/dev/zero", "--key", "1", "127.0.0.1:1"},
      {"keyfile-zero-serve", "serve", "--keyfile", "/dev/zero", "--display", "none", "--http-port", "0", "--ntp-port", "0"},
      {"leapfile-zero", "leapfile", "/dev/zero"},
      {"leapfile-escape", "leapfile", evil.toString()},
      {"leapfile-directory", "leapfile", dir.toString()},
      {"decode-fullwidth", "decode", "２３"},
      {"decode-zz", "decode", "zz"},
      {"convert-iso-max", "convert", "--iso", "+1000000000-01-01T00:00:00Z"},
      {"convert-unix-max", "convert", "--unix", "31556889864403199"},
      {"convert-unix-min", "convert", "--unix", "-31557014167219200"},
      {"convert-gps10-near", "convert", "--gps10", "1023:0", "--near", "+999999999-01-01T00:00:00Z"},
      {"serve-png-nodir", "serve", "--display", "png:/nonexistent/dir/x.png", "--http-port", "0", "--ntp-port", "0"},
    };
    for (String[] c : cases) {
      List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-jar", jar.toString()));
      command.addAll(Arrays.asList(c).subList(1, c.length));
      Path log = work.resolve(c[0] + ".log");
      long t0 = System.nanoTime();
      Process p = processes.start(command, log);
      boolean finished = p.waitFor(60, TimeUnit.SECONDS);
      long elapsed = System.nanoTime() - t0;
      if (!finished) {
        Processes.stop(p);
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      String first = out.lines().filter(s -> !s.isBlank()).findFirst().orElse("");
      boolean raw = out.chars().anyMatch(ch -> ch == 0x1b || ch == 0x07);
      boolean className = out.matches("(?s).*\\b\\w+(Exception|Error)\\b.*");
      line(c[0], (finished ? "exit " + p.exitValue() : "still running after 60 s") + " in " + ms(elapsed)
          + (raw ? ", RAW CONTROL CHARACTERS" : "") + (className ? ", JAVA CLASS NAME" : "") + ": "
          + first.replace("|", "\\|"));
    }
  }

  // ---------------------------------------------------------------- NTP rate limiting

  private void floodCases() throws Exception {
    String[][] settings = {
      {"flood-off", null},
      {"flood-leak2", "3:8:2"},
      {"flood-leak4", "3:8:4"},
      {"flood-leak0", "3:8:0"},
      {"flood-leak2-kod", "3:8:2", "kod"},
    };
    for (String[] s : settings) {
      List<String> options = new ArrayList<>();
      if (s[1] != null) {
        options.addAll(List.of("--rate-limit", s[1]));
      }
      if (s.length > 2) {
        options.add("--rate-limit-kod");
      }
      try (Serve serve = serve(s[0], options)) {
        Flood f = flood(serve.ntpPort, 3);
        line(s[0], (s[1] == null ? "no rate limit" : "--rate-limit " + s[1] + (s.length > 2 ? " --rate-limit-kod" : ""))
            + ": one client sent " + perSecond(f.sent, f.nanos) + " requests/s; answered " + perSecond(f.normal, f.nanos)
            + " normal/s and " + perSecond(f.kod, f.nanos) + " KoD RATE/s");
      }
    }
  }

  private record Flood(long sent, long normal, long kod, long nanos) {}

  /** One socket sends as fast as it can for {@code seconds}; another thread counts the replies. */
  private static Flood flood(int port, int seconds) throws Exception {
    AtomicLong normal = new AtomicLong();
    AtomicLong kod = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    DatagramChannel ch = DatagramChannel.open();
    try {
      ch.bind(new InetSocketAddress(LOOPBACK, 0));
      ch.connect(new InetSocketAddress(LOOPBACK, port));
      Thread receiver = new Thread(() -> {
        ByteBuffer in = ByteBuffer.allocate(1024);
        while (!stop.get()) {
          in.clear();
          try {
            ch.read(in);
          } catch (IOException e) {
            if (stop.get()) {
              return;
            }
            continue; // A refused send's ICMP error surfaces here; keep counting.
          }
          if (in.position() >= 48) {
            if (in.get(1) == 0 && in.getInt(12) == 0x52415445) {
              kod.incrementAndGet();
            } else {
              normal.incrementAndGet();
            }
          }
        }
      }, "flood-receiver");
      receiver.setDaemon(true);
      receiver.start();
      ByteBuffer request = clientRequest();
      long sent = 0;
      long t0 = System.nanoTime();
      long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        request.clear();
        try {
          ch.write(request);
          sent++;
        } catch (IOException e) {
          // ECONNREFUSED from an earlier ICMP: the next write goes through.
        }
      }
      long nanos = System.nanoTime() - t0;
      Thread.sleep(300); // replies in flight
      stop.set(true);
      ch.close();
      receiver.join(2000);
      return new Flood(sent, normal.get(), kod.get(), nanos);
    } finally {
      ch.close();
    }
  }

  /** A mode 3, version 4 request with a transmit timestamp of now. */
  private static ByteBuffer clientRequest() {
    ByteBuffer b = ByteBuffer.allocate(48);
    b.put(0, (byte) 0x23);
    long now = System.currentTimeMillis();
    b.putLong(40, ((now / 1000 + NTP_UNIX_OFFSET) << 32) | ((now % 1000) << 32) / 1000);
    return b;
  }

  /**
   * A polite client and a new client while a flood of new source addresses overflows the 4096-slot
   * client table: the polite client polls every 4 s (its limit allows one per 4 s) and is
   * established before the flood; the new client first appears during the flood. A flood address's
   * bucket, drained by its 12 requests, takes 32 s to refill, so a client that loses its slot comes
   * back to an empty bucket.
   */
  private void tableCases() throws Exception {
    for (String limit : new String[] {"2:8:0", "2:8:2"}) {
      try (Serve serve = serve("table-" + limit, List.of("--rate-limit", limit))) {
        InetAddress politeAddress = InetAddress.getByName("127.0.0.2");
        InetAddress newAddress = InetAddress.getByName("127.0.0.3");
        try (DatagramChannel polite = udp(politeAddress); DatagramChannel newcomer = udp(newAddress)) {
          int port = serve.ntpPort;
          // Established: two answers two seconds apart, before the flood.
          ask(polite, port);
          Thread.sleep(POLITE_POLL_MILLIS);
          ask(polite, port);
          AtomicBoolean stop = new AtomicBoolean();
          AtomicLong floodSent = new AtomicLong();
          AtomicLong floodAnswered = new AtomicLong();
          Thread flooder = new Thread(() -> floodFromNewAddresses(port, stop, floodSent, floodAnswered), "new-addresses");
          flooder.setDaemon(true);
          flooder.start();
          Thread.sleep(1000);
          int politeAsked = 0;
          int politeAnswered = 0;
          int newAsked = 0;
          int newAnswered = 0;
          StringBuilder politeRow = new StringBuilder();
          long t0 = System.nanoTime();
          for (int poll = 0; poll < 6; poll++) {
            politeAsked++;
            boolean p = ask(polite, port);
            politeRow.append(p ? '+' : '-');
            if (p) {
              politeAnswered++;
            }
            if (poll % 2 == 1) {
              newAsked++;
              if (ask(newcomer, port)) {
                newAnswered++;
              }
            }
            Thread.sleep(POLITE_POLL_MILLIS);
          }
          long nanos = System.nanoTime() - t0;
          stop.set(true);
          flooder.join(5000);
          line("table-" + limit, "--rate-limit " + limit + ", 4096-slot table, flood of " + perSecond(floodSent.get(), nanos)
              + " new addresses/s, " + FLOOD_BURST + " requests each (" + floodSent.get() + " addresses in all, "
              + floodAnswered.get() + " got a first answer): polite client answered "
              + politeAnswered + "/" + politeAsked + " [" + politeRow + "], new client answered " + newAnswered + "/" + newAsked);
        }
      }
    }
  }

  /**
   * Each new loopback address (127.1.0.1 upwards, one socket bound per address) sends a burst of
   * {@value #FLOOD_BURST} requests, more than its limit allows, so every bucket the flood leaves in
   * the table is empty: a client that loses its slot to the flood comes back to an empty bucket.
   */
  private static void floodFromNewAddresses(int port, AtomicBoolean stop, AtomicLong sent, AtomicLong answered) {
    int next = 0;
    ByteBuffer in = ByteBuffer.allocate(64);
    while (!stop.get() && next < 4_000_000) {
      int a = 0x7F01_0000 + next++;
      if ((a & 0xFF) == 0 || (a & 0xFF) == 0xFF) {
        continue;
      }
      byte[] ip = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
      try (DatagramChannel ch = DatagramChannel.open()) {
        ch.bind(new InetSocketAddress(InetAddress.getByAddress(ip), 0));
        ch.configureBlocking(false);
        for (int i = 0; i < FLOOD_BURST; i++) {
          ch.send(clientRequest(), new InetSocketAddress(LOOPBACK, port));
        }
        sent.incrementAndGet();
        // A reply, if any, is back within a few hundred microseconds on loopback; one quick look.
        for (int spin = 0; spin < 200; spin++) {
          in.clear();
          if (ch.receive(in) != null) {
            answered.incrementAndGet();
            break;
          }
          Thread.onSpinWait();
        }
      } catch (IOException e) {
        // An address that cannot be bound is skipped.
      }
    }
  }

  private static DatagramChannel udp(InetAddress address) throws IOException {
    // IPv4 socket: a dual-stack one cannot send from an IPv4 broadcast address.
    DatagramChannel ch = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
    // Needed to send from a broadcast address at all.
    ch.setOption(java.net.StandardSocketOptions.SO_BROADCAST, true);
    ch.bind(new InetSocketAddress(address, 0));
    return ch;
  }

  /** One request; true if a normal (not KoD) reply arrives within 1 s. */
  private static boolean ask(DatagramChannel ch, int port) throws IOException {
    ch.configureBlocking(true);
    ch.send(clientRequest(), new InetSocketAddress(LOOPBACK, port));
    ByteBuffer in = ByteBuffer.allocate(64);
    ch.configureBlocking(false);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    try (Selector selector = Selector.open()) {
      ch.register(selector, SelectionKey.OP_READ);
      while (System.nanoTime() < deadline) {
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        in.clear();
        if (ch.receive(in) != null && in.position() >= 48) {
          return !(in.get(1) == 0 && in.getInt(12) == 0x52415445);
        }
      }
    }
    return false;
  }

  private void sourceAddressCases() throws Exception {
    try (Serve serve = serve("sources", List.of())) {
      for (String source : new String[] {"127.0.0.0", "127.255.255.255", "127.0.0.1"}) {
        String result;
        try (DatagramChannel ch = udp(InetAddress.getByName(source))) {
          int answered = 0;
          for (int i = 0; i < 3; i++) {
            if (ask(ch, serve.ntpPort)) {
              answered++;
            }
          }
          result = answered + "/3 answered";
        } catch (IOException e) {
          result = "cannot bind here (" + e.getMessage() + ")";
        }
        line("source-" + source, "request from " + source + ": " + result);
      }
    }
  }

  // ---------------------------------------------------------------- plumbing

  /** A started server and the ports it printed; closing stops it. */
  private record Serve(Process process, int ntpPort, int httpPort) implements AutoCloseable {
    @Override
    public void close() {
      Processes.stop(process);
    }
  }

  /** Starts {@code serve} on free ports and waits (at most 60 s) for it to print them. */
  private Serve serve(String name, List<String> options) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "serve", "--display", "none",
        "--ntp-port", "0", "--http-port", "0"));
    command.addAll(options);
    return start("serve-" + name, command);
  }

  private static String peerClassPath() {
    return System.getProperty("java.class.path");
  }

  /** Starts a server that prints its ports as {@code serve} does, and waits (at most 60 s) for them. */
  private Serve start(String name, List<String> command) throws Exception {
    Path log = work.resolve(name + ".log");
    Process p = processes.start(command, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      String out = Files.readString(log, StandardCharsets.UTF_8);
      Matcher ntp = NTP_LINE.matcher(out);
      Matcher http = HTTP_LINE.matcher(out);
      if (ntp.find() && http.find()) {
        return new Serve(p, Integer.parseInt(ntp.group(1)), Integer.parseInt(http.group(1)));
      }
      Thread.sleep(100);
    }
    Processes.stop(p);
    throw new IOException("serve did not start: " + Files.readString(log, StandardCharsets.UTF_8));
  }

  private static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void line(String name, String figure) {
    System.out.println("| " + name + " | " + figure + " |");
    System.out.flush();
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  private static String perSecond(long count, long nanos) {
    return String.format(Locale.ROOT, "%,.0f", count * 1e9 / Math.max(1, nanos));
  }

  /** Latencies of successful operations, and a count of failures. */
  private static final class Latencies {
    private long[] values = new long[64];
    private int n;
    private int failures;

    void add(long nanos) {
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
      }
      values[n++] = nanos;
    }

    void fail() {
      failures++;
    }

    int count() {
      return n;
    }

    long percentile(int p) {
      if (n == 0) {
        return 0;
      }
      long[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      return sorted[Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1)];
    }

    long max() {
      return percentile(100);
    }

    String summaryTimes() {
      return "p50 " + ms(percentile(50)) + ", p99 " + ms(percentile(99)) + ", max " + ms(max());
    }

    String summary() {
      return n + "/" + (n + failures) + " answered 200, " + summaryTimes();
    }
  }
}
