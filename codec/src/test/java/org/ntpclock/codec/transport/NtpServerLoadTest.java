package org.ntpclock.codec.transport;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ntpclock.codec.server.Allocations;
import org.ntpclock.codec.server.Interop;
import org.ntpclock.codec.server.NtpResponder;
import org.ntpclock.codec.server.RateLimiter;
import org.ntpclock.codec.server.Verdict;
import org.ntpclock.core.SystemTimeSource;

/**
 * A bounded flood on loopback: valid requests from many distinct source ports plus junk (random
 * bytes, truncated headers, modes 6 and 7, oversized and malformed datagrams), for at least a few
 * seconds and until the server has answered a thousand valid requests and counted every kind of
 * junk (events, not a rate: a slow machine floods longer), at most 40 s. The server must stay up,
 * answer the valid requests, answer none of the junk, and keep its heap bounded. The figures are
 * printed.
 */
class NtpServerLoadTest {
  private static final Duration FLOOD = Duration.ofSeconds(3);
  private static final Duration MAX_FLOOD = Duration.ofSeconds(40);
  private static final int VALID_PORTS = 256;
  private static final long MAGIC = 0x5EED_0000_0000_0000L;

  @Test
  @Timeout(60)
  void floodOfValidRequestsAndJunk() throws Exception {
    Runtime rt = Runtime.getRuntime();
    try (NtpServer server = NtpServer.builder(SystemTimeSource.create()).port(0).workers(2)
        .receiveBufferBytes(1 << 20).start()) {
      InetSocketAddress target = server.localAddress();
      Interop.warmUp(target, 2000);
      long heapBefore = usedHeapAfterGc(rt);
      long allocBefore = workerAllocations(server);
      ServerStats statsBefore = server.stats();

      AtomicLong validSent = new AtomicLong();
      AtomicLong validReplies = new AtomicLong();
      AtomicLong junkSent = new AtomicLong();
      AtomicLong junkReplies = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      Thread valid = new Thread(() -> floodValid(target, stop, validSent, validReplies), "valid-load");
      Thread junk = new Thread(() -> floodJunk(target, stop, junkSent, junkReplies), "junk-load");
      long start = System.nanoTime();
      valid.start();
      junk.start();
      try {
        while (System.nanoTime() - start < MAX_FLOOD.toNanos()
            && (System.nanoTime() - start < FLOOD.toNanos() || validReplies.get() <= 1000 || !everyJunkKindCounted(server))) {
          Thread.sleep(10);
        }
      } finally {
        stop.set(true);
        valid.join(20_000);
        junk.join(20_000);
      }
      assertThat(valid.isAlive() || junk.isAlive()).as("load threads stopped").isFalse();

      long allocAfter = workerAllocations(server);
      ServerStats stats = server.stats();
      long heapAfter = usedHeapAfterGc(rt);
      long received = stats.received() - statsBefore.received();
      long answered = stats.answered() - statsBefore.answered();
      System.out.printf("Load: %d valid requests sent from %d source ports, %d replies received; "
          + "%d junk datagrams sent, %d replies to junk%n", validSent.get(), VALID_PORTS, validReplies.get(),
          junkSent.get(), junkReplies.get());
      System.out.printf("Server: received %d, answered %d, dropped %d, by verdict %s%n",
          received, answered, stats.dropped() - statsBefore.dropped(), stats.verdicts());
      System.out.printf("Heap used after GC: before %d KiB, after %d KiB (delta %+d KiB); "
          + "server workers allocated %d bytes = %.1f bytes per datagram%n",
          heapBefore / 1024, heapAfter / 1024, (heapAfter - heapBefore) / 1024, allocAfter - allocBefore,
          (double) (allocAfter - allocBefore) / Math.max(1, received));

      assertThat(server.isRunning()).isTrue();
      assertThat(junkReplies.get()).as("no junk is ever answered").isZero();
      assertThat(validReplies.get()).as("valid requests are answered").isGreaterThan(1000);
      assertThat(answered).isGreaterThanOrEqualTo(validReplies.get());
      assertThat(stats.count(Verdict.DROPPED_CONTROL_OR_PRIVATE)).isPositive();
      assertThat(stats.count(Verdict.DROPPED_TOO_SHORT)).isPositive();
      assertThat(stats.count(Verdict.DROPPED_TOO_LONG)).isPositive();
      assertThat(stats.count(Verdict.DROPPED_MALFORMED)).isPositive();
      assertThat(heapAfter - heapBefore).as("heap stays bounded").isLessThan(16L << 20);
      // Still serving after the flood.
      Interop.warmUp(target, 10);
    }
  }

  /**
   * Rate limiting under a flood from 250 distinct client addresses (127.0.0.2 ..) into a 64-slot
   * table: the table evicts and memory stays fixed, over-limit clients get KoD RATE or silence,
   * and some requests are still answered.
   */
  @Test
  @Timeout(60)
  void floodFromManyAddressesAgainstASmallRateLimitTable() throws Exception {
    Runtime rt = Runtime.getRuntime();
    // Buckets refill on a stopped ticker, so what is answered and what gets KoD depends on the
    // requests alone, not on how fast this machine sends them.
    RateLimiter limiter = RateLimiter.builder().interval(0).burst(4).leak(2).kod(true).capacity(64).ticker(() -> 0L)
        .build();
    NtpResponder responder = NtpResponder.builder(SystemTimeSource.create()).rateLimiter(limiter).build();
    try (NtpServer server = NtpServer.builder(responder).port(0).workers(2).receiveBufferBytes(1 << 20).start()) {
      InetSocketAddress target = server.localAddress();
      Interop.warmUp(target, 200);
      long heapBefore = usedHeapAfterGc(rt);
      List<DatagramChannel> clients = new ArrayList<>();
      try {
        for (int i = 2; i < 252; i++) {
          DatagramChannel ch = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
          ch.configureBlocking(false);
          ch.bind(new InetSocketAddress(java.net.InetAddress.getByName("127.0.0." + i), 0));
          clients.add(ch);
        }
        ByteBuffer req = ByteBuffer.allocateDirect(48);
        ByteBuffer resp = ByteBuffer.allocateDirect(128);
        long sent = 0;
        long replies = 0;
        long kods = 0;
        // At least 2 s, and until the events the assertions need have happened (at most 40 s).
        long start = System.nanoTime();
        while (System.nanoTime() - start < MAX_FLOOD.toNanos()
            && (System.nanoTime() - start < Duration.ofSeconds(2).toNanos() || kods == 0
                || server.stats().count(Verdict.ANSWERED) == 0)) {
          for (DatagramChannel ch : clients) {
            req.clear();
            req.put(0, (byte) 0x23).putLong(40, ++sent);
            ch.send(req, target);
          }
          for (DatagramChannel ch : clients) {
            resp.clear();
            while (ch.receive(resp) != null) {
              replies++;
              if (resp.get(1) == 0 && resp.getInt(12) == 0x52415445) {
                kods++;
              }
              resp.clear();
            }
          }
        }
        ServerStats stats = server.stats();
        long heapAfter = usedHeapAfterGc(rt);
        System.out.printf("Rate-limited flood: %d requests from %d addresses into a %d-slot table; %d replies (%d KoD RATE); "
            + "server: answered %d, KoD RATE %d, dropped as rate-limited %d; heap after GC %d -> %d KiB%n",
            sent, clients.size(), limiter.capacity(), replies, kods, stats.count(Verdict.ANSWERED),
            stats.count(Verdict.KOD_RATE), stats.count(Verdict.DROPPED_RATE_LIMITED), heapBefore / 1024, heapAfter / 1024);
        assertThat(server.isRunning()).isTrue();
        assertThat(stats.count(Verdict.ANSWERED)).isPositive();
        assertThat(stats.rateLimited()).isPositive();
        assertThat(stats.count(Verdict.KOD_RATE)).as("the table does not thrash into answering everyone")
            .isGreaterThan(stats.count(Verdict.ANSWERED) / 4);
        assertThat(kods).isPositive();
        assertThat(heapAfter - heapBefore).isLessThan(16L << 20);
      } finally {
        for (DatagramChannel ch : clients) {
          ch.close();
        }
      }
    }
  }

  private static boolean everyJunkKindCounted(NtpServer server) {
    ServerStats s = server.stats();
    return s.count(Verdict.DROPPED_CONTROL_OR_PRIVATE) > 0 && s.count(Verdict.DROPPED_TOO_SHORT) > 0
        && s.count(Verdict.DROPPED_TOO_LONG) > 0 && s.count(Verdict.DROPPED_MALFORMED) > 0;
  }

  private static long usedHeapAfterGc(Runtime rt) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long workerAllocations(NtpServer server) {
    long sum = 0;
    for (Thread t : server.workerThreads()) {
      sum += Allocations.of(t);
    }
    return sum;
  }

  private static void floodValid(InetSocketAddress target, AtomicBoolean stop, AtomicLong sent, AtomicLong replies) {
    List<DatagramChannel> channels = new ArrayList<>();
    try {
      for (int i = 0; i < VALID_PORTS; i++) {
        DatagramChannel ch = DatagramChannel.open();
        ch.configureBlocking(false);
        ch.bind(new InetSocketAddress(target.getAddress(), 0));
        channels.add(ch);
      }
      ByteBuffer req = ByteBuffer.allocateDirect(48);
      ByteBuffer resp = ByteBuffer.allocateDirect(128);
      long seq = 0;
      while (!stop.get()) {
        for (int i = 0; i < channels.size(); i++) {
          req.clear();
          req.put(0, (byte) 0x23).putLong(40, MAGIC | (long) i << 32 | (seq++ & 0xFFFF_FFFFL));
          if (channels.get(i).send(req, target) > 0) {
            sent.incrementAndGet();
          }
        }
        drain(channels, resp, replies);
      }
      Thread.sleep(300);
      drain(channels, resp, replies);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      for (DatagramChannel ch : channels) {
        try {
          ch.close();
        } catch (IOException e) {
          // test cleanup
        }
      }
    }
  }

  private static void drain(List<DatagramChannel> channels, ByteBuffer resp, AtomicLong replies) throws IOException {
    for (int i = 0; i < channels.size(); i++) {
      while (true) {
        resp.clear();
        if (channels.get(i).receive(resp) == null) {
          break;
        }
        resp.flip();
        long origin = resp.remaining() >= 48 ? resp.getLong(24) : 0;
        if (resp.remaining() == 48 && (resp.get(0) & 7) == 4 && (origin >>> 48) == (MAGIC >>> 48)
            && ((origin >>> 32) & 0xFFFF) == i) {
          replies.incrementAndGet();
        }
      }
    }
  }

  private static void floodJunk(InetSocketAddress target, AtomicBoolean stop, AtomicLong sent, AtomicLong replies) {
    Random random = new Random(42);
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.configureBlocking(false);
      ch.bind(new InetSocketAddress(target.getAddress(), 0));
      ByteBuffer resp = ByteBuffer.allocate(2048);
      long n = 0;
      while (!stop.get()) {
        byte[] junk = junk(random, n++);
        if (ch.send(ByteBuffer.wrap(junk), target) > 0) {
          sent.incrementAndGet();
        }
        if ((n & 63) == 0) {
          Thread.onSpinWait();
        }
        resp.clear();
        while (ch.receive(resp) != null) {
          replies.incrementAndGet();
          resp.clear();
        }
      }
      Thread.sleep(300);
      resp.clear();
      while (ch.receive(resp) != null) {
        replies.incrementAndGet();
        resp.clear();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Junk in five kinds, none of which is a valid request. */
  static byte[] junk(Random random, long n) {
    switch ((int) (n % 5)) {
      case 0: { // random bytes whose first byte is not a v1..v4 mode 1/3 request
        byte[] b = new byte[random.nextInt(600)];
        random.nextBytes(b);
        if (b.length > 0) {
          int mode = new int[] {0, 2, 4, 5, 6, 7}[random.nextInt(6)];
          b[0] = (byte) ((b[0] & 0xF8) | mode);
        }
        return b;
      }
      case 1: { // a valid request header cut short
        byte[] b = new byte[random.nextInt(48)];
        if (b.length > 0) {
          b[0] = 0x23;
        }
        return b;
      }
      case 2: { // control and private queries, any version
        byte[] b = new byte[48 + 4 * random.nextInt(20)];
        random.nextBytes(b);
        b[0] = (byte) ((b[0] & 0xF8) | (6 + random.nextInt(2)));
        return b;
      }
      case 3: { // oversized: longer than any request the server accepts
        byte[] b = new byte[NtpResponder.MAX_REQUEST_LENGTH + 4 + 4 * random.nextInt(200)];
        b[0] = 0x23;
        return b;
      }
      default: { // a client header followed by a tail that is neither extension fields nor a MAC
        byte[] b = new byte[48 + 4 + 4 * random.nextInt(4)];
        b[0] = 0x23;
        for (int i = 48; i < b.length; i++) {
          b[i] = (byte) 0xFF;
        }
        return b;
      }
    }
  }
}
