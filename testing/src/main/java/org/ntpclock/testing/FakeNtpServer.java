package org.ntpclock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.ntpclock.codec.Mode;
import org.ntpclock.codec.NtpDecodeException;
import org.ntpclock.codec.NtpPacket;
import org.ntpclock.codec.ParsePolicy;
import org.ntpclock.codec.auth.NtpAuthenticator;
import org.ntpclock.core.NtpShort;
import org.ntpclock.core.NtpTimestamp;
import org.ntpclock.core.ReferenceId;

/**
 * A programmable NTP server on a loopback UDP port, for testing NTP clients: each request is
 * answered by the next {@link FakeReply} of a script ({@link #enqueue}), then by a default reply
 * ({@link #answerAlways}, initially {@link FakeReply#correct()}), and every request is recorded
 * for assertions ({@link #requests()}, {@link #takeRequest(Duration)}).
 *
 * <pre>{@code
 * try (FakeNtpServer server = FakeNtpServer.start()) {
 *   server.enqueue(FakeReply.kissOfDeath("RATE"), FakeReply.correct().withOffset(Duration.ofSeconds(2)));
 *   // point the client under test at server.address() ...
 *   assertThat(server.takeRequest(Duration.ofSeconds(5)).requirePacket().mode()).isEqualTo(Mode.CLIENT);
 * }
 * }</pre>
 *
 * <p>One daemon thread serves requests in arrival order; a delayed reply holds up the ones behind
 * it, as a slow single-threaded server would. {@link #close()} stops the thread and frees the port.
 * Thread-safe.
 */
public final class FakeNtpServer implements AutoCloseable {
  private static final int MAX_DATAGRAM = 65_535;
  private static final ReferenceId FAKE = ReferenceId.ofAscii("FAKE");

  private final DatagramChannel channel;
  private final InstantSource clock;
  private final Instant startedAt;
  private final Thread thread;
  private final Object lock = new Object();
  private final Deque<FakeReply> script = new ArrayDeque<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private FakeReply always = FakeReply.correct();
  private int taken;
  private volatile IOException failure;

  private FakeNtpServer(DatagramChannel channel, InstantSource clock) {
    this.channel = channel;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.thread = new Thread(this::serve, "fake-ntp-server-" + address().getPort());
    this.thread.setDaemon(true);
  }

  /**
   * Starts a server on an ephemeral port of 127.0.0.1 that keeps time by the system clock.
   *
   * @return the running server
   * @throws IOException if no port can be bound
   */
  public static FakeNtpServer start() throws IOException {
    return start(InstantSource.system());
  }

  /**
   * Starts a server on an ephemeral port of 127.0.0.1 that keeps time by this clock.
   *
   * @param clock the server's clock (before any {@link FakeReply#withOffset})
   * @return the running server
   * @throws IOException if no port can be bound
   */
  public static FakeNtpServer start(InstantSource clock) throws IOException {
    Objects.requireNonNull(clock, "clock");
    DatagramChannel channel = DatagramChannel.open();
    try {
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    FakeNtpServer server = new FakeNtpServer(channel, clock);
    server.thread.start();
    return server;
  }

  /**
   * The address clients send to.
   *
   * @return the loopback address and port
   */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), channel.socket().getLocalPort());
  }

  /**
   * The port clients send to.
   *
   * @return the UDP port
   */
  public int port() {
    return channel.socket().getLocalPort();
  }

  /**
   * Adds replies to the script: the next requests are answered by these, in order, before the
   * default reply takes over again.
   *
   * @param replies the replies, one per request
   * @return this server
   */
  public FakeNtpServer enqueue(FakeReply... replies) {
    for (FakeReply r : replies) {
      Objects.requireNonNull(r, "reply");
    }
    synchronized (lock) {
      script.addAll(Arrays.asList(replies));
    }
    return this;
  }

  /**
   * Sets the reply for every request the script does not cover.
   *
   * @param reply the default reply
   * @return this server
   */
  public FakeNtpServer answerAlways(FakeReply reply) {
    Objects.requireNonNull(reply, "reply");
    synchronized (lock) {
      always = reply;
    }
    return this;
  }

  /**
   * Every request received so far, in arrival order.
   *
   * @return an immutable snapshot
   */
  public List<RecordedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /**
   * How many requests have arrived.
   *
   * @return the count
   */
  public int requestCount() {
    synchronized (lock) {
      return requests.size();
    }
  }

  /**
   * Waits for the next request this method has not returned yet.
   *
   * @param timeout the longest wait
   * @return the request
   * @throws InterruptedException if interrupted while waiting
   * @throws AssertionError if no new request arrives in time
   */
  public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (taken >= requests.size()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no request " + (taken + 1) + " within " + timeout);
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return requests.get(taken++);
    }
  }

  private void serve() {
    ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM);
    try {
      while (true) {
        in.clear();
        SocketAddress from = channel.receive(in);
        Instant arrival = clock.instant();
        in.flip();
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        FakeReply reply;
        synchronized (lock) {
          reply = script.isEmpty() ? always : script.poll();
        }
        byte[] answer = answer(reply, bytes, arrival);
        synchronized (lock) {
          requests.add(RecordedRequest.of(bytes, (InetSocketAddress) from, arrival, reply));
          lock.notifyAll();
        }
        if (answer != null) {
          if (!reply.delay.isZero()) {
            Thread.sleep(reply.delay.toMillis(), reply.delay.toNanosPart() % 1_000_000);
          }
          channel.send(ByteBuffer.wrap(answer), from);
        }
      }
    } catch (ClosedChannelException e) {
      // close() ends the loop
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Instant served(FakeReply reply, Instant now) {
    Instant base = reply.servingTime == null ? now : reply.servingTime.plus(Duration.between(startedAt, now));
    return base.plus(reply.offset);
  }

  /** The datagram to send for {@code request}, or null for silence. */
  private byte[] answer(FakeReply reply, byte[] request, Instant arrival) {
    switch (reply.kind) {
      case NONE:
        return null;
      case RAW:
        return reply.raw.clone();
      default:
        break;
    }
    NtpPacket req;
    try {
      req = NtpPacket.decode(request, ParsePolicy.lenient());
    } catch (NtpDecodeException e) {
      return null; // a real server ignores what is not an NTP request; so does this one
    }
    NtpTimestamp origin = req.transmitTimestamp();
    if (reply.wrongOrigin) {
      origin = NtpTimestamp.ofBits(origin.toBits() ^ 0x0000_0001_8000_0000L);
    }
    Instant receive = served(reply, arrival);
    NtpPacket.Builder b =
        NtpPacket.builder()
            .leap(reply.leap)
            .version(req.version())
            .mode(Mode.SERVER)
            .stratum(reply.stratum)
            .poll(req.poll())
            .precision(-20)
            .rootDelay(NtpShort.ZERO)
            .rootDispersion(NtpShort.ofBits(0x0000_0010))
            .referenceId(reply.kissCode != null ? ReferenceId.ofAscii(reply.kissCode) : FAKE)
            .referenceTimestamp(NtpTimestamp.fromInstant(receive.minusSeconds(16)))
            .originTimestamp(origin)
            .receiveTimestamp(NtpTimestamp.fromInstant(receive));
    Instant transmit = served(reply, clock.instant());
    b.transmitTimestamp(reply.zeroTransmit ? NtpTimestamp.UNKNOWN : NtpTimestamp.fromInstant(transmit));
    byte[] packet = b.build().toByteArray();
    if (reply.key != null) {
      int macLength = NtpAuthenticator.macLength(reply.key);
      byte[] signed = Arrays.copyOf(packet, packet.length + macLength);
      NtpAuthenticator.sign(packet, 0, packet.length, reply.key, signed, packet.length);
      if (reply.corruptMac) {
        signed[signed.length - 1] ^= 0x01;
      }
      packet = signed;
    }
    if (reply.truncateTo >= 0 && reply.truncateTo < packet.length) {
      packet = Arrays.copyOf(packet, reply.truncateTo);
    }
    return packet;
  }

  /**
   * Stops serving and frees the port; requests recorded so far stay readable.
   *
   * @throws UncheckedIOException if the serving thread had failed with an I/O error (the test
   *     should know its server was not answering)
   */
  @Override
  public void close() {
    try {
      channel.close();
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw new UncheckedIOException("the fake NTP server failed while serving", failure);
    }
  }

  @Override
  public String toString() {
    return "FakeNtpServer[" + address() + ", " + requestCount() + " requests]";
  }
}
